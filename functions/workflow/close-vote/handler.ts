import * as z from 'zod';
import { approvalForWorkflow, closeApprovalUpdate } from '../../approvals/store.ts';
import { decide } from '../../approvals/tally.ts';
import { fullApprovedEmail, fullNotApprovedEmail } from '../../membership/emails.ts';
import { changeStatus, getApplication } from '../../membership/store.ts';
import { logger } from '../../shared/logger.ts';
import { transact } from '../../shared/transaction.ts';

const input = z.object({ approvalId: z.string(), outcome: z.enum(['approved', 'rejected', 'expired']) });
const ACTOR = 'executive-committee';

/**
 * Workflow step 3: closes the vote with its outcome and moves the city: `full` when approved, back to
 * `associate` when rejected or expired; the Mayor's office is emailed. A retry after success changes nothing.
 */
export async function handler(event: unknown): Promise<{ status: string }> {
  const parsed = input.parse(event);
  const { approvalId } = parsed;
  const approval = await approvalForWorkflow(approvalId);
  if (approval.status !== 'open') return { status: approval.status };
  // The tally is the truth: a vote the ballots decided never closes as expired, even if the hand-over failed.
  const outcome = parsed.outcome === 'expired' ? (decide(approval.tally) ?? 'expired') : parsed.outcome;
  const now = new Date();
  const close = () => [closeApprovalUpdate(approvalId, outcome, now)];
  const app = await getApplication(approval.cityId);
  if (app.status !== 'full_pending' || app.approvalId !== approvalId) {
    // The city was withdrawn while the vote ran: the vote closes, the city stays as it is.
    logger.info('Vote closed for a city no longer waiting for it', { approvalId, cityStatus: app.status });
    await transact(close());
    return { status: outcome };
  }
  const { tally } = approval;
  const votes = `${tally.approve} approve, ${tally.reject} reject, committee of ${tally.committeeSize}`;
  if (outcome === 'approved') {
    await changeStatus(
      app.id,
      {
        action: 'approveFullMembership',
        actor: ACTOR,
        note: `Full Membership approved (${votes})`,
        set: { fullMemberSince: now.toISOString() },
        with: close,
        emails: (a) => [fullApprovedEmail(a)],
      },
      now,
    );
  } else {
    await changeStatus(
      app.id,
      {
        action: 'returnToAssociate',
        actor: ACTOR,
        note:
          outcome === 'expired'
            ? `the vote expired without a majority (${votes})`
            : `not approved (${votes})`,
        with: close,
        emails: (a) => [fullNotApprovedEmail(a, outcome, tally)],
      },
      now,
    );
  }
  return { status: outcome };
}
