import { membership } from '../membership/members.ts';
import { publicBaseUrl, secretariatEmail } from '../shared/config.ts';
import { eventHandler, logger } from '../shared/logger.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { transact } from '../shared/transaction.ts';
import * as z from '../shared/zod.ts';
import { approvalForWorkflow, closeApprovalUpdate, registerTaskToken } from './approvals.ts';
import { issueBallots } from './ballots.ts';
import { ballotEmail, fullApprovedEmail, fullNotApprovedEmail, workflowFailedEmail } from './emails.ts';
import { getRoster } from './roster.ts';
import { decide } from './tally.ts';

/**
 * The steps of the Full Membership state machine, one function for all of them: each task's payload
 * names its `action`. OpenVote → AwaitDecision (waitForTaskToken) → CloseVote; RecordFailure is the
 * Catch of every step.
 */
const baseUrl = publicBaseUrl();
const secretariat = secretariatEmail();
const ACTOR = 'executive-committee';

const input = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open-vote'), approvalId: z.string(), cityId: z.string() }),
  z.object({
    action: z.literal('await-decision'),
    taskToken: z.string().check(z.minLength(1)),
    approvalId: z.string(),
  }),
  z.object({
    action: z.literal('close-vote'),
    approvalId: z.string(),
    outcome: z.enum(['approved', 'rejected', 'expired']),
  }),
  z.object({
    action: z.literal('record-failure'),
    approvalId: z.string(),
    cityId: z.string(),
    step: z.string(),
    failure: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  }),
]);
type Input<A> = Extract<z.infer<typeof input>, { action: A }>;

export const handler = eventHandler(async (event: unknown): Promise<unknown> => {
  const step = z.parse(input, event);
  switch (step.action) {
    case 'open-vote':
      return openVote(step);
    case 'await-decision':
      return awaitDecision(step);
    case 'close-vote':
      return closeVote(step);
    case 'record-failure':
      return recordFailure(step);
  }
});

/** One ballot per committee member on the roster now, each emailed its personal link. */
async function openVote({ approvalId, cityId }: Input<'open-vote'>): Promise<{ committeeSize: number }> {
  const [roster, app] = await Promise.all([getRoster(), membership.read(cityId)]);
  return issueBallots(approvalId, roster.members, (member, ballotId, approval) =>
    ballotEmail({
      voter: member,
      app,
      ballotUrl: `${baseUrl}/ballots/${ballotId}`,
      closesAt: approval.closesAt,
    }),
  );
}

/** Keeps the task token with the approval, where the vote that decides finds it. Never logged or returned. */
async function awaitDecision({ taskToken, approvalId }: Input<'await-decision'>): Promise<{ waiting: true }> {
  await registerTaskToken(approvalId, taskToken);
  return { waiting: true };
}

/**
 * Closes the vote with its outcome and moves the city: `full` when approved, back to `associate` when
 * rejected or expired; the Mayor's office is emailed. A retry after success changes nothing.
 */
async function closeVote(step: Input<'close-vote'>): Promise<{ status: string }> {
  const { approvalId } = step;
  const approval = await approvalForWorkflow(approvalId);
  if (approval.status !== 'open') return { status: approval.status };
  // The tally is the truth: a vote the ballots decided never closes as expired, even if the hand-over failed.
  const outcome = step.outcome === 'expired' ? (decide(approval.tally) ?? 'expired') : step.outcome;
  const now = new Date();
  const close = () => [closeApprovalUpdate(approvalId, outcome, now)];
  const app = await membership.read(approval.cityId);
  if (app.status !== 'full_pending' || app.approvalId !== approvalId) {
    // The city was withdrawn while the vote ran: the vote closes, the city stays as it is.
    logger.info('Vote closed for a city no longer waiting for it', { approvalId, cityStatus: app.status });
    await transact(close());
    return { status: outcome };
  }
  const { tally } = approval;
  const votes = `${tally.approve} approve, ${tally.reject} reject, committee of ${tally.committeeSize}`;
  if (outcome === 'approved') {
    await membership.move(
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
    await membership.move(
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

/**
 * The Catch of every step: records the failure on the approval, returns the city to `associate` (so
 * the Secretariat can start a new vote) and emails the Secretariat.
 */
async function recordFailure({
  approvalId,
  cityId,
  step,
  failure,
}: Input<'record-failure'>): Promise<{ recorded: true }> {
  const error = `${failure?.Error ?? 'Error'}: ${failure?.Cause ?? 'no cause given'}`.slice(0, 1000);
  logger.error('Approval workflow step failed', { approvalId, step, errorName: failure?.Error });
  const [approval, app] = await Promise.all([approvalForWorkflow(approvalId), membership.read(cityId)]);
  const now = new Date();
  const email = workflowFailedEmail(secretariat, { approvalId, cityName: app.city.name, step, error });
  const close =
    approval.status === 'open'
      ? [closeApprovalUpdate(approvalId, 'failed', now, { failure: { step, error } })]
      : [];
  if (app.status === 'full_pending' && app.approvalId === approvalId) {
    await membership.move(
      app.id,
      {
        action: 'returnToAssociate',
        actor: 'system',
        note: `the approval workflow failed at ${step}`,
        with: () => [...close, ...outboxPuts(email, now)],
      },
      now,
    );
  } else {
    await transact([...close, ...outboxPuts(email, now)]);
  }
  return { recorded: true };
}
