import * as z from 'zod';
import { describes, pageOf, timestamp } from '../shared/responses.ts';
import { type Application, MEMBERSHIP_STATUSES, REGIONS } from './application.ts';
import type { DirectoryEntry } from './lists.ts';
import type { AuditEvent } from './store.ts';

/** What the membership routes answer (for the OpenAPI document; see shared/responses.ts). */
const status = z.enum(MEMBERSHIP_STATUSES);

export const applicationView = describes<Application>()(
  z.object({
    id: z.string(),
    status,
    city: z.object({
      name: z.string(),
      country: z.string().describe('ISO 3166-1 alpha-2'),
      region: z.enum(REGIONS),
      population: z.number().int(),
      website: z.string().optional(),
    }),
    mayor: z.object({ name: z.string(), officeEmail: z.string() }),
    signatory: z.object({
      name: z.string(),
      title: z.string(),
      isMayor: z.boolean(),
      signedOn: z.iso.date(),
    }),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }),
    motivation: z.string(),
    submittedAt: timestamp,
    updatedAt: timestamp,
    memberSince: timestamp.optional().describe('When the city became an Associate Member'),
    fullMemberSince: timestamp.optional(),
    approvalId: z.string().optional().describe('The Full Membership vote, once one was opened'),
    rejectionReason: z.string().optional(),
    withdrawalReason: z.string().optional(),
  }),
);

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
      actor: z.string().describe('Email of who made the change, or `system`'),
      from: status.nullable(),
      to: status,
      note: z.string().optional(),
    }),
  ),
);

export const directoryPage = pageOf(
  describes<DirectoryEntry>()(
    z.object({
      id: z.string(),
      city: z.object({ name: z.string(), country: z.string(), region: z.enum(REGIONS) }),
      status: z.enum(['associate', 'full']),
      memberSince: timestamp.optional(),
    }),
  ),
);
