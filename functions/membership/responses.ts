import { describes, pageOf, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import { type Application, applicationLanguage, MEMBERSHIP_STATUSES, REGIONS } from './application.ts';
import type { Draft } from './draft-schema.ts';
import type { DirectoryEntry } from './lists.ts';
import type { AuditEvent } from './store.ts';

/** What the membership routes answer (for the OpenAPI document; see shared/responses.ts). */
const status = z.enum(MEMBERSHIP_STATUSES);

/** The sections of the form as the API answers them (the request schemas transform, these do not). */
const sections = {
  city: z.object({
    name: z.string(),
    country: z.string().check(z.describe('ISO 3166-1 alpha-2')),
    region: z.enum(REGIONS),
    population: z.number().check(z.int()),
    website: z.optional(z.string()),
  }),
  mayor: z.object({ name: z.string(), officeEmail: z.string() }),
  signatory: z.object({
    name: z.string(),
    title: z.string(),
    isMayor: z.boolean(),
    signedOn: z.iso.date(),
  }),
  contact: z.object({
    name: z.string(),
    title: z.optional(z.string()),
    email: z.string(),
    phone: z.optional(z.string()),
  }),
  motivation: z.string(),
};

export const applicationView = describes<Application>()(
  z.object({
    id: z.string(),
    status,
    ...sections,
    language: z.optional(
      applicationLanguage.check(
        z.describe("The language the application was made in: the Mayor's office is emailed in it"),
      ),
    ),
    submittedAt: timestamp,
    updatedAt: timestamp,
    memberSince: z.optional(timestamp).check(z.describe('When the city became an Associate Member')),
    fullMemberSince: z.optional(timestamp),
    approvalId: z.optional(z.string()).check(z.describe('The Full Membership vote, once one was opened')),
    rejectionReason: z.optional(z.string()),
    withdrawalReason: z.optional(z.string()),
  }),
);

/** The Secretariat's view of one application: its signed form as a link that works for a few minutes. */
export const secretariatApplicationView = z.extend(applicationView, {
  signedForm: z.optional(
    z
      .object({
        downloadUrl: z
          .url()
          .check(
            z.describe('Downloads the PDF for 5 minutes; the link itself is the permission: never share it'),
          ),
        linkExpiresAt: timestamp,
        size: z.number().check(z.int(), z.describe('Bytes')),
        uploadedAt: timestamp,
      })
      .check(z.describe('The signed Membership Application Form (a PDF), when the city uploaded it')),
  ),
});

export const submitted = z.object({
  id: z.string(),
  status: z.literal('submitted'),
  submittedAt: timestamp,
});

export const applicationPage = pageOf(applicationView);

export const historyPage = pageOf(
  describes<AuditEvent>()(
    z.object({
      at: timestamp,
      actor: z.string().check(z.describe('Email of who made the change, or `system`')),
      from: z.nullable(status),
      to: status,
      note: z.optional(z.string()),
    }),
  ),
);

export const directoryPage = pageOf(
  describes<DirectoryEntry>()(
    z.object({
      id: z.string(),
      city: z.object({ name: z.string(), country: z.string(), region: z.enum(REGIONS) }),
      status: z.enum(['associate', 'full']),
      memberSince: z.optional(timestamp),
    }),
  ),
);

export const draftView = describes<Draft>()(
  z.object({
    id: z.string(),
    email: z.optional(z.string().check(z.describe('Where the link that resumes the draft was emailed'))),
    language: applicationLanguage,
    answers: z
      .object({
        city: z.optional(sections.city),
        mayor: z.optional(sections.mayor),
        signatory: z.optional(sections.signatory),
        contact: z.optional(sections.contact),
        motivation: z.optional(sections.motivation),
      })
      .check(z.describe('The sections answered so far, each complete')),
    createdAt: timestamp,
    updatedAt: timestamp,
    expiresAt: timestamp.check(z.describe('After this the draft is gone (410, then 404)')),
    signedForm: z.optional(
      z
        .object({ uploadId: z.string(), size: z.number().check(z.int()), uploadedAt: timestamp })
        .check(z.describe('The signed Membership Application Form, once its PDF was attached and checked')),
    ),
    submitted: z.optional(
      z
        .object({ id: z.string(), submittedAt: timestamp })
        .check(z.describe('The application the draft became; its answers are no longer kept here')),
    ),
  }),
);

export const draftCreated = z.object({
  id: z.string(),
  token: z
    .string()
    .check(
      z.describe(
        'The resume token, shown this once (and emailed in the link): send it as the `draft-token` header',
      ),
    ),
  expiresAt: timestamp,
});
