import type { Application, Region } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { notFound } from '../shared/problem.ts';
import { type ApprovalStatus, toApprovalItem } from './approvals.ts';
import { approvalKey, voterKey } from './keys.ts';
import type { Tally } from './tally.ts';

/**
 * A committee member's own view of the Full Membership votes: each with the application (what the
 * emailed ballot shows, no personal data) and the state of the member's own ballot.
 */
export interface CommitteeVote {
  readonly approvalId: string;
  readonly status: ApprovalStatus;
  readonly openedAt: string;
  readonly closesAt: string;
  readonly tally: Tally;
  readonly city: {
    readonly id: string;
    readonly name: string;
    readonly country: string;
    readonly region: Region;
    readonly population: number;
    readonly website?: string;
  };
  readonly memberSince?: string;
  readonly motivation: string;
  /**
   * `issuing`: the vote has just opened and its ballots are being issued (in a moment, `pending`);
   * `not-eligible`: the member was not on the roster when this vote opened.
   */
  readonly ballot: {
    readonly state: 'issuing' | 'pending' | 'voted' | 'not-eligible';
    readonly decision?: 'approve' | 'reject';
    readonly votedAt?: string;
  };
}

function voteOf(
  app: Application,
  meta: Record<string, unknown>,
  voter: Record<string, unknown> | undefined,
): CommitteeVote {
  const approval = toApprovalItem(meta);
  const decision = voter?.decision as 'approve' | 'reject' | undefined;
  return {
    approvalId: approval.id,
    status: approval.status,
    openedAt: approval.openedAt,
    closesAt: approval.closesAt,
    tally: approval.tally,
    city: {
      id: app.id,
      name: app.city.name,
      country: app.city.country,
      region: app.city.region,
      population: app.city.population,
      ...(app.city.website ? { website: app.city.website } : {}),
    },
    ...(app.memberSince ? { memberSince: app.memberSince } : {}),
    motivation: app.motivation,
    ballot: !voter
      ? { state: approval.ballotsIssuedAt || approval.status !== 'open' ? 'not-eligible' : 'issuing' }
      : decision
        ? { state: 'voted', decision, ...(voter.votedAt ? { votedAt: String(voter.votedAt) } : {}) }
        : { state: 'pending' },
  };
}

/** Votes open at once are few: their approvals and the member's ballots fit one BatchGetItem (≤ 100 keys). */
const OPEN_VOTES = 50;

/**
 * The votes open now whose ballots are out, soonest to close first. Two round trips: the cities
 * waiting for a vote, then their approvals and the member's ballots together.
 */
export async function openVotesOf(
  email: string,
  now = new Date(),
): Promise<{ items: CommitteeVote[]; more: boolean }> {
  const pending = await membership.inStatus('full_pending', OPEN_VOTES);
  const waiting = pending.items.filter((a): a is Application & { approvalId: string } => !!a.approvalId);
  if (waiting.length === 0) return { items: [], more: pending.more };
  const found = await batchGet(
    waiting.flatMap((a) => [approvalKey(a.approvalId), voterKey(a.approvalId, email)]),
    true,
  );
  const items = waiting
    .flatMap((a) => {
      const meta = found.get(keyOf(approvalKey(a.approvalId)));
      return meta ? [voteOf(a, meta, found.get(keyOf(voterKey(a.approvalId, email))))] : [];
    })
    .filter((v) => v.status === 'open' && v.closesAt > now.toISOString() && v.ballot.state !== 'issuing')
    .sort((a, b) => a.closesAt.localeCompare(b.closesAt));
  return { items, more: pending.more };
}

/**
 * One vote, open or closed, with the member's ballot: the approval and the ballot in one read, then the
 * city. 404 when there is no such vote.
 */
export async function committeeVote(approvalId: string, email: string): Promise<CommitteeVote> {
  const found = await batchGet([approvalKey(approvalId), voterKey(approvalId, email)], true);
  const meta = found.get(keyOf(approvalKey(approvalId)));
  if (!meta) throw notFound(`No vote ${approvalId}`);
  const app = await membership.read(String(meta.cityId));
  return voteOf(app, meta, found.get(keyOf(voterKey(approvalId, email))));
}
