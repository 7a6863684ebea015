import { LANGUAGES } from '../shared/i18n.ts';
import { idParam, pageQuery } from '../shared/params.ts';
import { email, line, text } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { PURPOSES, TYPE_ALIASES } from '../uploads/purposes.ts';
import { uploadId } from '../uploads/schemas.ts';
import { COST_RANGES, SDGS, STAGES, THEME_CODES } from './themes.ts';

/** Request bodies of the knowledge platform. Objects are strict: unknown keys are a 400. */

/** Refuses a list with the same value twice. */
const distinct = (what: string) =>
  z.refine<readonly unknown[]>((list) => new Set(list).size === list.length, {
    error: `lists a ${what} twice`,
  });

/** A BCP 47 language tag such as `en`, `ko`, `zh`, `pt-BR`; stored with a lower-case primary subtag. */
export const languageTag = z.pipe(
  z.string().check(
    z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, {
      error: 'must be a BCP 47 language tag such as en, ko or zh',
    }),
  ),
  z.transform((tag: string) => {
    const [primary = '', ...rest] = tag.split('-');
    return [primary.toLowerCase(), ...rest].join('-');
  }),
);

const themes = z
  .array(z.enum(THEME_CODES))
  .check(
    z.minLength(1, { error: 'must name at least one theme' }),
    z.maxLength(THEME_CODES.length),
    distinct('theme'),
  );
const sdgs = z
  .array(z.number().check(z.int(), z.gte(1), z.lte(SDGS.length)))
  .check(z.maxLength(SDGS.length), distinct('goal'));
const thisYear = () => new Date().getUTCFullYear();
const yearStarted = z.number().check(
  z.int(),
  z.gte(1950),
  z.refine((y) => y <= thisYear() + 1, { error: 'must not be later than next year' }),
);
const words = (max: number, length: number) => z.array(line(length)).check(z.maxLength(max));
const link = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).check(z.maxLength(2000)),
  title: z.optional(line(200)),
});

/** Markdown, at most `max` characters. */
const markdown = (max: number) => text(max);
const SECTION_MAX = 4000;
export const SECTION_NAMES = [
  'problem',
  'solution',
  'results',
  'challenges',
  'conditions',
  'replication',
  'lessons',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const sections = z.strictObject({
  problem: markdown(SECTION_MAX),
  solution: markdown(SECTION_MAX),
  results: z.optional(markdown(SECTION_MAX)),
  challenges: z.optional(markdown(SECTION_MAX)),
  conditions: z.optional(markdown(SECTION_MAX)),
  replication: z.optional(markdown(SECTION_MAX)),
  lessons: z.optional(markdown(SECTION_MAX)),
});
export type Sections = z.infer<typeof sections>;

/** The text of a practice in one language: what a translation holds too. */
export const textBody = z.strictObject({
  title: line(200),
  summary: text(1000),
  sections,
});
export type PracticeText = z.infer<typeof textBody>;

const facts = {
  themes,
  sdgs: z.optional(sdgs),
  stage: z.optional(z.enum(STAGES)),
  yearStarted: z.optional(yearStarted),
  costRange: z.optional(z.enum(COST_RANGES)),
  technologies: z.optional(words(20, 80)),
  partners: z.optional(words(20, 120)),
  links: z.optional(z.array(link).check(z.maxLength(10))),
};

/** `cityId`: needed only by someone who represents more than one city. */
const actingCity = { cityId: z.optional(idParam) };

export const practiceBody = z.strictObject({
  title: line(200),
  summary: text(1000),
  language: languageTag,
  sections,
  ...facts,
  ...actingCity,
});
export type PracticeForm = z.infer<typeof practiceBody>;

/** A PATCH: any of the fields; `null` removes an optional one; sections are merged one by one. */
const clearable = <T extends z.core.$ZodType>(schema: T) => z.optional(z.nullable(schema));
export const practicePatch = z
  .strictObject({
    title: z.optional(line(200)),
    summary: z.optional(text(1000)),
    sections: z.optional(
      z.strictObject({
        problem: z.optional(markdown(SECTION_MAX)),
        solution: z.optional(markdown(SECTION_MAX)),
        results: clearable(markdown(SECTION_MAX)),
        challenges: clearable(markdown(SECTION_MAX)),
        conditions: clearable(markdown(SECTION_MAX)),
        replication: clearable(markdown(SECTION_MAX)),
        lessons: clearable(markdown(SECTION_MAX)),
      }),
    ),
    themes: z.optional(themes),
    sdgs: clearable(sdgs),
    stage: clearable(z.enum(STAGES)),
    yearStarted: clearable(yearStarted),
    costRange: clearable(z.enum(COST_RANGES)),
    technologies: clearable(words(20, 80)),
    partners: clearable(words(20, 120)),
    links: clearable(z.array(link).check(z.maxLength(10))),
    /** The `updatedAt` the client read: if the practice changed since, a 409 and nothing is written. */
    expectedUpdatedAt: z.optional(z.iso.datetime()),
  })
  .check(
    z.refine((b) => Object.keys(b).some((k) => k !== 'expectedUpdatedAt'), {
      error: 'must change at least one field',
    }),
  );
export type PracticePatch = z.infer<typeof practicePatch>;

export const representativesBody = z
  .strictObject({
    representatives: z
      .array(z.strictObject({ name: line(200), email, language: z.optional(z.enum(LANGUAGES)) }))
      .check(z.maxLength(20)),
    /** The `updatedAt` the caller read: a list changed since is a 409 and nothing is written. */
    expectedUpdatedAt: z.optional(z.iso.datetime()),
  })
  .check(
    z.refine((b) => new Set(b.representatives.map((r) => r.email)).size === b.representatives.length, {
      error: 'lists an email twice',
      path: ['representatives'],
    }),
  );
export type Representative = z.infer<typeof representativesBody>['representatives'][number];

export const followsBody = z.strictObject({
  themes: z.array(z.enum(THEME_CODES)).check(z.maxLength(THEME_CODES.length), distinct('theme')),
  language: z.optional(z.enum(LANGUAGES)),
});

export const contactBody = z.strictObject({ message: text(4000), ...actingCity });
export const replyBody = z.strictObject({ message: text(4000) });
export const adoptionBody = z.strictObject({
  practiceId: z.optional(idParam),
  note: text(2000),
  ...actingCity,
});
export const questionBody = z.strictObject({
  title: line(200),
  body: text(4000),
  themes,
  ...actingCity,
});
export const answerBody = z.strictObject({ body: text(4000), ...actingCity });

export const practicePath = z.strictObject({ id: idParam });
export const attachmentPath = z.strictObject({ id: idParam, attachmentId: uploadId });
export const translationPath = z.strictObject({ id: idParam, lang: languageTag });
export const answerPath = z.strictObject({ id: idParam, answerId: idParam });
export const tokenPath = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'is not a link token' })),
});

export const searchQuery = z.strictObject({
  q: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  theme: z.optional(z.enum(THEME_CODES)),
  sdg: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(SDGS.length))),
  region: z.optional(z.string().check(z.regex(/^[a-z-]{2,20}$/, { error: 'must be a region code' }))),
  country: z.optional(
    z.pipe(
      z.string().check(z.regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' })),
      z.transform((c: string) => c.toUpperCase()),
    ),
  ),
  stage: z.optional(z.enum(STAGES)),
  lang: z.optional(languageTag),
  ...pageQuery,
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const listQuery = z.strictObject({ ...pageQuery });
export const questionsQuery = z.strictObject({ theme: z.optional(z.enum(THEME_CODES)), ...pageQuery });

const attachmentPurpose = PURPOSES['practice-attachment'];
/** The declared types an attachment may have (aliases such as image/heif included). */
const attachmentTypes = Object.keys(TYPE_ALIASES).filter((t) =>
  (attachmentPurpose.types as readonly string[]).includes(TYPE_ALIASES[t] as string),
) as [string, ...string[]];

/** What a representative says of a file before uploading it: the policy then fixes its type and size. */
export const attachmentBody = z.strictObject({
  fileName: line(200).check(
    z.refine((s) => !/[/\\]/.test(s), { error: 'must be a file name, without a folder' }),
  ),
  contentType: z.enum(attachmentTypes),
  size: z.number().check(z.int(), z.gte(1), z.lte(attachmentPurpose.maxBytes)),
});
