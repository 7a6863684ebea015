import { batchGet, keyOf } from '../shared/batch-get.ts';
import { tableName } from '../shared/ddb.ts';
import { ConditionsFailed, transact, updateOf } from '../shared/transaction.ts';
import { type ApprovalItem, handOver, readApproval, toApprovalItem } from './approvals.ts';
import { toVoter } from './ballots.ts';
import { approvalKey, voterKey } from './keys.ts';
import { decide, type Tally } from './tally.ts';

/** `busy`: other votes kept changing the tally under this one, past the retries. */
export type VoteRefusal = 'unknown' | 'not-eligible' | 'already-voted' | 'closed' | 'busy';

export class VoteRefused extends Error {
  constructor(readonly reason: VoteRefusal) {
    super(reason);
    this.name = 'VoteRefused';
  }
}

/**
 * How often a vote is recomputed when another vote changed the tally between its read and its write:
 * enough for a whole committee voting in the same second.
 */
const TALLY_RETRIES = 12;

/**
 * Records one vote in one transaction: the voter's record (on the condition that they have not voted)
 * and the tally, on the condition that the tally is still the one read, so the new tally is known
 * without reading it again. When this vote decides and the workflow waits, the same write claims the
 * decision, which is then handed to the workflow. Two sequential round trips: the approval read (or
 * `known`, read alongside the ballot), then the transaction.
 */
export async function castVote(
  approvalId: string,
  voterEmail: string,
  vote: { decision: 'approve' | 'reject'; comment?: string; via: 'api' | 'ballot' },
  now = new Date(),
  known?: ApprovalItem,
): Promise<{ tally: Tally }> {
  const at = now.toISOString();
  let approval = known ?? (await readApproval(approvalId));
  for (let attempt = 0; ; attempt++) {
    if (!approval) throw new VoteRefused('unknown');
    const tally = { ...approval.tally, [vote.decision]: approval.tally[vote.decision] + 1 };
    const decision = decide(tally);
    const claims = decision !== undefined && approval.taskToken !== undefined && !approval.decision;
    // The workflow's state as read: a token registered, or a decision claimed, meanwhile means another read.
    const workflowAsRead = approval.decision
      ? 'attribute_exists(decision)'
      : approval.taskToken
        ? 'attribute_exists(taskToken) AND attribute_not_exists(decision)'
        : 'attribute_not_exists(taskToken)';
    try {
      await transact([
        {
          Update: {
            TableName: tableName,
            Key: voterKey(approvalId, voterEmail),
            ...updateOf({ decision: vote.decision, votedAt: at, via: vote.via, comment: vote.comment }, [], {
              expression: 'attribute_exists(pk) AND attribute_not_exists(decision)',
            }),
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: approvalKey(approvalId),
            UpdateExpression: `ADD #count :one SET lastVoteAt = :at${claims ? ', decision = :decision, decidedAt = :at' : ''}`,
            ConditionExpression: `#status = :open AND closesAt > :at AND approve = :approve AND reject = :reject AND ${workflowAsRead}`,
            ExpressionAttributeNames: { '#count': vote.decision, '#status': 'status' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':open': 'open',
              ':at': at,
              ':approve': approval.tally.approve,
              ':reject': approval.tally.reject,
              ...(claims ? { ':decision': decision } : {}),
            },
          },
        },
      ]);
    } catch (error) {
      if (!(error instanceof ConditionsFailed)) throw error;
      if (error.failed.includes(0)) throw new VoteRefused(await whyRefused(approvalId, voterEmail, now));
      // Another vote or the workflow moved first, or the vote closed: read again.
      approval = await readApproval(approvalId);
      if (approval?.status !== 'open' || approval.closesAt <= at) {
        throw new VoteRefused(await whyRefused(approvalId, voterEmail, now));
      }
      if (attempt >= TALLY_RETRIES) throw new VoteRefused('busy');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
      continue;
    }
    if (claims && approval.taskToken && decision) await handOver(approvalId, approval.taskToken, decision);
    return { tally };
  }
}

/** Why the voter's record refused the vote: the error path reads the approval and the voter together. */
async function whyRefused(approvalId: string, email: string, now: Date): Promise<VoteRefusal> {
  const found = await batchGet([approvalKey(approvalId), voterKey(approvalId, email)], true);
  const meta = found.get(keyOf(approvalKey(approvalId)));
  const voter = found.get(keyOf(voterKey(approvalId, email)));
  if (!meta) return 'unknown';
  if (!voter) return 'not-eligible';
  if (toVoter(voter).decision) return 'already-voted';
  const approval = toApprovalItem(meta);
  return approval.status === 'open' && approval.closesAt > now.toISOString() ? 'already-voted' : 'closed';
}
