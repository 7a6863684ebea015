import { describes, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import type { Approval } from './approvals.ts';
import type { Tally } from './tally.ts';

/** What the approval and ballot routes answer (for the OpenAPI document; see shared/responses.ts). */
export const tally = describes<Tally>()(
  z.object({
    approve: z.number().check(z.int()),
    reject: z.number().check(z.int()),
    committeeSize: z.number().check(z.int(), z.describe('The roster when the vote opened')),
  }),
);

export const approvalView = describes<Approval>()(
  z.object({
    id: z.string(),
    cityId: z.string(),
    cityName: z.string(),
    status: z.enum(['open', 'approved', 'rejected', 'expired', 'failed']),
    tally,
    openedAt: timestamp,
    closesAt: timestamp,
    closedAt: z.optional(timestamp),
  }),
);

export const voteRecorded = z.object({
  approvalId: z.string(),
  decision: z.enum(['approve', 'reject']),
  tally,
});

export const fullMembershipStarted = z.object({
  approvalId: z.string(),
  status: z.literal('full_pending'),
  votingClosesAt: timestamp,
});
