import { html, type SafeHtml } from '../../emails/html.ts';
import { SECTION_NAMES } from '../../knowledge/schemas.ts';
import { isLanguage, LANGUAGES } from '../../shared/i18n.ts';
import { type ApiProblem, api } from '../api-client.ts';
import {
  backLink,
  button,
  details,
  errorSummary,
  type FieldError,
  notificationBanner,
  table,
  tag,
  textarea,
  textInput,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import type { Form, PageRequest, PageResult, PageRoute } from '../server.ts';
import {
  type FilesWords,
  filesWords,
  isEditable,
  lockedPage,
  notFoundPage,
  notYoursPage,
  type OwnPractice,
  ownPractice,
  practicePath,
  type TextView,
  workingOf,
} from './files.ts';

/**
 * The city's own translations of its practice (`/knowledge/practices/{id}/translations`): each
 * language of the platform but the original, with what it has (the city's translation, a machine one,
 * none), and a form per language (`.../translations/{lang}`) for the text the API takes (title,
 * summary, sections), started from the city's translation or the machine one. Saving is
 * `PUT /practices/{id}/translations/{lang}`: an edit, reviewed like any, so the public page shows it,
 * without the machine label, once the Secretariat has published it.
 */
const MAX = { title: 200, summary: 1000, section: 4000 } as const;
const REQUIRED: readonly string[] = ['title', 'summary', 'problem', 'solution'];
const FIELDS = ['title', 'summary', ...SECTION_NAMES] as const;

const translationsPath = (id: string) => `${practicePath(id)}/translations`;

/** The languages a city may translate into: the platform's, but the one the practice is written in. */
export const targetLanguages = (original: string) => LANGUAGES.filter((l) => l !== original);

/** The texts of a language as the city has them: its own (being written), else the published one. */
export function textsIn(p: OwnPractice, lang: string): { city?: TextView; published?: TextView } {
  const city = workingOf(p).translations.find((t) => t.language === lang);
  const published = p.working ? p.translations.find((t) => t.language === lang) : undefined;
  return { ...(city ? { city } : {}), ...(published ? { published } : {}) };
}

const text = (f: Form, k: string) => {
  const v = f[k];
  return (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
};

/** The body of the PUT from the form: optional sections left empty are left out. */
export function translationBody(f: Form) {
  const sections: Record<string, string> = {};
  for (const s of SECTION_NAMES) {
    const v = text(f, s);
    if (v !== '' || s === 'problem' || s === 'solution') sections[s] = v;
  }
  return { title: text(f, 'title'), summary: text(f, 'summary'), sections };
}

/** The API's 400 at the form's fields (`body.sections.results` → results), in the form's order. */
export function translationErrors(w: FilesWords, problem: ApiProblem | undefined, f: Form): FieldError[] {
  const found = new Map<string, string>();
  for (const e of problem?.errors ?? []) {
    const parts = e.path.replace(/^body\.?/, '').split('.');
    const field = parts[0] === 'sections' ? (parts[1] ?? 'problem') : parts[0];
    if (!field || !(FIELDS as readonly string[]).includes(field) || found.has(field)) continue;
    const max = field === 'title' ? MAX.title : field === 'summary' ? MAX.summary : MAX.section;
    const message =
      text(f, field) === ''
        ? w.f('kf.tr.err.required')
        : text(f, field).length > max
          ? w.f('kf.tr.err.tooLong', { max })
          : w.f('kf.tr.err.invalid');
    found.set(field, message);
  }
  return FIELDS.filter((k) => found.has(k)).map((field) => ({ field, message: found.get(field) as string }));
}

function overview(request: PageRequest, p: OwnPractice): PageResult {
  const { lang } = request;
  const w = filesWords(lang);
  const { f } = w;
  const working = workingOf(p);
  const editable = isEditable(p);
  const saved = request.query.get('done') === 'translated';
  return {
    page: {
      title: f('kf.tr.title'),
      body: html`${backLink(pathIn(lang, practicePath(p.id)), f('kf.backToPractice'))}
${saved ? notificationBanner(f('kf.done.translated'), f('kf.done.translated.body')) : ''}
<h1 class="heading heading--xl">${f('kf.tr.title')}</h1>
<p class="lead" lang="${working.language}">${working.title}</p>
<p class="body">${f('kf.tr.lead', { language: w.language(working.language) })}</p>
${editable ? '' : html`<p class="body">${f('kf.locked.body')}</p>`}
${table({
  caption: f('kf.tr.caption'),
  head: [f('kf.tr.language'), f('kf.tr.state'), ...(editable ? [f('kf.att.actions')] : [])],
  rows: targetLanguages(working.language).map((l) => {
    const has = textsIn(p, l);
    const state = has.city
      ? tag(f('kf.tr.state.city'), 'done')
      : has.published?.machine
        ? tag(f('kf.tr.state.machine'), 'warning')
        : f('kf.tr.state.none');
    const action = has.city || has.published ? f('kf.tr.correct') : f('kf.tr.write');
    return [
      w.language(l),
      state,
      ...(editable
        ? [
            html`<a href="${pathIn(lang, `${translationsPath(p.id)}/${l}`)}">${action}<span class="visually-hidden"> (${w.language(l)})</span></a>`,
          ]
        : []),
    ];
  }),
})}`,
    },
  };
}

function formPage(
  request: PageRequest,
  p: OwnPractice,
  target: string,
  s: { values?: Form; errors?: readonly FieldError[] } = {},
): PageResult {
  const { lang } = request;
  const w = filesWords(lang);
  const { f, t, tc } = w;
  const working = workingOf(p);
  const has = textsIn(p, target);
  const start = has.city ?? has.published;
  const value = (k: string): string =>
    s.values
      ? text(s.values, k)
      : k === 'title' || k === 'summary'
        ? (start?.[k] ?? '')
        : (start?.sections?.[k] ?? '');
  const err = (k: string) => s.errors?.find((e) => e.field === k)?.message;
  const field = (k: string) => ({
    id: k,
    value: value(k),
    errorPrefix: tc('error.prefix'),
    ...(err(k) ? { error: err(k) as string } : {}),
  });
  const label = (k: string) =>
    k === 'title'
      ? t('kn.form.title')
      : k === 'summary'
        ? t('kn.form.summary')
        : REQUIRED.includes(k)
          ? t(`kn.section.${k}` as 'kn.section.problem')
          : t('kn.form.optional', { label: t(`kn.section.${k}` as 'kn.section.problem') });
  const original: SafeHtml = html`<div lang="${working.language}">
<p class="body"><strong>${working.title}</strong></p>
<p class="body">${working.summary}</p>
${SECTION_NAMES.filter((k) => working.sections?.[k]).map(
  (k) => html`<h2 class="heading heading--s" lang="${lang}">${t(`kn.section.${k}`)}</h2>
<p class="body knowledge-text">${working.sections?.[k] ?? ''}</p>`,
)}
</div>`;
  const languageName = w.language(target);
  return {
    ...(s.errors?.length ? { status: 400 } : {}),
    page: {
      title: f('kf.tr.formTitle', { language: languageName }),
      ...(s.errors?.length ? { hasErrors: true } : {}),
      body: html`${backLink(pathIn(lang, translationsPath(p.id)), f('kf.tr.title'))}
${errorSummary(tc('error.title'), s.errors ?? [])}
<h1 class="heading heading--xl">${f('kf.tr.formTitle', { language: languageName })}</h1>
<p class="body">${f('kf.tr.formLead')}${!has.city && has.published?.machine ? html` ${f('kf.tr.fromMachine')}` : ''}</p>
${details(f('kf.tr.original', { language: w.language(working.language) }), original)}
<form method="post" novalidate class="knowledge-form">
${textInput({ ...field('title'), label: label('title') })}
${textarea({ ...field('summary'), label: label('summary'), rows: 4 })}
${SECTION_NAMES.map((k) => textarea({ ...field(k), label: label(k), rows: k === 'problem' || k === 'solution' ? 8 : 5 }))}
${button(f('kf.tr.save'))}
</form>`,
    },
  };
}

const overviewPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/translations',
  handle: async (request) => {
    const own = await ownPractice(request);
    return 'result' in own ? own.result : overview(request, own.practice);
  },
};

/** The target language of the path, when the city may translate into it. */
const targetOf = (request: PageRequest, p: OwnPractice) => {
  const l = request.params.lang ?? '';
  return isLanguage(l) && targetLanguages(workingOf(p).language).includes(l) ? l : undefined;
};

const translationForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/translations/:lang',
  handle: async (request) => {
    const own = await ownPractice(request);
    if ('result' in own) return own.result;
    const w = filesWords(request.lang);
    const target = targetOf(request, own.practice);
    if (!target) return notFoundPage(w);
    if (!isEditable(own.practice)) return lockedPage(w);
    return formPage(request, own.practice, target);
  },
};

/** Saves the translation (call 2, after reading the practice); a refused one is the form again, as typed. */
const saveTranslation: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/translations/:lang',
  handle: async (request) => {
    const own = await ownPractice(request);
    if ('result' in own) return own.result;
    const w = filesWords(request.lang);
    const p = own.practice;
    const target = targetOf(request, p);
    if (!target) return notFoundPage(w);
    const answer = await api(`/practices/${encodeURIComponent(p.id)}/translations/${target}`, {
      method: 'PUT',
      token: own.session.token,
      json: translationBody(request.form),
    });
    if (answer.status === 200)
      return { redirect: `${pathIn(request.lang, translationsPath(p.id))}?done=translated` };
    if (answer.status === 400) {
      const errors = translationErrors(w, answer.body as ApiProblem, request.form);
      return formPage(request, p, target, {
        values: request.form,
        errors: errors.length ? errors : [{ field: 'title', message: w.f('kf.tr.err.invalid') }],
      });
    }
    if (answer.status === 409) return lockedPage(w);
    if (answer.status === 403) return notYoursPage(w);
    if (answer.status === 404) return notFoundPage(w);
    throw new Error(`Saving a translation answered ${answer.status}`);
  },
};

export const translationPages: readonly PageRoute[] = [overviewPage, translationForm, saveTranslation];
