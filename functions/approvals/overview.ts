import { cps } from '../cps/civic.ts';
import type { OverdueRequest } from '../cps/overdue.ts';
import type { Region } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { type UnsentEmail, unsentEmails } from '../shared/outbox.ts';
import { type Approval, publicView, toApprovalItem } from './approvals.ts';
import { approvalKey } from './keys.ts';

/**
 * What needs the Secretariat's attention, for the console's home page: applications to review, the
 * votes open with their tally and deadline, CPS requests overdue, emails that did not go out. Two
 * round trips: the four lists at once (each through its feature's interface), then the open votes'
 * approvals in one BatchGetItem.
 */
export interface Section<T> {
  readonly items: readonly T[];
  /** More than shown: the console links to the whole list. */
  readonly more: boolean;
}

export interface Overview {
  readonly applications: Section<{
    readonly id: string;
    readonly city: { readonly name: string; readonly country: string; readonly region: Region };
    readonly submittedAt: string;
  }>;
  readonly votes: Section<Approval>;
  readonly overdueRequests: Section<OverdueRequest>;
  readonly failedEmails: Section<UnsentEmail>;
}

/** Shown per section; the lists behind them are in the console. */
const SHOWN = 10;
/** Votes open at once are few; the open votes' approvals are read in one BatchGetItem (≤ 100 keys). */
const VOTES = 50;
/**
 * An email still unsent this long after it was written failed: the stream delivers within seconds and
 * its retries (5, with backoff) are over well before.
 */
export const EMAIL_GRACE_MS = 15 * 60_000;

export async function overview(now = new Date()): Promise<Overview> {
  const [submitted, pending, overdue, unsent] = await Promise.all([
    membership.inStatus('submitted', SHOWN),
    membership.inStatus('full_pending', VOTES),
    cps.overdue(SHOWN),
    unsentEmails(new Date(now.getTime() - EMAIL_GRACE_MS), SHOWN),
  ]);
  const ids = pending.items.flatMap((a) => (a.approvalId ? [a.approvalId] : []));
  const found = ids.length > 0 ? await batchGet(ids.map(approvalKey), true) : new Map();
  const votes = ids
    .flatMap((id) => {
      const item = found.get(keyOf(approvalKey(id)));
      return item ? [publicView(toApprovalItem(item))] : [];
    })
    .sort((a, b) => a.closesAt.localeCompare(b.closesAt));
  return {
    applications: {
      items: submitted.items.map((a) => ({
        id: a.id,
        city: { name: a.city.name, country: a.city.country, region: a.city.region },
        submittedAt: a.submittedAt,
      })),
      more: submitted.more,
    },
    votes: { items: votes, more: pending.more },
    overdueRequests: overdue,
    failedEmails: unsent,
  };
}
