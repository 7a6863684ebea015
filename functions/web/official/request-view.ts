import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate, translator } from '../../shared/i18n.ts';
import {
  backLink,
  button,
  type Choice,
  errorSummary,
  type FieldError,
  radios,
  select,
  summaryList,
  tag,
  textarea,
} from '../components.ts';
import { photoList } from '../photos.ts';
import type { PageRequest, PageResult } from '../server.ts';
import { common } from '../shell/messages.ts';
import type { OfficialTranslator as T } from './messages.ts';
import {
  type Assignee,
  type CivicRequest,
  canHandOver,
  isOverdue,
  nextStatuses,
  queuePath,
  requestPath,
  STATUSES,
  type Update,
} from './model.ts';
import { statusLabel, statusTag } from './views.ts';

/** The longest note and reason the API takes. */
export const NOTE_MAX = 2000;
export const REASON_MAX = 1000;

export interface UpdateForm {
  readonly values: { readonly status?: string; readonly audience?: string; readonly note?: string };
  readonly errors: readonly FieldError[];
  /** Show what the citizen will see (the Preview button; with JavaScript it is always shown). */
  readonly preview: boolean;
}

export interface HandOverForm {
  readonly values: { readonly officialId?: string; readonly reason?: string };
  readonly errors: readonly FieldError[];
}

/**
 * The request as its official works it: what the citizen asked, who they are, what happened so far, and
 * the two things to do with it: an update (public or internal note, with a preview of what the citizen
 * will see) and a hand-over to a colleague.
 */
export function requestPage(
  request: PageRequest,
  t: T,
  r: CivicRequest,
  assignees: readonly Assignee[],
  state: { update?: UpdateForm; handOver?: HandOverForm; banner?: SafeHtml } = {},
): PageResult {
  const { lang } = request;
  const isOfficial = request.session?.roles.includes('official') ?? false;
  const failed = (state.update?.errors.length ?? 0) + (state.handOver?.errors.length ?? 0) > 0;
  const body = html`${isOfficial ? backLink(queuePath(lang), t('request.back')) : ''}
${state.banner ?? ''}
<span class="caption">${t('request.title', { id: r.id })}</span>
<h1 class="heading">${t('request.heading', { service: r.serviceName, district: r.district })}</h1>
<p class="request-tags">${statusTag(t, r.status)}${isOverdue(r) ? html` ${tag(t('tag.overdue'), 'warning')}` : ''}</p>
${details(request, t, r)}
${photos(t, r)}
${answers(t, r)}
${extraFields(t, r)}
${citizen(t, r)}
${history(t, r.updates ?? [])}
${updateSection(request, t, r, state.update)}
${handOverSection(request, t, r, assignees, state.handOver)}`;
  return {
    status: failed ? 400 : 200,
    page: { title: t('request.title', { id: r.id }), body, hasErrors: failed, scripts: ['official'] },
  };
}

/** The photos sent with the request (the citizen's, or an app's links), if any. */
function photos(t: T, r: CivicRequest): SafeHtml {
  if (!r.mediaUrls?.length) return html``;
  return html`<h2 class="heading heading--m">${t('request.photos')}</h2>
${photoList(r.mediaUrls, {
  photo: (n, count) => t('request.photo', { n, count }),
  elsewhere: (n, count) => t('request.photoElsewhere', { n, count }),
})}`;
}

function details(request: PageRequest, t: T, r: CivicRequest): SafeHtml {
  const rows: { key: string; value: SafeHtml | string }[] = [
    { key: t('request.reference'), value: html`<span class="reference">${r.id}</span>` },
    { key: t('request.city'), value: r.cityName },
    { key: t('request.matter'), value: r.serviceName },
    { key: t('request.district'), value: r.district },
  ];
  if (r.address) rows.push({ key: t('request.address'), value: r.address });
  if (r.location) {
    const { lat, lng } = r.location;
    const map = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;
    rows.push({
      key: t('request.location'),
      value: html`${t('request.location.value', { lat, lng })}<br><a href="${map}" rel="noopener noreferrer">${t('request.location.map')}</a>`,
    });
  }
  rows.push(
    {
      key: t('request.description'),
      value: html`<span class="request-description" dir="auto">${r.description}</span>`,
    },
    { key: t('request.received'), value: formatDate(t, r.createdAt, true) },
    {
      key: t('request.due'),
      value: html`${formatDate(t, r.expectedAt, true)}${isOverdue(r) ? html` ${tag(t('tag.overdue'), 'warning')}` : ''}`,
    },
  );
  if (r.assignedTo) {
    const you = r.assignedTo.email !== undefined && r.assignedTo.email === request.session?.email;
    rows.push({
      key: t('request.assignedTo'),
      value: html`${t('request.assignedTo.value', { name: r.assignedTo.name, title: r.assignedTo.title })}${you ? html` ${tag(t('tag.you'))}` : ''}`,
    });
  }
  if (r.escalatedAt) rows.push({ key: t('request.escalated'), value: formatDate(t, r.escalatedAt, true) });
  return html`<h2 class="heading heading--m">${t('request.details')}</h2>${summaryList(rows)}`;
}

/** Fields of the full view these pages do not know by name: shown as they are, so nothing is hidden. */
const KNOWN = new Set([
  'id',
  'cityId',
  'cityName',
  'service',
  'serviceName',
  'district',
  'description',
  'location',
  'address',
  'status',
  'assignedTo',
  'createdAt',
  'updatedAt',
  'expectedAt',
  'overdue',
  'contact',
  'escalatedAt',
  'contactRemovedAt',
  'updates',
  // The history below tells the timeline in words; the language only chooses the emails' words.
  'timeline',
  'language',
  'mediaUrls',
  'answers',
]);

/** `serviceAttributes` → `Service attributes`: a label for a field known only by its name. */
const labelOf = (name: string) => {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function shown(value: unknown): SafeHtml | string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== 'object' || v === null)
      ? value.map(String).join(', ')
      : html`<ul class="list">${value.map((v) => html`<li>${shown(v)}</li>`)}</ul>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return html`<dl class="extra-fields">${entries.map(([k, v]) => html`<div><dt>${labelOf(k)}</dt><dd>${shown(v)}</dd></div>`)}</dl>`;
  }
  return String(value);
}

/** The service's questions in their words, each with the answer (a date in the reader's language). */
function answers(t: T, r: CivicRequest): SafeHtml | '' {
  if (!r.answers?.length) return '';
  return html`<h2 class="heading heading--m">${t('request.answers')}</h2><div class="city-words">${summaryList(
    r.answers.map((a) => ({
      key: a.question,
      value:
        a.datatype === 'datetime' && a.answer[0]
          ? formatDate(t, a.answer[0], true)
          : html`<span dir="auto">${a.answer.join(', ')}</span>`,
    })),
  )}</div>`;
}

/** The request's other fields; of its attributes, only those no question asked (an app's own). */
function extraFields(t: T, r: CivicRequest): SafeHtml | '' {
  const asked = new Set(r.answers?.map((a) => a.code));
  const ownAttributes = Object.entries(r.attributes ?? {}).filter(([code]) => !asked.has(code));
  const fields = {
    ...r,
    attributes: ownAttributes.length ? Object.fromEntries(ownAttributes) : undefined,
  };
  const extra = Object.entries(fields as unknown as Record<string, unknown>).filter(
    ([k, v]) => !KNOWN.has(k) && v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
  );
  if (extra.length === 0) return '';
  return html`<h2 class="heading heading--m">${t('request.more')}</h2>${summaryList(
    extra.map(([k, v]) => ({ key: labelOf(k), value: shown(v) })),
  )}`;
}

function citizen(t: T, r: CivicRequest): SafeHtml {
  const c = r.contact ?? {};
  const rows: { key: string; value: SafeHtml | string }[] = [];
  if (c.name) rows.push({ key: t('request.citizen.name'), value: c.name });
  if (c.email)
    rows.push({ key: t('request.citizen.email'), value: html`<a href="mailto:${c.email}">${c.email}</a>` });
  if (c.phone)
    rows.push({
      key: t('request.citizen.phone'),
      value: html`<a href="tel:${c.phone.replace(/[^+0-9]/g, '')}" dir="ltr">${c.phone}</a>`,
    });
  const content =
    rows.length > 0
      ? html`<p class="hint">${t('request.citizen.private')}</p>${summaryList(rows)}`
      : html`<p class="body">${
          r.contactRemovedAt
            ? t('request.citizen.removed', { date: formatDate(t, r.contactRemovedAt) })
            : t('request.citizen.none')
        }</p>`;
  return html`<h2 class="heading heading--m">${t('request.citizen')}</h2>${content}`;
}

function history(t: T, updates: readonly Update[]): SafeHtml {
  const actor = (a: string) =>
    a === 'citizen' ? t('request.history.citizen') : a.includes('@') ? a : t('request.history.system');
  return html`<h2 class="heading heading--m">${t('request.history')}</h2>
<ol class="timeline">
${updates.map(
  (u) => html`<li class="timeline__item">
<h3 class="timeline__title">${statusLabel(t, u.status)}</h3>
<span class="timeline__date">${formatDate(t, u.at, true)} · ${t('request.history.by', { actor: actor(u.actor) })}</span>
${noteBox(t, u.public, u.note)}
</li>`,
)}
</ol>`;
}

/** A note, labelled and coloured by who sees it: never told apart by colour alone. */
const noteBox = (t: T, isPublic: boolean, note: string) =>
  html`<div class="note ${isPublic ? 'note--public' : 'note--internal'}"><strong class="note__label">${t(isPublic ? 'note.public' : 'note.internal')}</strong><span class="note__text" dir="auto">${note}</span></div>`;

function updateSection(request: PageRequest, t: T, r: CivicRequest, form: UpdateForm | undefined) {
  const statuses = nextStatuses(r.status);
  const tc = translator(request.lang, common);
  const errors = form?.errors ?? [];
  if (statuses.length === 0) {
    return html`<section class="official-action" aria-labelledby="update">
<h2 class="heading heading--m" id="update">${t('update.title')}</h2>
${errorSummary(tc('error.title'), errors)}
<p class="body">${t(r.status === 'closed' ? 'request.closed' : 'request.unassigned')}</p>
</section>`;
  }
  const values = form?.values ?? {};
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const audience =
    values.audience === 'public' || values.audience === 'internal' ? values.audience : undefined;
  const statusChoices: Choice[] = statuses.map((s) => ({
    value: s,
    label: s === r.status ? t('update.status.keep', { status: statusLabel(t, s) }) : statusLabel(t, s),
  }));
  return html`<section class="official-action" aria-labelledby="update">
<h2 class="heading heading--m" id="update">${t('update.title')}</h2>
${errorSummary(tc('error.title'), errors)}
<form method="post" action="${requestPath(request.lang, r.id)}#update" novalidate data-update-form data-current-status="${r.status}">
${radios({ id: 'status', legend: t('update.status'), choices: statusChoices, value: values.status, error: errorOf('status'), errorPrefix: tc('error.prefix') })}
${audienceChoice(t, audience, errorOf('audience'), tc('error.prefix'))}
<div class="note-field${audience ? ` note-field--${audience}` : ''}" data-note-field>
<p class="note-field__badge note-field__badge--public">${t('update.note.public')}</p>
<p class="note-field__badge note-field__badge--internal">${t('update.note.internal')}</p>
${textarea({ id: 'note', label: t('update.note'), hint: t('update.note.hint', { max: NOTE_MAX }), value: values.note, rows: 5, maxlength: NOTE_MAX, error: errorOf('note'), errorPrefix: tc('error.prefix') })}
</div>
${preview(t, r, values, audience, form?.preview === true && errors.length === 0)}
<div class="button-group">
${button(t('update.preview'), { name: 'intent', value: 'preview', secondary: true })}
${button(t('update.send'), { name: 'intent', value: 'send' })}
</div>
</form>
</section>`;
}

/** Public or internal: two boxes that look apart (colour, border, words), not a checkbox to miss. */
function audienceChoice(t: T, value: string | undefined, error: string | undefined, errorPrefix: string) {
  const option = (
    kind: 'public' | 'internal',
    id: string,
  ) => html`<div class="audience__option audience__option--${kind}">
<input class="radios__input" id="${id}" name="audience" type="radio" value="${kind}" aria-describedby="${id}-hint"${value === kind ? html` checked` : ''}>
<label class="radios__label audience__label" for="${id}">${t(`update.audience.${kind}`)}</label>
<p class="hint audience__hint" id="${id}-hint">${t(`update.audience.${kind}.hint`)}</p>
</div>`;
  return html`<div class="field${error ? ' field--error' : ''}">
<fieldset class="fieldset"${error ? html` aria-describedby="audience-error"` : ''}>
<legend class="legend">${t('update.audience')}</legend>
${error ? html`<p class="error-message" id="audience-error"><span class="visually-hidden">${errorPrefix}</span> ${error}</p>` : ''}
<div class="audience">
${option('public', 'audience')}
${option('internal', 'audience-internal')}
</div>
</fieldset>
</div>`;
}

/** A character no message contains: where a placeholder's value goes when the script fills it in. */
const SLOT = '\u0000';

/**
 * What the citizen will see once the update is sent: its entry on their page (a public note), or only
 * the new status (an internal note). Rendered whole, with the parts that do not apply hidden, so the
 * page's script can keep it live as the official types and chooses.
 */
function preview(
  t: T,
  r: CivicRequest,
  values: UpdateForm['values'],
  audience: 'public' | 'internal' | undefined,
  shown: boolean,
): SafeHtml {
  const status = STATUSES.find((s) => s === values.status);
  const note = (values.note ?? '').trim();
  const ready = status !== undefined && audience !== undefined;
  const label = status ? statusLabel(t, status) : '';
  const [before, after] = t('preview.internal.status', { status: SLOT }).split(SLOT);
  const hidden = (visible: boolean) => (visible ? '' : html` hidden`);
  const labels = JSON.stringify(Object.fromEntries(STATUSES.map((s) => [s, statusLabel(t, s)])));
  return html`<section class="preview" id="preview" aria-labelledby="preview-title" data-preview data-status-labels="${labels}"${hidden(shown)}>
<h3 class="preview__title" id="preview-title">${t('preview.title')}</h3>
<p class="body" data-preview-empty${hidden(!ready)}>${t('preview.empty')}</p>
<div data-preview-public${hidden(ready && audience === 'public')}>
<p class="body">${t('preview.public')}</p>
<div class="preview__page">
<h4 class="timeline__title" data-preview-status>${label}</h4>
<span class="timeline__date">${formatDate(t, new Date(), true)}</span>
<p class="preview__note${note ? '' : ' preview__note--empty'}" data-preview-note dir="auto" data-placeholder="${t('preview.noNote')}">${note || t('preview.noNote')}</p>
</div>
${r.contact?.email ? html`<p class="body">${t('preview.email')}</p>` : ''}
</div>
<div data-preview-internal${hidden(ready && audience === 'internal')}>
<p class="body">${t('preview.internal')}</p>
<p class="body" data-preview-changed${hidden(status !== undefined && status !== r.status)}>${before}<strong data-preview-status>${label}</strong>${after}</p>
<p class="body" data-preview-same${hidden(status === r.status)}>${t('preview.internal.same')}</p>
</div>
</section>`;
}

function handOverSection(
  request: PageRequest,
  t: T,
  r: CivicRequest,
  assignees: readonly Assignee[],
  form: HandOverForm | undefined,
) {
  const tc = translator(request.lang, common);
  const errors = form?.errors ?? [];
  const heading = html`<h2 class="heading heading--m" id="hand-over">${t('handOver.title')}</h2>`;
  // A request that is no longer open is not handed over; a refused attempt still says why.
  if (!canHandOver(r.status)) {
    return errors.length > 0
      ? html`<section class="official-action" aria-labelledby="hand-over">${heading}${errorSummary(tc('error.title'), errors)}</section>`
      : '';
  }
  if (assignees.length === 0)
    return html`<section class="official-action" aria-labelledby="hand-over">${heading}<p class="body">${t('handOver.none')}</p></section>`;
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  return html`<section class="official-action" aria-labelledby="hand-over">
${heading}
${errorSummary(tc('error.title'), errors)}
<p class="body">${t('handOver.lead')}</p>
<form method="post" action="${requestPath(request.lang, r.id)}/hand-over#hand-over" novalidate>
${select({
  id: 'officialId',
  label: t('handOver.official'),
  placeholder: t('handOver.choose'),
  choices: assignees.map((a) => ({
    value: a.id,
    label: t('handOver.official.value', { name: a.name, title: a.title }),
  })),
  value: form?.values.officialId,
  error: errorOf('officialId'),
  errorPrefix: tc('error.prefix'),
})}
${textarea({ id: 'reason', label: t('handOver.reason'), hint: t('handOver.reason.hint'), value: form?.values.reason, rows: 3, maxlength: REASON_MAX, error: errorOf('reason'), errorPrefix: tc('error.prefix') })}
${button(t('handOver.submit'))}
</form>
</section>`;
}
