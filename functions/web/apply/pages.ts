import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate } from '../../shared/i18n.ts';
import { HttpError } from '../../shared/problem.ts';
import type { ApiAnswer } from '../api-client.ts';
import { backLink, button, errorSummary, hiddenFields, panel, summaryList } from '../components.ts';
import { type PageContent, pathIn } from '../layout.ts';
import { messagePage, type PageResult, type PageRoute } from '../server.ts';
import { countryChoices } from './countries.ts';
import {
  type Draft,
  type DraftRef,
  draftRefFrom,
  forgetDraft,
  keepDraft,
  readDraft,
  saveDraft,
  startDraft,
  submitDraft,
} from './draft-client.ts';
import { type MappedError, mapErrors } from './field-errors.ts';
import { fileSize } from './file-size.ts';
import { at, confirmation, currentDraft, expiredPage, isGone, unexpected } from './flow.ts';
import { signedFormPages } from './signed-form.ts';
import { FLOW, firstOpen, nextAfter, previousOf, STEPS, type Step, stepOf, type Values } from './steps.ts';
import { type ApplyWords, applyWords } from './words.ts';

/**
 * The Membership Application Form as question pages (`/<lang>/apply/...`), public, working without
 * JavaScript: each page posts to itself and redirects. Every answer is saved in the applicant's draft
 * by the API as they go (the first page starts it and emails its link), so nothing is lost and the
 * check page, its Change links and a resumed link all read the same draft. The API's refusals come
 * back on the page and field that asked, in the page's language.
 */
const REFERENCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const start: PageRoute = {
  method: 'GET',
  path: '/apply',
  handle: async ({ lang }) => {
    const w = applyWords(lang);
    const need = ['form', 'city', 'mayor', 'motivation'] as const;
    return {
      page: {
        title: w('apply.title'),
        body: html`<h1 class="heading heading--xl">${w('apply.title')}</h1>
<p class="lead">${w('start.lead')}</p>
<h2 class="heading heading--m">${w('start.needHeading')}</h2>
<p class="body">${w('start.needIntro')}</p>
<ul class="list list--bullet">${need.map((n) => html`<li>${w(`start.need.${n}`)}</li>`)}</ul>
<p class="body">${w('start.time')}</p>
<p><a class="button button--start" href="${at(lang, '/contact')}" draggable="false">${w('start.button')}</a></p>
<h2 class="heading heading--m">${w('start.nextHeading')}</h2>
<p class="body">${w('start.next')}</p>
<p class="body">${w('start.resume')}</p>`,
      },
    };
  },
};

/** A question page: its step, the answers to show, the errors the API gave. */
function stepPage(
  w: ApplyWords,
  step: Step,
  values: Values,
  errors: readonly MappedError[],
  returnTo: string | undefined,
  summaryOnly: readonly string[] = [],
): PageContent {
  const index = FLOW.indexOf(step);
  const previous = previousOf(step);
  const back = returnTo === 'check' ? at(w.lang, '/check') : at(w.lang, previous ? `/${previous.slug}` : '');
  const summary = [
    ...errors.map((e) => ({ field: e.field.id, message: e.message })),
    ...summaryOnly.map((message) => ({ field: step.fields[0]?.id ?? '', message })),
  ];
  return {
    title: step.title(w),
    hasErrors: summary.length > 0,
    scripts: ['forms'],
    body: html`${backLink(back, w.common('form.back'))}
${errorSummary(w.common('error.title'), summary)}
<span class="caption">${w('apply.step', { n: index + 1, total: FLOW.length })}</span>
<form method="post" novalidate>
${step.render({ w, values, errors: new Map(errors.map((e) => [e.field.id, e.message])) })}
${hiddenFields({ return: returnTo })}
<div class="button-group">
${button(w('button.saveContinue'))}
${button(w('button.later'), { name: 'then', value: 'later', secondary: true })}
</div>
</form>`,
  };
}

const returnOf = (value: unknown) => (value === 'check' ? 'check' : undefined);

const questionGet: PageRoute = {
  method: 'GET',
  path: '/apply/:step',
  handle: async (request) => {
    const step = stepOf(request.params.step ?? '');
    if (!step) throw new HttpError(404, 'No such question');
    const w = applyWords(request.lang);
    const found = await currentDraft(request);
    const returnTo = returnOf(request.query.get('return'));
    if ('submitted' in found) return confirmation(request.lang, found.submitted, [forgetDraft]);
    if ('draft' in found) return { page: stepPage(w, step, step.saved(found.draft.answers), [], returnTo) };
    // Nothing saved yet: the first question starts a draft; the others need one.
    if (step.slug !== 'contact') return found.gone ? expiredPage(w) : { redirect: at(request.lang, '') };
    return {
      page: stepPage(w, step, {}, [], undefined),
      ...(found.gone ? { cookies: [forgetDraft] } : {}),
    };
  },
};

const questionPost: PageRoute = {
  method: 'POST',
  path: '/apply/:step',
  handle: async (request) => {
    const step = stepOf(request.params.step ?? '');
    if (!step) throw new HttpError(404, 'No such question');
    const { lang, form } = request;
    const w = applyWords(lang);
    const returnTo = returnOf(form.return);
    const found = await currentDraft(request);
    if ('submitted' in found) return confirmation(lang, found.submitted, [forgetDraft]);
    if (!('draft' in found) && step.slug !== 'contact') {
      return found.gone ? expiredPage(w) : { redirect: at(lang, '') };
    }
    const draft = 'draft' in found ? found.draft : undefined;
    const answer = step.answer(form, draft, w);
    const typed = step.typed(form);
    const refused = (answer: ApiAnswer): PageResult => {
      if (answer.status === 400) {
        return { status: 400, page: stepPage(w, step, typed, mapErrors(answer.body, w, typed), returnTo) };
      }
      if (answer.status === 429) {
        return { status: 429, page: stepPage(w, step, typed, [], returnTo, [w('error.busy')]) };
      }
      return unexpected(answer);
    };
    const then = (cookies?: string[]): PageResult => ({
      redirect: at(lang, `/${form.then === 'later' ? 'saved' : (returnTo ?? nextAfter(step))}`),
      ...(cookies ? { cookies } : {}),
    });

    if (!draft) {
      // The first answers start the draft: the API emails its link to the contact's address.
      const contact = answer as { email?: string };
      const started = await startDraft({
        email: contact.email ?? '',
        language: lang,
        answers: { [step.section]: answer },
      });
      if (started.status !== 201) return refused(started);
      return then([keepDraft({ id: started.body.id, token: started.body.token })]);
    }
    const ref = (found as { ref: DraftRef }).ref;
    const email = step.slug === 'contact' ? (answer as { email?: string }).email : undefined;
    const saved = await saveDraft(ref, {
      answers: { ...draft.answers, [step.section]: answer },
      language: lang,
      ...(email ? { email } : {}),
    });
    if (saved.status === 200) return then();
    if (isGone(saved.status)) return expiredPage(w);
    if (saved.status === 409) {
      // Submitted meanwhile (another tab): its confirmation.
      const again = await currentDraft(request);
      if ('submitted' in again) return confirmation(lang, again.submitted, [forgetDraft]);
    }
    return refused(saved);
  },
};

/** The check page: every answer with its Change link, then the declaration and the submit button. */
function checkPage(
  w: ApplyWords,
  draft: Draft,
  errors: readonly { href: string; message: string }[],
): PageContent {
  const a = draft.answers;
  const lang = w.lang;
  const change = (step: string, field: string) => ({
    href: `${at(lang, `/${step}`)}?return=check#${field}`,
    label: w.common('form.change'),
  });
  const notGiven = w('check.notGiven');
  const country =
    countryChoices(lang).find((c) => c.value === a.city?.country)?.label ?? a.city?.country ?? '';
  const section = (title: string, rows: Parameters<typeof summaryList>[0]) =>
    html`<h2 class="heading heading--m">${title}</h2>${summaryList(rows)}`;
  const summary: SafeHtml | '' =
    errors.length > 0
      ? html`<div class="error-summary" data-error-summary tabindex="-1" role="alert" aria-labelledby="error-summary-title">
<h2 class="error-summary__title" id="error-summary-title">${w.common('error.title')}</h2>
<ul class="error-summary__list">${errors.map((e) => html`<li><a href="${e.href}">${e.message}</a></li>`)}</ul>
</div>`
      : '';
  return {
    title: w('check.title'),
    hasErrors: errors.length > 0,
    scripts: ['forms'],
    body: html`${backLink(at(lang, '/signed-form'), w.common('form.back'))}
${summary}
<h1 class="heading">${w('check.title')}</h1>
${section(w('check.contact'), [
  {
    key: w.field('contact-name', 'label'),
    value: a.contact?.name ?? '',
    change: change('contact', 'contact-name'),
  },
  {
    key: w.field('contact-title', 'label'),
    value: a.contact?.title ?? notGiven,
    change: change('contact', 'contact-title'),
  },
  {
    key: w.field('contact-email', 'label'),
    value: a.contact?.email ?? '',
    change: change('contact', 'contact-email'),
  },
  {
    key: w.field('contact-phone', 'label'),
    value: a.contact?.phone ?? notGiven,
    change: change('contact', 'contact-phone'),
  },
])}
${section(w('check.city'), [
  { key: w.field('city-name', 'label'), value: a.city?.name ?? '', change: change('city', 'city-name') },
  { key: w.field('city-country', 'label'), value: country, change: change('city', 'city-country') },
  {
    key: w.field('city-region', 'legend'),
    value: a.city ? w.region(a.city.region) : '',
    change: change('city', 'city-region'),
  },
  {
    key: w.field('city-population', 'label'),
    value: a.city ? new Intl.NumberFormat(w.locale).format(a.city.population) : '',
    change: change('city', 'city-population'),
  },
  {
    key: w.field('city-website', 'label'),
    value: a.city?.website ?? notGiven,
    change: change('city', 'city-website'),
  },
])}
${section(w('check.mayor'), [
  { key: w.field('mayor-name', 'label'), value: a.mayor?.name ?? '', change: change('mayor', 'mayor-name') },
  {
    key: w.field('mayor-officeEmail', 'label'),
    value: a.mayor?.officeEmail ?? '',
    change: change('mayor', 'mayor-officeEmail'),
  },
])}
${section(w('check.signatory'), [
  {
    key: w('check.signedBy'),
    value: w.field('signatory-isMayor', a.signatory?.isMayor ? 'mayor' : 'representative'),
    change: change('signatory', 'signatory-isMayor'),
  },
  {
    key: w.field('signatory-name', 'label'),
    value: a.signatory?.name ?? '',
    change: change('signatory', 'signatory-name'),
  },
  {
    key: w.field('signatory-title', 'label'),
    value: a.signatory?.title ?? '',
    change: change('signatory', 'signatory-title'),
  },
  {
    key: w.field('signatory-signedOn', 'legend'),
    value: a.signatory ? formatDate(w, a.signatory.signedOn) : '',
    change: change('signatory', 'signatory-signedOn'),
  },
])}
${section(w('check.motivation'), [
  {
    key: w('motivation.title'),
    value: html`<span class="apply-text">${a.motivation ?? ''}</span>`,
    change: change('motivation', 'motivation'),
  },
])}
${section(w('check.signedForm'), [
  {
    key: w('check.signedFormFile'),
    value: draft.signedForm
      ? w('check.signedFormValue', {
          size: fileSize(w, draft.signedForm.size),
          date: formatDate(w, draft.signedForm.uploadedAt),
        })
      : '',
    change: { href: at(lang, '/signed-form'), label: w.common('form.change') },
  },
])}
<h2 class="heading heading--m">${w('check.submitHeading')}</h2>
<p class="body">${w('check.declaration')}</p>
<form method="post" novalidate>
${button(w('check.submit'))}
</form>`,
  };
}

const checkGet: PageRoute = {
  method: 'GET',
  path: '/apply/check',
  handle: async (request) => {
    const w = applyWords(request.lang);
    const found = await currentDraft(request);
    if ('submitted' in found) return confirmation(request.lang, found.submitted, [forgetDraft]);
    if (!('draft' in found)) return found.gone ? expiredPage(w) : { redirect: at(request.lang, '') };
    const open = firstOpen(found.draft);
    if (open !== 'check') return { redirect: at(request.lang, `/${open}`) };
    return { page: checkPage(w, found.draft, []) };
  },
};

const checkPost: PageRoute = {
  method: 'POST',
  path: '/apply/check',
  handle: async (request) => {
    const { lang } = request;
    const w = applyWords(lang);
    const found = await currentDraft(request);
    if ('submitted' in found) return confirmation(lang, found.submitted, [forgetDraft]);
    if (!('draft' in found)) return found.gone ? expiredPage(w) : { redirect: at(lang, '') };
    const { ref, draft } = found;
    const done = await submitDraft(ref, lang);
    if (done.status === 201) return confirmation(lang, done.body.id, [forgetDraft]);
    if (isGone(done.status)) return expiredPage(w);
    if (done.status === 409) {
      // A second press of the button while the first was submitting: the first one's confirmation.
      const again = await currentDraft(request);
      if ('submitted' in again) return confirmation(lang, again.submitted, [forgetDraft]);
    }
    const saved = Object.assign({}, ...STEPS.map((s) => s.saved(draft.answers))) as Values;
    const errors =
      done.status === 400
        ? mapErrors(done.body, w, saved).map((e) => ({
            href: `${at(lang, `/${e.step.slug}`)}?return=check#${e.field.id}`,
            message: e.message,
          }))
        : done.status === 409
          ? [
              {
                href: `${at(lang, '/city')}?return=check#city-name`,
                message: /same time|reload/.test(String(done.body?.detail))
                  ? w('check.changed')
                  : w('check.duplicate', {
                      city: draft.answers.city?.name ?? '',
                      country:
                        countryChoices(lang).find((c) => c.value === draft.answers.city?.country)?.label ??
                        '',
                    }),
              },
            ]
          : done.status === 429
            ? [{ href: '#main', message: w('error.busy') }]
            : unexpected(done);
    return { status: done.status, page: checkPage(w, draft, errors) };
  },
};

const confirmationPage: PageRoute = {
  method: 'GET',
  path: '/apply/confirmation/:id',
  handle: async ({ lang, params }) => {
    const id = params.id ?? '';
    if (!REFERENCE.test(id)) throw new HttpError(404, 'Not a reference');
    const w = applyWords(lang);
    return {
      page: {
        title: w('confirmation.title'),
        body: html`${panel(w('confirmation.title'), html`${w('confirmation.reference')}<br>`, id)}
<p class="body">${w('confirmation.email')}</p>
<h2 class="heading heading--m">${w('confirmation.nextHeading')}</h2>
<p class="body">${w('confirmation.next')}</p>
<p class="body"><a href="${pathIn(lang, '/members')}">${w('confirmation.members')}</a></p>`,
      },
    };
  },
};

const saved: PageRoute = {
  method: 'GET',
  path: '/apply/saved',
  handle: async (request) => {
    const w = applyWords(request.lang);
    const found = await currentDraft(request);
    if ('submitted' in found) return confirmation(request.lang, found.submitted, [forgetDraft]);
    if (!('draft' in found)) return found.gone ? expiredPage(w) : { redirect: at(request.lang, '') };
    const { draft } = found;
    return {
      page: {
        title: w('saved.title'),
        body: html`${panel(w('saved.title'))}
<p class="body">${w('saved.body', { email: draft.email ?? '', date: formatDate(w, draft.expiresAt) })}</p>
<p class="body">${w('saved.spam')}</p>
<p><a class="button" href="${at(request.lang, `/${firstOpen(draft)}`)}" draggable="false">${w('saved.continue')}</a></p>`,
      },
    };
  },
};

/**
 * The emailed link: opening it changes nothing (mail scanners follow links); it keeps the draft for
 * this browser and goes on where the applicant left off, without the token in the address bar.
 */
const resume: PageRoute = {
  method: 'GET',
  path: '/apply/resume',
  handle: async ({ lang, query }) => {
    const w = applyWords(lang);
    const invalid: PageResult = {
      status: 404,
      page: messagePage(w('resume.invalid.title'), w('resume.invalid.body'), {
        href: at(lang, ''),
        label: w('resume.start'),
      }),
    };
    const ref = draftRefFrom(query.get('draft'), query.get('token'));
    if (!ref) return invalid;
    const answer = await readDraft(ref);
    if (answer.status === 410) return expiredPage(w);
    if (answer.status === 404 || answer.status === 401) return invalid;
    if (answer.status !== 200) unexpected(answer);
    const draft = answer.body as Draft;
    if (draft.submitted) return confirmation(lang, draft.submitted.id, [forgetDraft]);
    return { redirect: at(lang, `/${firstOpen(draft)}`), cookies: [keepDraft(ref)] };
  },
};

/** The application's pages; the fixed paths come before the question pages' `/apply/:step`. */
export const applyPages: readonly PageRoute[] = [
  start,
  resume,
  saved,
  checkGet,
  checkPost,
  confirmationPage,
  ...signedFormPages,
  questionGet,
  questionPost,
];
