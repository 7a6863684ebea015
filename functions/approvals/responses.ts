import { REGIONS } from '../membership/application.ts';
import { describes, timestamp } from '../shared/responses.ts';
import * as z from '../shared/zod.ts';
import type { Approval } from './approvals.ts';
import type { CommitteeVote } from './committee-votes.ts';
import type { Overview } from './overview.ts';
import type { Tally } from './tally.ts';

/** What the approval and ballot routes answer (for the OpenAPI document; see shared/responses.ts). */
export const tally = describes<Tally>()(
  z.object({
    approve: z.number().check(z.int()),
    reject: z.number().check(z.int()),
    committeeSize: z.number().check(z.int(), z.describe('The roster when the vote opened')),
  }),
);

const approvalStatus = z.enum(['open', 'approved', 'rejected', 'expired', 'failed']);

export const approvalView = describes<Approval>()(
  z.object({
    id: z.string(),
    cityId: z.string(),
    cityName: z.string(),
    status: approvalStatus,
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

const more = z.boolean().check(z.describe('There are more than shown'));

export const overviewView = describes<Overview>()(
  z.object({
    applications: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          city: z.object({ name: z.string(), country: z.string(), region: z.enum(REGIONS) }),
          submittedAt: timestamp,
        }),
      ),
      more,
    }),
    votes: z.object({ items: z.array(approvalView), more }),
    overdueRequests: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          cityId: z.string(),
          cityName: z.string(),
          serviceName: z.string(),
          district: z.string(),
          status: z.string(),
          expectedAt: timestamp,
          escalatedAt: z.optional(timestamp),
          assignedTo: z.optional(z.object({ name: z.string(), title: z.string() })),
        }),
      ),
      more,
    }),
    failedEmails: z
      .object({
        items: z.array(
          z.object({
            id: z.string(),
            to: z.array(z.string()),
            subject: z.string(),
            createdAt: timestamp,
            attempts: z.number().check(z.int(), z.describe('Failed sends so far')),
            lastError: z.optional(z.string().check(z.describe('The name of the last error'))),
            lastAttemptAt: z.optional(timestamp),
          }),
        ),
        more,
      })
      .check(z.describe('Emails still not sent 15 minutes after they were written')),
  }),
);

export const committeeVoteView = describes<CommitteeVote>()(
  z.object({
    approvalId: z.string(),
    status: approvalStatus,
    openedAt: timestamp,
    closesAt: timestamp,
    tally,
    city: z.object({
      id: z.string(),
      name: z.string(),
      country: z.string(),
      region: z.enum(REGIONS),
      population: z.number(),
      website: z.optional(z.string()),
    }),
    memberSince: z.optional(timestamp),
    motivation: z.string(),
    ballot: z.object({
      state: z.enum(['issuing', 'pending', 'voted', 'not-eligible']),
      decision: z.optional(z.enum(['approve', 'reject'])),
      votedAt: z.optional(timestamp),
    }),
  }),
);

export const committeeVotes = z.object({ items: z.array(committeeVoteView), more });
