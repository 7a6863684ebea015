import { html, type SafeHtml } from '../../emails/html.ts';
import type { Translator } from '../../shared/i18n.ts';
import {
  button,
  type Choice,
  checkboxes,
  errorSummary,
  type FieldError,
  fileInput,
  hiddenFields,
  radios,
  select,
  textarea,
  textInput,
} from '../components.ts';
import type { PageContent } from '../layout.ts';
import { pathIn } from '../layout.ts';
import { type CitizenKey, citizen } from './messages.ts';
import {
  ANSWER_MAX,
  type AnswerError,
  type Answers,
  type Field,
  fieldsOf,
  isQuestionField,
  MAX_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  nextPage,
  type PageId,
  photoIds,
  previousPage,
  type Question,
  questionField,
  STEP_FIELDS,
  type StepId,
  stepsAsked,
} from './report-flow.ts';
import { coordinates } from './words.ts';

/**
 * The pages of the report flow. Each is one form posted to the page that comes next (its URL names
 * the page it shows); the answers of the other steps ride along as hidden fields. "Back" and the
 * check page's "Change" are buttons of the same form, so no answer is lost without JavaScript.
 */
export type T = Translator<CitizenKey>;

export interface City {
  readonly id: string;
  readonly name: string;
  readonly country: string;
}
export interface Service {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  readonly group?: string;
  /** Its questions (Open311 attributes). */
  readonly attributes?: readonly Question[];
}

export interface StepView {
  readonly t: T;
  readonly answers: Answers;
  readonly errors: readonly AnswerError[];
  /** Came from the check page: continuing goes back there. */
  readonly returnToCheck: boolean;
  /** An error of the whole page (the API could not be reached), shown in the summary. */
  readonly pageError?: string;
  /** The chosen service's questions, where the page knows them (the steps after the matter). */
  readonly questions?: readonly Question[];
}

const url = (t: T, page: PageId | 'send') => pathIn(t.lang, `/report/${page}`);

/** The photo limits, as the photos step and its errors say them. */
const PHOTO_LIMITS = { photos: MAX_PHOTOS, mb: MAX_PHOTO_BYTES / 1024 / 1024 };

/** Where an error's summary link leads: the field's input (the map's pin, for a location). */
const anchorOf = (field: Field) =>
  field === 'lat' || field === 'lng' ? 'location' : field === 'media' ? 'photo' : field;

const isList = (q: Question) => q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist';

/** What is wrong with an answer to a question, naming the question. */
function questionError(t: T, e: AnswerError, questions: readonly Question[]): string {
  const q = questions.find((x) => questionField(x.code) === e.field);
  const question = q?.description ?? e.field.slice('attr.'.length);
  if (e.problem === 'required')
    return t(q && isList(q) ? 'questions.error.choose' : 'questions.error.required', { question });
  if (e.problem === 'tooLong')
    return t('questions.error.tooLong', { question, max: (q && ANSWER_MAX[q.datatype]) ?? 0 });
  if (q?.datatype === 'number') return t('questions.error.number', { question });
  if (q?.datatype === 'datetime') return t('questions.error.datetime', { question });
  if (q && isList(q)) return t('questions.error.list', { question });
  return t('questions.error.invalid', { question });
}

export function errorText(t: T, e: AnswerError, questions: readonly Question[] = []): string {
  if (isQuestionField(e.field)) return questionError(t, e, questions);
  const exact = `error.${anchorOf(e.field)}.${e.problem}`;
  // A problem a field has no words for (the API refused it for another reason) is said as "invalid".
  const key = (exact in citizen.en ? exact : `error.${anchorOf(e.field)}.invalid`) as CitizenKey;
  return t(key, { max: MAX_LENGTH[e.field as keyof typeof MAX_LENGTH] ?? 0, ...PHOTO_LIMITS });
}

const fieldError = (v: StepView, field: Field) => {
  const e = v.errors.find((x) => x.field === field);
  return e ? errorText(v.t, e, v.questions) : undefined;
};

const hasQuestions = (v: StepView) => (v.questions?.length ?? 0) > 0;

/** Answers as hidden fields (a list answer is one field per value). */
const carry = (fields: readonly [string, string][]) =>
  fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);

/** The whole form of one step: back, errors, the question, the other answers hidden, continue. */
function stepForm(
  v: StepView,
  page: StepId,
  question: SafeHtml,
  options: {
    scripts?: string[];
    canContinue?: boolean;
    files?: boolean;
    required?: Record<string, string>;
  } = {},
): PageContent {
  const { t } = v;
  // The matter goes on to its questions (a page that shows the next step when there are none).
  const next = page === 'matter' ? 'questions' : v.returnToCheck ? 'check' : nextPage(page, hasQuestions(v));
  const back = previousPage(page, hasQuestions(v));
  const own = new Set<string>(STEP_FIELDS[page]);
  const carried = fieldsOf(v.answers).filter(
    ([k]) => !own.has(k) && !(page === 'questions' && isQuestionField(k)),
  );
  const steps = stepsAsked(hasQuestions(v) || page === 'questions');
  const required =
    options.required ??
    Object.fromEntries((REQUIRED[page] ?? []).map((f) => [f, t(`error.${f}.required` as CitizenKey)]));
  const summary: FieldError[] = [
    ...(v.pageError ? [{ field: 'main', message: v.pageError }] : []),
    ...v.errors.map((e) => ({ field: anchorOf(e.field), message: errorText(t, e, v.questions) })),
  ];
  return {
    title: titleOf(t, page),
    hasErrors: summary.length > 0,
    scripts: ['report', ...(options.scripts ?? [])],
    body: html`<form class="report" method="post" action="${url(t, next)}"${options.files ? html` enctype="multipart/form-data"` : ''} novalidate data-report data-step="${page}"
 data-error-title="${t('report.errorTitle')}" data-error-prefix="${t('report.errorPrefix')}"
 data-required="${JSON.stringify(required)}"${
   page === 'description'
     ? html` data-count-field="description" data-count-max="${MAX_LENGTH.description}" data-count="${t('report.charsLeft', { count: '{count}' })}"`
     : ''
 }>
${back ? html`<button class="back-link link-button" type="submit" formaction="${url(t, v.returnToCheck ? 'check' : back)}" formnovalidate>${t('report.back')}</button>` : ''}
${errorSummary(t('report.errorTitle'), summary)}
<span class="caption">${t('report.caption', { step: steps.indexOf(page) + 1, steps: steps.length })}</span>
${question}
${carry(carried)}
${v.returnToCheck ? hiddenFields({ return: 'check' }) : ''}
${options.canContinue === false ? '' : button(t('report.continue'))}
</form>`,
  };
}

const titleOf = (t: T, page: PageId): string => t(`${page}.title` as CitizenKey);

/** The answers a step cannot go on without (the script points them out before the page is sent). */
const REQUIRED: Partial<Record<StepId, readonly Field[]>> = {
  city: ['city'],
  matter: ['service'],
  where: ['district'],
  description: ['description'],
};

/** Step 1: the member city. Radios for a few, a list to pick from for many. */
export function cityStep(v: StepView, cities: readonly City[], countryName: (code: string) => string) {
  const { t } = v;
  if (cities.length === 0) {
    return {
      title: t('city.none.title'),
      body: html`<h1 class="heading">${t('city.none.title')}</h1><p class="body">${t('city.none.body')}</p>`,
    };
  }
  const choices: Choice[] = cities.map((c) => ({
    value: c.id,
    label: `${c.name}, ${countryName(c.country)}`,
  }));
  const common = {
    id: 'city',
    errorPrefix: t('report.errorPrefix'),
    value: v.answers.city,
    hint: t('city.hint'),
  } as const;
  const error = fieldError(v, 'city');
  const question =
    cities.length <= 20
      ? radios({
          ...common,
          legend: t('city.title'),
          legendIsPageHeading: true,
          choices,
          ...(error ? { error } : {}),
        })
      : select({
          ...common,
          label: t('city.title'),
          isPageHeading: true,
          choices,
          placeholder: t('city.placeholder'),
          ...(error ? { error } : {}),
        });
  return stepForm(v, 'city', question);
}

/** Step 2: the matter, among the city's services (its description as a hint). */
export function matterStep(v: StepView, cityName: string, services: readonly Service[]) {
  const { t } = v;
  if (services.length === 0) {
    return stepForm(
      { ...v, returnToCheck: false },
      'matter',
      html`<h1 class="heading">${t('matter.none.title', { city: cityName })}</h1><p class="body">${t('matter.none.body')}</p>`,
      { canContinue: false },
    );
  }
  const error = fieldError(v, 'service');
  return stepForm(
    v,
    'matter',
    radios({
      id: 'service',
      legend: t('matter.title'),
      legendIsPageHeading: true,
      hint: t('matter.hint', { city: cityName }),
      errorPrefix: t('report.errorPrefix'),
      choices: services.map((s) => ({
        value: s.code,
        label: s.name,
        ...(s.description ? { hint: s.description } : {}),
      })),
      value: v.answers.service,
      ...(error ? { error } : {}),
    }),
  );
}

/** A select instead of radios past this many choices. */
const MAX_RADIOS = 8;

/** One question of the service as the field its datatype asks for; `attr.<code>` names it. */
function questionInput(v: StepView, q: Question): SafeHtml {
  const { t } = v;
  const id = questionField(q.code);
  const values = v.answers.attrs?.[q.code] ?? [];
  const label = q.required ? q.description : t('questions.optional', { question: q.description });
  const error = fieldError(v, id);
  const common = {
    id,
    errorPrefix: t('report.errorPrefix'),
    ...(q.datatypeDescription ? { hint: q.datatypeDescription } : {}),
    ...(error ? { error } : {}),
  };
  const choices: Choice[] = (q.values ?? []).map((c) => ({ value: c.key, label: c.name }));
  switch (q.datatype) {
    case 'text':
      return textarea({ ...common, label, value: values[0], rows: 5 });
    case 'number':
      return textInput({
        ...common,
        label,
        value: values[0],
        inputmode: 'decimal',
        width: 'medium',
        spellcheck: false,
      });
    case 'datetime':
      return textInput({ ...common, label, value: values[0], type: 'datetime-local', width: 'medium' });
    case 'singlevaluelist':
      return choices.length > MAX_RADIOS
        ? select({ ...common, label, choices, value: values[0], placeholder: t('questions.choose') })
        : radios({ ...common, legend: label, choices, value: values[0] });
    case 'multivaluelist':
      return checkboxes({
        ...common,
        legend: label,
        hint: q.datatypeDescription ?? t('questions.several'),
        choices,
        values,
      });
    default:
      return textInput({ ...common, label, value: values[0] });
  }
}

/**
 * Step 3 (when the service has questions): the service's own questions on one page, in their order.
 * The answers are for this service (`questionsFor`): choosing another matter drops them.
 */
export function questionsStep(v: StepView, service: Service) {
  const { t } = v;
  const questions = v.questions ?? [];
  const required = Object.fromEntries(
    questions
      .filter((q) => q.required)
      .map((q) => [
        questionField(q.code),
        errorText(t, { field: questionField(q.code), problem: 'required' }, questions),
      ]),
  );
  return stepForm(
    v,
    'questions',
    html`<h1 class="heading">${t('questions.title')}</h1>
<p class="body">${t('questions.hint', { service: service.name })}</p>
<div class="city-words">${questions.map((q) => questionInput(v, q))}</div>
${hiddenFields({ questionsFor: service.code })}
${questions.some((q) => q.datatype === 'datetime') ? html`<input type="hidden" name="tz" value="${v.answers.tz ?? ''}" data-time-zone>` : ''}`,
    { required },
  );
}

/** An answer to a question as the check page says it: a list's names, a date and time in words. */
function answerText(t: T, q: Question, values: readonly string[]): string {
  const name = (key: string) => q.values?.find((c) => c.key === key)?.name ?? key;
  if (q.datatype === 'multivaluelist') return new Intl.ListFormat(t.locale).format(values.map(name));
  const [value = ''] = values;
  if (q.datatype === 'singlevaluelist') return name(value);
  if (q.datatype === 'datetime') {
    const at = Date.parse(`${value}Z`);
    // The time as the citizen typed it (their own clock), not converted.
    return Number.isNaN(at)
      ? value
      : new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
          at,
        );
  }
  return value;
}

/** Step 4: where. The district and the address first; the map (JavaScript) is an option. */
export function whereStep(v: StepView) {
  const { t, answers } = v;
  const prefix = t('report.errorPrefix');
  const districtError = fieldError(v, 'district');
  const addressError = fieldError(v, 'address');
  const locationError = fieldError(v, 'lat');
  const pin = answers.lat && answers.lng ? coordinates(t, answers.lat, answers.lng) : undefined;
  return {
    ...stepForm(
      v,
      'where',
      html`<h1 class="heading">${t('where.title')}</h1>
${textInput({ id: 'district', label: t('where.district.label'), hint: t('where.district.hint'), errorPrefix: prefix, value: answers.district, width: 'medium', ...(districtError ? { error: districtError } : {}) })}
${textInput({ id: 'address', label: t('where.address.label'), hint: t('where.address.hint'), errorPrefix: prefix, value: answers.address, ...(addressError ? { error: addressError } : {}) })}
<div class="field map-picker${locationError ? ' field--error' : ''}" id="location" tabindex="-1">
${locationError ? html`<p class="error-message"><span class="visually-hidden">${prefix}</span> ${locationError}</p>` : ''}
<div data-map hidden
 data-label="${t('where.map.label')}"
 data-pin-at="${t('where.map.pinAt', { position: '{position}' })}"
 data-no-pin="${t('where.map.noPin')}"
 data-position="${t('where.map.position', { lat: '{lat}', lng: '{lng}' })}"
 data-zoom-in="${t('where.map.zoomIn')}"
 data-zoom-out="${t('where.map.zoomOut')}"
 data-pin-label="${t('where.map.pinLabel')}"
 data-located="${t('where.map.located')}"
 data-not-located="${t('where.map.notLocated')}">
<h2 class="heading heading--m">${t('where.map.title')}</h2>
<p class="hint" id="map-help">${t('where.map.help')}</p>
<div class="map map-picker__map" data-map-canvas></div>
<div class="map-picker__actions">
<button class="button button--secondary" type="button" data-map-drop>${t('where.map.drop')}</button>
<button class="button button--secondary" type="button" data-map-locate>${t('where.map.locate')}</button>
<button class="button button--secondary" type="button" data-map-remove>${t('where.map.remove')}</button>
</div>
</div>
<p class="body map-picker__status" data-map-status aria-live="polite">${pin ? t('where.map.pinAt', { position: pin }) : ''}</p>
<input type="hidden" name="lat" value="${answers.lat ?? ''}" data-map-lat>
<input type="hidden" name="lng" value="${answers.lng ?? ''}" data-map-lng>
</div>`,
      { scripts: ['map'] },
    ),
    styles: ['leaflet/leaflet.css'],
  };
}

/** Step 5: what is wrong. */
export function descriptionStep(v: StepView) {
  const { t } = v;
  const error = fieldError(v, 'description');
  return stepForm(
    v,
    'description',
    textarea({
      id: 'description',
      label: t('description.title'),
      isPageHeading: true,
      hint: t('description.hint', { max: MAX_LENGTH.description }),
      errorPrefix: t('report.errorPrefix'),
      value: v.answers.description,
      rows: 8,
      ...(error ? { error } : {}),
    }),
  );
}

/**
 * Step 6: photos, optional. The chosen file is sent with the form to the site, which uploads it to S3
 * and keeps its upload id in the answers (a form that posts straight to S3 would lose the answers).
 * "Add this photo" comes back here; Continue also takes a file still chosen.
 */
export function photosStep(v: StepView) {
  const { t } = v;
  const ids = photoIds(v.answers);
  const error = fieldError(v, 'media');
  const here = url(t, 'photos');
  const list = ids.length
    ? html`<ul class="list report-photos">${ids.map(
        (id, i) =>
          html`<li>${t('photos.item', { n: i + 1 })} <button class="link-button" type="submit" formaction="${here}" name="remove" value="${id}" formnovalidate>${t('photos.remove')}<span class="visually-hidden"> ${t('photos.item', { n: i + 1 })}</span></button></li>`,
      )}</ul>`
    : '';
  return stepForm(
    v,
    'photos',
    html`<h1 class="heading">${t('photos.title')}</h1>
<p class="body">${t('photos.body', PHOTO_LIMITS)}</p>
<p class="body">${t('photos.public')}</p>
<p class="body" role="status">${t('photos.added', { count: ids.length })}</p>
${list}
${hiddenFields({ media: ids.join(',') })}
${
  ids.length < MAX_PHOTOS
    ? html`${fileInput({
        id: 'photo',
        label: t('photos.label'),
        errorPrefix: t('report.errorPrefix'),
        accept: 'image/jpeg,image/png,image/webp,image/heic,image/heif',
        ...(error ? { error } : {}),
      })}
<button class="button button--secondary" type="submit" formaction="${here}" formnovalidate>${t('photos.add')}</button>`
    : ''
}`,
    { files: true },
  );
}

/** Step 7: contact, optional; anonymous unless the citizen gives something. */
export function contactStep(v: StepView) {
  const { t, answers } = v;
  const prefix = t('report.errorPrefix');
  const err = (f: Field) => {
    const e = fieldError(v, f);
    return e ? { error: e } : {};
  };
  return stepForm(
    v,
    'contact',
    html`<h1 class="heading">${t('contact.title')}</h1>
<p class="body">${t('contact.anonymous')}</p>
<p class="body">${t('contact.private')}</p>
${textInput({ id: 'name', label: t('contact.name'), errorPrefix: prefix, value: answers.name, autocomplete: 'name', width: 'medium', spellcheck: false, ...err('name') })}
${textInput({ id: 'email', label: t('contact.email'), hint: t('contact.email.hint'), errorPrefix: prefix, value: answers.email, type: 'email', autocomplete: 'email', spellcheck: false, ...err('email') })}
${textInput({ id: 'phone', label: t('contact.phone'), errorPrefix: prefix, value: answers.phone, type: 'tel', autocomplete: 'tel', width: 'medium', ...err('phone') })}`,
  );
}

/** The check page: every answer with a way to change it, then send. */
export function checkPage(v: StepView, city: City | undefined, service: Service | undefined) {
  const { t, answers } = v;
  const none = (text: string) => html`<span class="report-check__none">${text}</span>`;
  const change = (step: StepId, key: string) =>
    html`<button class="link-button" type="submit" formaction="${url(t, step)}" name="return" value="check" formnovalidate>${t('report.change')}<span class="visually-hidden"> ${key}</span></button>`;
  // The service's questions are in the city's words (see .city-words).
  const row = (
    step: StepId,
    key: string,
    value: SafeHtml | string,
  ) => html`<div class="summary-list__row${step === 'questions' ? ' city-words' : ''}">
<dt class="summary-list__key">${key}</dt>
<dd class="summary-list__value">${value}</dd>
<dd class="summary-list__actions">${change(step, key)}</dd>
</div>`;
  const pin = answers.lat && answers.lng ? coordinates(t, answers.lat, answers.lng) : undefined;
  const anonymous = !answers.name && !answers.email && !answers.phone;
  const summary = v.pageError
    ? errorSummary(t('report.errorTitle'), [{ field: 'main', message: v.pageError }])
    : '';
  return {
    title: t('check.title'),
    hasErrors: v.pageError !== undefined,
    scripts: ['report'],
    body: html`<form class="report" method="post" action="${url(t, 'send')}" novalidate data-report data-step="check">
<button class="back-link link-button" type="submit" formaction="${url(t, 'contact')}" formnovalidate>${t('report.back')}</button>
${summary}
<h1 class="heading">${t('check.title')}</h1>
<h2 class="heading heading--m">${t('check.report')}</h2>
<dl class="summary-list">
${row('city', t('check.city'), city?.name ?? '')}
${row('matter', t('check.matter'), service?.name ?? '')}
${(v.questions ?? []).map((q) => {
  const values = answers.attrs?.[q.code];
  return row(
    'questions',
    q.description,
    values
      ? html`<span class="report-check__text" dir="auto">${answerText(t, q, values)}</span>`
      : none(t('check.notGiven')),
  );
})}
${row('where', t('check.district'), answers.district ?? '')}
${row('where', t('check.address'), answers.address ?? none(t('check.notGiven')))}
${row('where', t('check.map'), pin ?? none(t('check.noPin')))}
${row('description', t('check.description'), html`<span class="report-check__text" dir="auto">${answers.description ?? ''}</span>`)}
${row('photos', t('check.photos'), t('photos.added', { count: photoIds(answers).length }))}
</dl>
<h2 class="heading heading--m">${t('check.contact')}</h2>
<p class="body">${anonymous ? t('check.anonymous') : t('contact.private')}</p>
<dl class="summary-list">
${row('contact', t('contact.name'), answers.name ?? none(t('check.notGiven')))}
${row('contact', t('contact.email'), answers.email ?? none(t('check.notGiven')))}
${row('contact', t('contact.phone'), answers.phone ?? none(t('check.notGiven')))}
</dl>
<h2 class="heading heading--m">${t('check.send.title')}</h2>
<p class="body">${t('check.send.body')}</p>
${carry(fieldsOf(answers))}
${button(t('check.send.button'))}
</form>`,
  } satisfies PageContent;
}
