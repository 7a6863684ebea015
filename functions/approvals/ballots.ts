import type { EmailMessage } from '../emails/message.ts';
import type { Application } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { tableName } from '../shared/ddb.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { ConditionsFailed, transact, updateOf } from '../shared/transaction.ts';
import { type Approval, type ApprovalItem, readApproval, toApprovalItem } from './approvals.ts';
import { approvalOfBallot, hashBallotId, newBallotId } from './ballot-id.ts';
import { approvalKey, ballotKey, voterKey } from './keys.ts';
import type { CommitteeMember } from './roster.ts';

export interface Voter {
  readonly approvalId: string;
  readonly email: string;
  readonly name: string;
  readonly cityId: string;
  readonly decision?: 'approve' | 'reject';
}

export const toVoter = (item: Record<string, unknown>): Voter => ({
  approvalId: String(item.approvalId),
  email: String(item.email),
  name: String(item.name),
  cityId: String(item.cityId),
  ...(item.decision ? { decision: item.decision as Voter['decision'] } : {}),
});

/**
 * Issues one ballot per committee member and emails them, once: a retry of the workflow step finds the
 * ballots issued and changes nothing. The committee is the roster now; its size is fixed with it.
 */
export async function issueBallots(
  approvalId: string,
  roster: readonly CommitteeMember[],
  ballotEmail: (member: CommitteeMember, ballotId: string, approval: Approval) => EmailMessage,
  now = new Date(),
): Promise<{ committeeSize: number }> {
  const approval = await readApproval(approvalId);
  if (!approval) throw new Error(`approval ${approvalId} does not exist`);
  if (approval.ballotsIssuedAt) return { committeeSize: approval.tally.committeeSize };
  if (roster.length === 0) throw new Error('The Executive Committee roster is empty');
  const issued = { ...approval, tally: { ...approval.tally, committeeSize: roster.length } };
  const ballots = roster.map((member) => ({ member, ballotId: newBallotId(approvalId) }));
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: approvalKey(approvalId),
          ...updateOf({ committeeSize: roster.length, ballotsIssuedAt: now.toISOString() }, [], {
            expression: 'attribute_not_exists(ballotsIssuedAt) AND #status = :open',
            names: { '#status': 'status' },
            values: { ':open': 'open' },
          }),
        },
      },
      ...ballots.flatMap(({ member, ballotId }) => [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...voterKey(approvalId, member.email),
              approvalId,
              cityId: approval.cityId,
              name: member.name,
              email: member.email,
            },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...ballotKey(approvalId, hashBallotId(ballotId)), approvalId, email: member.email },
          },
        },
      ]),
      ...ballots.flatMap(({ member, ballotId }) => outboxPuts(ballotEmail(member, ballotId, issued), now)),
    ]);
  } catch (error) {
    // A concurrent retry issued them first, or the vote closed meanwhile: nothing more to do.
    if (error instanceof ConditionsFailed)
      return { committeeSize: (await readApproval(approvalId))?.tally.committeeSize ?? 0 };
    throw error;
  }
  return { committeeSize: roster.length };
}

/** Whose ballot an emailed link is, with its approval: one read of both (the link names the approval). */
export async function ballotOf(
  ballotId: string,
): Promise<{ approval: ApprovalItem; email: string } | undefined> {
  const approvalId = approvalOfBallot(ballotId);
  if (!approvalId) return undefined;
  const ballot = ballotKey(approvalId, hashBallotId(ballotId));
  const found = await batchGet([approvalKey(approvalId), ballot], true);
  const meta = found.get(keyOf(approvalKey(approvalId)));
  const email = found.get(keyOf(ballot))?.email;
  return meta && typeof email === 'string' ? { approval: toApprovalItem(meta), email } : undefined;
}

export interface Ballot {
  readonly voter: Voter;
  readonly app: Application;
  readonly closesAt: string;
  /** The vote still takes ballots. */
  readonly open: boolean;
}

/**
 * The ballot behind an emailed link, with its vote and city; undefined for a link that is not one.
 * Two round trips: the approval and the ballot, then the voter and the city.
 */
export async function findBallot(ballotId: string, now = new Date()): Promise<Ballot | undefined> {
  const ballot = await ballotOf(ballotId);
  if (!ballot) return undefined;
  const { approval, email } = ballot;
  const city = membership.inBatch(approval.cityId);
  const found = await batchGet([voterKey(approval.id, email), city.key]);
  const voter = found.get(keyOf(voterKey(approval.id, email)));
  const app = city.any(found.get(keyOf(city.key)));
  if (!voter || !app) throw new Error(`ballot of approval ${approval.id} has no voter or city`);
  return {
    voter: toVoter(voter),
    app,
    closesAt: approval.closesAt,
    open: approval.status === 'open' && approval.closesAt > now.toISOString(),
  };
}
