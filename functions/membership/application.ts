import * as z from 'zod';
import { email, line, phone, text } from '../shared/schemas.ts';

/** The Membership Application Form (API.md), as the public submits it. */
export const REGIONS = ['asia', 'europe', 'africa', 'americas', 'middle-east', 'oceania'] as const;
export type Region = (typeof REGIONS)[number];

/** ISO 3166-1 alpha-2 codes, from the runtime's own region list (Intl), so no table to keep up to date. */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
export const countryName = (code: string): string => regionNames.of(code) ?? code;
const isCountryCode = (code: string) =>
  /^[A-Z]{2}$/.test(code) &&
  !['EU', 'UN', 'EZ', 'QO', 'XA', 'XB', 'ZZ'].includes(code) &&
  regionNames.of(code) !== undefined;

/** Today somewhere on Earth: a form signed today in Kiribati (UTC+14) is not from the future. */
const latestToday = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);

const isoDate = z.iso
  .date({ error: 'must be a date as YYYY-MM-DD' })
  // A malformed date already has its own error; only a real date can be in the future.
  .refine((d) => Number.isNaN(Date.parse(d)) || d <= latestToday(), { error: 'must not be in the future' });

export const applicationBody = z.strictObject({
  city: z.strictObject({
    name: line(120),
    country: z
      .string()
      .transform((c) => c.toUpperCase())
      .refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 country code' }),
    region: z.enum(REGIONS),
    population: z.number().int().positive().max(100_000_000),
    website: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(300)
      .optional(),
  }),
  mayor: z.strictObject({ name: line(200), officeEmail: email }),
  signatory: z.strictObject({
    name: line(200),
    title: line(200),
    isMayor: z.boolean(),
    signedOn: isoDate,
  }),
  contact: z.strictObject({
    name: line(200),
    email,
    phone: phone.optional(),
  }),
  motivation: text(5000),
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
