import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate, type Translator } from '../../shared/i18n.ts';
import { button, errorSummary, hiddenFields, panel, radios, summaryList, textarea } from '../components.ts';
import { type PageContent, pathIn } from '../layout.ts';
import type { AnswerKey } from './answer-messages.ts';
import type { CitizenKey } from './messages.ts';
import type { PublicRequest } from './timeline.ts';

/**
 * The pages of the citizen's emailed links: "is it fixed?" and "remove my contact details". Each shows
 * the request in short and one form whose button does the thing (opening the link changes nothing);
 * the token rides in a hidden field and the form posts to the page's address without it.
 */
export type AT = Translator<CitizenKey | AnswerKey>;

/** The most the API takes for the citizen's note (functions/cps/schemas.ts, `feedbackBody`). */
export const NOTE_MAX = 2000;

const requestHref = (t: AT, id: string) => pathIn(t.lang, `/requests/${encodeURIComponent(id)}`);
const requestLink = (t: AT, r: { id: string }) =>
  html`<p class="body"><a href="${requestHref(t, r.id)}">${t('link.request', { id: r.id })}</a></p>`;
const caption = (t: AT, r: PublicRequest) =>
  html`<span class="caption">${t('follow.caption', { id: r.id })}</span>`;

/** The request in short: where and what, so the citizen knows which report the email was about. */
function inShort(t: AT, r: PublicRequest, extra: { key: string; value: SafeHtml | string }[] = []) {
  return summaryList([
    { key: t('check.city'), value: r.cityName },
    { key: t('check.matter'), value: r.serviceName },
    { key: t('check.district'), value: r.district },
    ...(r.address ? [{ key: t('check.address'), value: r.address }] : []),
    ...extra,
  ]);
}

/** A page that only says what happened, with the way to the request's page. */
function outcome(t: AT, r: { id: string }, title: string, ...paragraphs: string[]): PageContent {
  return {
    title,
    body: html`<h1 class="heading">${title}</h1>
${paragraphs.map((p) => html`<p class="body">${p}</p>`)}
${requestLink(t, r)}`,
  };
}

/** A confirmation: the green panel with the reference, what follows, and the request's page. */
function confirmation(t: AT, r: { id: string }, title: string, ...paragraphs: string[]): PageContent {
  return {
    title,
    body: html`${panel(title, html`${t('sent.reference')}<br>`, r.id)}
${paragraphs.map((p) => html`<p class="body">${p}</p>`)}
${requestLink(t, r)}`,
  };
}

export type FeedbackError = 'answer' | 'noteTooLong' | 'noteInvalid';

export interface FeedbackForm {
  readonly token: string;
  readonly answer?: string;
  readonly note?: string;
  readonly errors?: readonly FeedbackError[];
  /** The answer could not be sent (throttled, unreachable): said at the top, the form kept. */
  readonly pageError?: string;
}

/** The resolution being asked about: its date and the city's public note, if it wrote one. */
const lastResolution = (r: PublicRequest) => r.timeline.findLast((e) => e.event === 'resolved');

/** "Is it fixed?": the request in short, yes or no, an optional note for the official, one button. */
export function feedbackPage(t: AT, r: PublicRequest, form: FeedbackForm): PageContent {
  const errors = form.errors ?? [];
  const resolved = lastResolution(r);
  const answerError = errors.includes('answer') ? t('fixed.error.answer') : undefined;
  const noteProblem = errors.find((e) => e !== 'answer');
  const noteError = noteProblem ? t(`fixed.error.${noteProblem}`, { max: NOTE_MAX }) : undefined;
  const summary = [
    ...(form.pageError ? [{ field: 'answer', message: form.pageError }] : []),
    ...(answerError ? [{ field: 'answer', message: answerError }] : []),
    ...(noteError ? [{ field: 'note', message: noteError }] : []),
  ];
  const action = pathIn(t.lang, `/requests/${encodeURIComponent(r.id)}/feedback`);
  return {
    title: t('fixed.title'),
    hasErrors: summary.length > 0,
    scripts: ['answer'],
    body: html`${errorSummary(t('report.errorTitle'), summary)}
${caption(t, r)}
<h1 class="heading">${t('fixed.title')}</h1>
<p class="body">${t('fixed.intro')}</p>
${inShort(t, r, [
  ...(resolved
    ? [
        {
          key: t('fixed.resolvedOn'),
          value: html`<time datetime="${resolved.at}">${formatDate(t, resolved.at)}</time>`,
        },
      ]
    : []),
  ...(resolved?.note
    ? [
        {
          key: t('fixed.cityNote'),
          value: html`<span class="report-check__text" dir="auto">${resolved.note}</span>`,
        },
      ]
    : []),
])}
<form method="post" action="${action}" novalidate data-once>
${hiddenFields({ token: form.token })}
${radios({
  id: 'answer',
  legend: t('fixed.legend'),
  choices: [
    { value: 'yes', label: t('fixed.yes'), hint: t('fixed.yes.hint') },
    { value: 'no', label: t('fixed.no'), hint: t('fixed.no.hint') },
  ],
  ...(form.answer ? { value: form.answer } : {}),
  ...(answerError ? { error: answerError } : {}),
  errorPrefix: t('report.errorPrefix'),
})}
<div data-feedback-note>
${textarea({
  id: 'note',
  label: t('fixed.note.label'),
  hint: t('fixed.note.hint', { max: NOTE_MAX }),
  value: form.note ?? '',
  rows: 5,
  maxlength: NOTE_MAX,
  ...(noteError ? { error: noteError } : {}),
  errorPrefix: t('report.errorPrefix'),
})}
</div>
${button(t('fixed.send'))}
</form>
${requestLink(t, r)}`,
  };
}

/** After "fixed": closed, with thanks. */
export const closedConfirmation = (t: AT, r: PublicRequest) =>
  confirmation(t, r, t('fixed.done.closed.title'), t('fixed.done.closed.body', { id: r.id }));

/** After "not fixed": back with the official in charge, who has the note, and by when. */
export function reopenedConfirmation(t: AT, r: PublicRequest, withNote: boolean): PageContent {
  return confirmation(
    t,
    r,
    t('fixed.done.reopened.title'),
    r.assignedTo
      ? t('fixed.done.reopened.body', { id: r.id, title: r.assignedTo.title })
      : t('fixed.done.reopened.bodyNoTitle', { id: r.id }),
    ...(withNote ? [t('fixed.done.reopened.note')] : []),
    t('fixed.done.reopened.expected', { date: formatDate(t, r.expectedAt) }),
    t('fixed.done.reopened.emails'),
  );
}

/**
 * A request that is not waiting for an answer, in plain words: closed; already sent back by a "not
 * fixed" (the last thing that happened to it); or not resolved yet.
 */
export function notWaiting(t: AT, r: PublicRequest): PageContent {
  if (r.status === 'closed')
    return outcome(t, r, t('fixed.closed.title'), t('fixed.closed.body', { id: r.id }));
  const last = r.timeline.at(-1);
  if (last?.event === 'reopened')
    return outcome(
      t,
      r,
      t('fixed.reopened.title'),
      t('fixed.reopened.body', { id: r.id, date: formatDate(t, last.at) }),
    );
  return outcome(
    t,
    r,
    t('fixed.notResolved.title'),
    t('fixed.notResolved.body', { id: r.id, status: t(`status.${r.status}`) }),
  );
}

/** A link whose token is refused: from an older email (410) or not this request's (403). */
export const linkGone = (t: AT, id: string, why: 'old' | 'wrong') =>
  outcome(t, { id }, t('link.gone.title'), t(`link.gone.${why}`, { id }));

/** A link without its token, or with a token cut short. */
export const linkIncomplete = (t: AT, id: string) =>
  outcome(t, { id }, t('link.incomplete.title'), t('link.incomplete.body'));

/** "Remove my contact details": what goes (never showing it), what stays, one button. */
export function removalPage(t: AT, r: PublicRequest, token: string, pageError?: string): PageContent {
  const action = pathIn(t.lang, `/requests/${encodeURIComponent(r.id)}/contact`);
  return {
    title: t('removal.title'),
    hasErrors: pageError !== undefined,
    scripts: ['answer'],
    body: html`${errorSummary(t('report.errorTitle'), pageError ? [{ field: 'remove', message: pageError }] : [])}
${caption(t, r)}
<h1 class="heading">${t('removal.title')}</h1>
${inShort(t, r)}
<p class="body">${t('removal.removes', { id: r.id })}</p>
<ul class="body">
<li>${t('removal.name')}</li>
<li>${t('removal.email')}</li>
<li>${t('removal.phone')}</li>
</ul>
<p class="body">${t('removal.after')}</p>
<h2 class="heading heading--m">${t('removal.stays.title')}</h2>
<p class="body">${t('removal.stays')}</p>
<form method="post" action="${action}" novalidate data-once>
${hiddenFields({ token })}
<button class="button" id="remove" type="submit">${t('removal.button')}</button>
</form>
${requestLink(t, r)}`,
  };
}

export const removedConfirmation = (t: AT, id: string) =>
  confirmation(t, { id }, t('removal.done.title'), t('removal.done.body', { id }));

export const alreadyRemoved = (t: AT, id: string) =>
  outcome(t, { id }, t('removal.already.title'), t('removal.already.body', { id }));
