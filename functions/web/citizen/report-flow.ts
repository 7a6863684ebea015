import { createHash, randomUUID } from 'node:crypto';
import { requestBody } from '../../cps/schemas.ts';
import type { Language } from '../../shared/i18n.ts';
import * as z from '../../shared/zod.ts';
import type { Form } from '../server.ts';

/**
 * The citizen's report as a flow of questions, one per page, that works without JavaScript: every
 * answer given so far travels in the form (hidden fields for the other steps), so nothing is kept on
 * the server until the report is filed (photos go to S3 as they are added; only their upload ids
 * travel). A step is an entry of STEPS with its fields: per-service questions would go after `matter`.
 */
export const STEPS = ['city', 'matter', 'where', 'description', 'photos', 'contact'] as const;
export type StepId = (typeof STEPS)[number];
/** Pages of the flow: the questions, then the check of every answer. */
export type PageId = StepId | 'check';

/** The fields each step asks; `lat`/`lng` are set by the map (JavaScript only). */
export const STEP_FIELDS = {
  city: ['city'],
  matter: ['service'],
  where: ['district', 'address', 'lat', 'lng'],
  description: ['description'],
  // The ids of the photos uploaded so far, comma-separated (the photos step adds and removes them).
  photos: ['media'],
  contact: ['name', 'email', 'phone'],
} as const satisfies Record<StepId, readonly string[]>;

export type Field = (typeof STEP_FIELDS)[StepId][number];
export type Answers = Partial<Record<Field, string>> & {
  /** A random id of this report, from its first page: with the answers, the filing's Idempotency-Key. */
  readonly flow: string;
};

const FIELDS = Object.values(STEP_FIELDS).flat() as Field[];
const FLOW_SHAPE = /^[0-9a-f-]{36}$/;

export const newAnswers = (): Answers => ({ flow: randomUUID() });

/** The answers in a posted form: known fields only, each a single value (a repeated field keeps its first). */
export function answersOf(form: Form): Answers {
  const one = (name: string) => {
    const value = form[name];
    return typeof value === 'string' ? value : value?.[0];
  };
  const flow = one('flow');
  const answers: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const value = one(field);
    if (value !== undefined && value.trim() !== '') answers[field] = value;
  }
  return { ...answers, flow: flow && FLOW_SHAPE.test(flow) ? flow : randomUUID() };
}

export const stepOf = (field: Field): StepId =>
  STEPS.find((s) => (STEP_FIELDS[s] as readonly string[]).includes(field)) as StepId;

export const stepsBefore = (page: PageId): readonly StepId[] =>
  page === 'check' ? STEPS : STEPS.slice(0, STEPS.indexOf(page));

export const nextPage = (step: StepId): PageId => STEPS[STEPS.indexOf(step) + 1] ?? 'check';
export const previousPage = (page: PageId): StepId | undefined =>
  page === 'check' ? STEPS.at(-1) : STEPS[STEPS.indexOf(page) - 1];

export const isPage = (value: string): value is PageId =>
  value === 'check' || (STEPS as readonly string[]).includes(value);

/** Why a field's answer is refused; the page says it in the visitor's language. */
export type Problem = 'required' | 'invalid' | 'tooLong' | 'unknown' | 'tooLarge' | 'tooMany' | 'failed';
export interface AnswerError {
  readonly field: Field;
  readonly problem: Problem;
}

/** The body of `POST /cities/{cityId}/requests` for these answers, in the page's language (the citizen's emails are in it). */
export function requestOf(answers: Answers, lang: Language): Record<string, unknown> {
  const { service, district, description, address, lat, lng, name, email, phone } = answers;
  const contact = { name, email, phone };
  const media = photoIds(answers);
  return {
    service,
    district,
    description,
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
  if (first === 'contact') return (['name', 'email', 'phone'] as const).find((f) => f === second);
  return FIELDS.find((f) => f === first);
}

/**
 * The answers of `steps` checked with the API's own rules (its request schema), so a report that
 * passes here is one the API takes. Whether the city and the service exist is asked of the API.
 */
export function checkAnswers(answers: Answers, steps: readonly StepId[], lang: Language): AnswerError[] {
  const asked = new Set<string>(steps.flatMap((s) => STEP_FIELDS[s]));
  const errors: AnswerError[] = [];
  if (asked.has('city') && !answers.city) errors.push({ field: 'city', problem: 'required' });
  const result = z.safeParse(requestBody, requestOf(answers, lang));
  for (const issue of result.success ? [] : result.error.issues) {
    const field = fieldOfPath(issue.path as (string | number)[]);
    if (!field || !asked.has(field) || errors.some((e) => e.field === field)) continue;
    const problem: Problem =
      field !== 'lat' && field !== 'media' && answers[field] === undefined
        ? 'required'
        : issue.code === 'too_big' && field !== 'lat'
          ? 'tooLong'
          : 'invalid';
    errors.push({ field, problem });
  }
  // In the order the fields are asked.
  return errors.sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
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
