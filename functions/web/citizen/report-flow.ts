import { createHash, randomUUID } from 'node:crypto';
import { checkAttributes, DISTRICT } from '../../cps/attributes.ts';
import { requestBody } from '../../cps/schemas.ts';
import type { ServiceAttribute } from '../../cps/types.ts';
import type { Language } from '../../shared/i18n.ts';
import * as z from '../../shared/zod.ts';
import type { Form } from '../server.ts';

/**
 * The citizen's report as a flow of questions, one per page, that works without JavaScript: every
 * answer given so far travels in the form (hidden fields for the other steps), so nothing is kept on
 * the server until the report is filed (photos go to S3 as they are added; only their upload ids
 * travel). A step is an entry of STEPS with its fields. The questions step asks the chosen service's
 * own questions (its Open311 attributes), one field each (`attr.<code>`); a service without any skips it.
 */
export const STEPS = ['city', 'matter', 'questions', 'where', 'description', 'photos', 'contact'] as const;
export type StepId = (typeof STEPS)[number];
/** Pages of the flow: the questions, then the check of every answer. */
export type PageId = StepId | 'check';

/** The fields each step asks; `lat`/`lng` are set by the map (JavaScript only). */
export const STEP_FIELDS = {
  city: ['city'],
  matter: ['service'],
  // The service the answers to questions are for (a change of matter drops them), and the browser's
  // time zone (set by the script) for date-time answers; the answers are `attr.<code>` fields.
  questions: ['questionsFor', 'tz'],
  where: ['district', 'address', 'lat', 'lng'],
  description: ['description'],
  // The ids of the photos uploaded so far, comma-separated (the photos step adds and removes them).
  photos: ['media'],
  contact: ['name', 'email', 'phone'],
} as const satisfies Record<StepId, readonly string[]>;

type FixedField = (typeof STEP_FIELDS)[StepId][number];
/** The field of a service's question: `attr.<code>`. */
export type QuestionField = `attr.${string}`;
export type Field = FixedField | QuestionField;
export type Answers = Partial<Record<FixedField, string>> & {
  /** A random id of this report, from its first page: with the answers, the filing's Idempotency-Key. */
  readonly flow: string;
  /** Answers to the service's questions by code: one value, or a multivaluelist's keys. */
  readonly attrs?: Readonly<Record<string, readonly string[]>>;
};

/** A question the report asks: a service attribute other than the district (the where step asks that). */
export type Question = ServiceAttribute;

const FIELDS = Object.values(STEP_FIELDS).flat() as FixedField[];
const FLOW_SHAPE = /^[0-9a-f-]{36}$/;
const QUESTION_FIELD = /^attr\.([A-Za-z0-9_-]{1,40})$/;

export const questionField = (code: string): QuestionField => `attr.${code}`;
export const isQuestionField = (field: string): field is QuestionField => QUESTION_FIELD.test(field);

/** The questions of a service, in the order it asks them (`order`, then code). */
export const questionsOf = (service: { readonly attributes?: readonly ServiceAttribute[] } | undefined) =>
  (service?.attributes ?? [])
    .filter((a) => a.code !== DISTRICT)
    .sort((a, b) => (a.order ?? 1001) - (b.order ?? 1001) || a.code.localeCompare(b.code));

export const newAnswers = (): Answers => ({ flow: randomUUID() });

/**
 * The answers in a posted form: known fields only, each a single value (a repeated field keeps its
 * first), and the answers to questions (`attr.<code>`, every value) as long as they are for the
 * chosen service: another matter's answers are dropped.
 */
export function answersOf(form: Form): Answers {
  const one = (name: string) => {
    const value = form[name];
    return typeof value === 'string' ? value : value?.[0];
  };
  const flow = one('flow');
  const answers: Partial<Record<FixedField, string>> = {};
  for (const field of FIELDS) {
    const value = one(field);
    if (value !== undefined && value.trim() !== '') answers[field] = value;
  }
  const attrs: Record<string, string[]> = {};
  if (answers.questionsFor !== undefined && answers.questionsFor === answers.service) {
    for (const [name, value] of Object.entries(form)) {
      const code = QUESTION_FIELD.exec(name)?.[1];
      const values = (typeof value === 'string' ? [value] : value).filter((v) => v.trim() !== '');
      if (code && values.length > 0) attrs[code] = values;
    }
  } else delete answers.questionsFor;
  return {
    ...answers,
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
    flow: flow && FLOW_SHAPE.test(flow) ? flow : randomUUID(),
  };
}

/** The answers as form fields (hidden fields carry them): a list answer is one field per value. */
export function fieldsOf(answers: Answers): [string, string][] {
  const { attrs, ...fixed } = answers;
  return [
    ...Object.entries(fixed).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
    ...Object.entries(attrs ?? {}).flatMap(([code, values]) =>
      values.map((v): [string, string] => [questionField(code), v]),
    ),
  ];
}

export const stepOf = (field: Field): StepId =>
  isQuestionField(field)
    ? 'questions'
    : (STEPS.find((s) => (STEP_FIELDS[s] as readonly string[]).includes(field)) as StepId);

export const stepsBefore = (page: PageId): readonly StepId[] =>
  page === 'check' ? STEPS : STEPS.slice(0, STEPS.indexOf(page));

/** The steps a report asks: the questions only when its service has some. */
export const stepsAsked = (hasQuestions: boolean): readonly StepId[] =>
  hasQuestions ? STEPS : STEPS.filter((s) => s !== 'questions');

export const nextPage = (step: StepId, hasQuestions: boolean): PageId => {
  const steps = stepsAsked(hasQuestions);
  return steps[steps.indexOf(step) + 1] ?? 'check';
};
export const previousPage = (page: PageId, hasQuestions: boolean): StepId | undefined => {
  const steps = stepsAsked(hasQuestions);
  return page === 'check' ? steps.at(-1) : steps[steps.indexOf(page as StepId) - 1];
};

export const isPage = (value: string): value is PageId =>
  value === 'check' || (STEPS as readonly string[]).includes(value);

/** Why a field's answer is refused; the page says it in the visitor's language. */
export type Problem = 'required' | 'invalid' | 'tooLong' | 'unknown' | 'tooLarge' | 'tooMany' | 'failed';
export interface AnswerError {
  readonly field: Field;
  readonly problem: Problem;
}

/**
 * The body of `POST /cities/{cityId}/requests` for these answers, in the page's language (the
 * citizen's emails are in it). Only the answers to the service's `questions` are sent.
 */
export function requestOf(
  answers: Answers,
  lang: Language,
  questions: readonly Question[] = [],
): Record<string, unknown> {
  const { service, district, description, address, lat, lng, name, email, phone } = answers;
  const contact = { name, email, phone };
  const media = photoIds(answers);
  const attributes = attributesOf(answers, questions);
  return {
    service,
    district,
    description,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(address ? { address } : {}),
    ...(lat !== undefined || lng !== undefined
      ? { location: { lat: coordinate(lat), lng: coordinate(lng) } }
      : {}),
    ...(media.length > 0 ? { media } : {}),
    ...(name || email || phone ? { contact: JSON.parse(JSON.stringify(contact)) } : {}),
    language: lang,
  };
}

/** The answers with these photos (upload ids). */
export const withPhotos = (answers: Answers, ids: readonly string[]): Answers => {
  const { media: _media, ...rest } = answers;
  return ids.length > 0 ? { ...rest, media: ids.join(',') } : rest;
};

/** The photos' upload ids in the answers (the `media` field holds them comma-separated). */
export const photoIds = (answers: Answers): string[] =>
  (answers.media ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/** How many photos a report takes (the API's limit), and how large each may be sent through the page. */
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;

/** A coordinate as typed or set by the map; anything that is not a number is left for the schema to refuse. */
const coordinate = (value: string | undefined): number | string | undefined =>
  value !== undefined && /^-?\d{1,3}(\.\d{1,12})?$/.test(value.trim()) ? Number(value) : value;

/** The field an error of the API's request body is about (`body.contact.email` → `email`). */
export function fieldOfPath(path: readonly (string | number)[]): Field | undefined {
  const [first, second] = path.map(String);
  if (first === 'location') return 'lat';
  if (first === 'attributes') return second !== undefined ? questionField(second) : undefined;
  if (first === 'contact') return (['name', 'email', 'phone'] as const).find((f) => f === second);
  return FIELDS.find((f) => f === first);
}

/**
 * The answers of `steps` checked with the API's own rules (its request schema), so a report that
 * passes here is one the API takes. Whether the city and the service exist is asked of the API.
 */
export function checkAnswers(
  answers: Answers,
  steps: readonly StepId[],
  lang: Language,
  questions: readonly Question[] = [],
): AnswerError[] {
  const asked = new Set<string>(steps.flatMap((s) => STEP_FIELDS[s]));
  const errors: AnswerError[] = [];
  if (asked.has('city') && !answers.city) errors.push({ field: 'city', problem: 'required' });
  if (steps.includes('questions')) errors.push(...checkQuestions(answers, questions));
  const result = z.safeParse(requestBody, requestOf(answers, lang, questions));
  for (const issue of result.success ? [] : result.error.issues) {
    const field = fieldOfPath(issue.path as (string | number)[]);
    if (!field || errors.some((e) => e.field === field)) continue;
    if (isQuestionField(field) ? !steps.includes('questions') : !asked.has(field)) continue;
    const problem: Problem =
      !isQuestionField(field) && field !== 'lat' && field !== 'media' && answers[field] === undefined
        ? 'required'
        : issue.code === 'too_big' && field !== 'lat'
          ? 'tooLong'
          : 'invalid';
    errors.push({ field, problem });
  }
  // In the order the fields are asked.
  const order = [
    ...FIELDS.slice(0, FIELDS.indexOf('tz') + 1),
    ...questions.map((q) => questionField(q.code)),
    ...FIELDS.slice(FIELDS.indexOf('tz') + 1),
  ] as Field[];
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The longest answer of each datatype the API takes (a list's keys are checked against its values). */
export const ANSWER_MAX: Partial<Record<Question['datatype'], number>> = { string: 300, text: 4000 };
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A number as people type it: a decimal comma (3,5) is a decimal point. */
const numberOf = (value: string) => {
  const trimmed = value.trim();
  return /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
};

/**
 * A date and time as a `datetime-local` input gives it (no time zone) in the W3C form the API takes,
 * with the offset of the browser's time zone `tz` at that moment (UTC without one, e.g. without
 * JavaScript). Undefined when it is not a date and time.
 */
export function w3cDateTime(local: string, tz: string | undefined): string | undefined {
  const m = LOCAL_DATE_TIME.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const wall = Date.UTC(y ?? 0, (mo ?? 0) - 1, d ?? 0, h ?? 0, mi ?? 0, sec ?? 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== (mo ?? 0) - 1 || check.getUTCDate() !== d || (h ?? 0) > 23 || (sec ?? 0) > 59)
    return undefined;
  let offsetMinutes = 0;
  if (tz) {
    try {
      // The zone's offset at the instant this wall time is there (corrected once for a DST change).
      const offsetAt = (at: number) => {
        const parts: Record<string, number> = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', {
            timeZone: tz,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          })
            .formatToParts(at)
            .map((x) => [x.type, Number(x.value)]),
        );
        const p = (type: string) => parts[type] ?? 0;
        return (
          (Date.UTC(p('year'), p('month') - 1, p('day'), p('hour'), p('minute'), p('second')) - at) / 60000
        );
      };
      const first = offsetAt(wall);
      offsetMinutes = Math.round(offsetAt(wall - first * 60000));
    } catch {
      offsetMinutes = 0; // not a time zone this server knows: UTC
    }
  }
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  const zone = abs === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`;
}

/** The answers to `questions` as the API takes them: one text, or a multivaluelist's keys; numbers and dates in its form. */
function attributesOf(answers: Answers, questions: readonly Question[]): Record<string, string | string[]> {
  const attributes: Record<string, string | string[]> = {};
  for (const q of questions) {
    const values = answers.attrs?.[q.code];
    const [first] = values ?? [];
    if (!values || first === undefined) continue;
    if (q.datatype === 'multivaluelist') attributes[q.code] = [...values];
    else if (q.datatype === 'number') attributes[q.code] = numberOf(first);
    else if (q.datatype === 'datetime') attributes[q.code] = w3cDateTime(first, answers.tz) ?? first;
    else attributes[q.code] = first;
  }
  return attributes;
}

/**
 * The answers to the service's questions checked: a required one must be answered, each as its
 * datatype asks; then with the API's own check of attributes, so what passes here the API takes.
 * Answers to codes the service does not ask are never sent (requestOf), so they are not errors.
 */
export function checkQuestions(answers: Answers, questions: readonly Question[]): AnswerError[] {
  const errors: AnswerError[] = [];
  const refuse = (q: Question, problem: Problem) => errors.push({ field: questionField(q.code), problem });
  for (const q of questions) {
    const values = answers.attrs?.[q.code] ?? [];
    const [first = ''] = values;
    const max = ANSWER_MAX[q.datatype];
    if (values.length === 0) {
      if (q.required) refuse(q, 'required');
    } else if (values.some((v) => LONE_SURROGATE.test(v))) refuse(q, 'invalid');
    else if (q.datatype !== 'multivaluelist' && values.length > 1) refuse(q, 'invalid');
    else if (max !== undefined && first.trim().length > max) refuse(q, 'tooLong');
    else if (q.datatype === 'number' && !NUMBER.test(numberOf(first))) refuse(q, 'invalid');
    else if (q.datatype === 'datetime' && !w3cDateTime(first, answers.tz)) refuse(q, 'invalid');
  }
  const sent = attributesOf(answers, questions);
  for (const e of checkAttributes({ attributes: [...questions] }, sent, undefined, false).errors) {
    const field = fieldOfPath(e.path.split('.').slice(1));
    if (field && !errors.some((x) => x.field === field)) errors.push({ field, problem: 'invalid' });
  }
  return errors;
}

/**
 * The Idempotency-Key of filing these answers: the same report sent twice (a double click, a retried
 * submit) is filed once, while two people's identical reports are two (each report has its own flow id).
 */
export const idempotencyKey = (answers: Answers, body: unknown): string =>
  `web-report-${createHash('sha256')
    .update(`${answers.flow}\n${JSON.stringify(body)}`)
    .digest('hex')}`;

/** The most a field takes, for the page's hints (the API's limits). */
export const MAX_LENGTH = { description: 4000, district: 100, address: 300, name: 200 } as const;
