import { iso31661, iso31661Reserved } from 'iso-3166';
import { LANGUAGES } from '../shared/i18n.ts';
import { REGIONS, type Region } from '../shared/regions.ts';
import { email, line, phone, text } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';

/** The Membership Application Form, as the public submits it. */
export { REGIONS, type Region };

/** The assigned ISO 3166-1 alpha-2 codes (the iso-3166 package keeps the list): "UK" or "EU" are not among them. */
const ASSIGNED = new Set(iso31661.map((c) => c.alpha2));

/** The assigned code a reserved one stands for, where their names say so: UK → GB (United Kingdom…). */
function assignedFor(code: string): string | undefined {
  const reserved = iso31661Reserved.find((r) => r.alpha2 === code);
  return reserved && iso31661.find((c) => c.name.startsWith(reserved.name))?.alpha2;
}

/** An assigned ISO 3166-1 alpha-2 code, in any case (upper-cased). */
export const countryCode = z
  .pipe(
    z.string(),
    z.transform((c: string) => c.toUpperCase()),
  )
  .check(
    z.superRefine((code, ctx) => {
      if (ASSIGNED.has(code)) return;
      const hint = assignedFor(code);
      ctx.addIssue({
        code: 'custom',
        message: `must be an ISO 3166-1 alpha-2 country code${hint ? ` (did you mean ${hint}?)` : ''}`,
      });
    }),
  );

/** Today somewhere on Earth: a form signed today in Kiribati (UTC+14) is not from the future. */
const latestToday = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
const EARLIEST_SIGNATURE = '1900-01-01';

const signedOn = z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).check(
  // A malformed date already has its own error; only a real date can be too early or in the future.
  z.refine((d) => Number.isNaN(Date.parse(d)) || d >= EARLIEST_SIGNATURE, {
    error: `must not be before ${EARLIEST_SIGNATURE}`,
  }),
  z.refine((d) => Number.isNaN(Date.parse(d)) || d <= latestToday(), {
    error: 'must not be in the future',
  }),
);

/** The sections of the form, each complete and strict: a draft saves them one by one (drafts.ts). */
export const formSections = {
  city: z.strictObject({
    name: line(120),
    country: countryCode,
    region: z.enum(REGIONS),
    population: z.number().check(z.int(), z.positive(), z.lte(100_000_000)),
    website: z.optional(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).check(z.maxLength(300)),
    ),
  }),
  mayor: z.strictObject({ name: line(200), officeEmail: email }),
  signatory: z.strictObject({
    name: line(200),
    title: line(200),
    isMayor: z.boolean(),
    signedOn,
  }),
  contact: z.strictObject({
    name: line(200),
    /** Position or department, e.g. "Head of the ICT Division". */
    title: z.optional(line(200)),
    email,
    phone: z.optional(phone),
  }),
  motivation: text(5000),
};

/**
 * The language an application was made in: the acknowledgement and every later email to the Mayor's
 * office are written in it. English when not given.
 */
export const applicationLanguage = z.enum(LANGUAGES);

export const applicationBody = z.strictObject({
  ...formSections,
  language: z.optional(applicationLanguage),
});

export type ApplicationForm = z.infer<typeof applicationBody>;

export const MEMBERSHIP_STATUSES = [
  'submitted',
  'associate',
  'full_pending',
  'full',
  'rejected',
  'withdrawn',
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** A stored application (the city's profile), as the Secretariat sees it. */
export interface Application extends ApplicationForm {
  readonly id: string;
  readonly status: MembershipStatus;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** When the city became an Associate Member. */
  readonly memberSince?: string;
  readonly fullMemberSince?: string;
  readonly approvalId?: string;
  readonly rejectionReason?: string;
  readonly withdrawalReason?: string;
}
