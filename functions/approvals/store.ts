import { randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../emails/message.ts';
import type { Application } from '../membership/application.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { logger } from '../shared/logger.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { notFound } from '../shared/problem.ts';
import { ConditionsFailed, statusIs, type TransactItem, transact, updateOf } from '../shared/transaction.ts';
import { hashBallotId, newBallotId } from './ballot-id.ts';
import { approvalKey, ballotIndex, voterKey } from './keys.ts';
import type { CommitteeMember } from './roster.ts';
import { type Decision, decide, type Tally } from './tally.ts';
import { sendDecision } from './workflow.ts';

export type ApprovalStatus = 'open' | 'approved' | 'rejected' | 'expired' | 'failed';
export type Outcome = Exclude<ApprovalStatus, 'open' | 'failed'>;

/** An approval as the API shows it: never the task token. */
export interface Approval {
  readonly id: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly status: ApprovalStatus;
  readonly tally: Tally;
  readonly openedAt: string;
  readonly closesAt: string;
  readonly closedAt?: string;
}

interface ApprovalItem extends Approval {
  readonly taskToken?: string;
  /** Claimed by the caller that hands the decision to the workflow. */
  readonly decision?: Decision;
  readonly ballotsIssuedAt?: string;
}

function toApprovalItem(item: Record<string, unknown>): ApprovalItem {
  return {
    id: String(item.id),
    cityId: String(item.cityId),
    cityName: String(item.cityName),
    status: item.status as ApprovalStatus,
    tally: {
      approve: Number(item.approve ?? 0),
      reject: Number(item.reject ?? 0),
      committeeSize: Number(item.committeeSize ?? 0),
    },
    openedAt: String(item.openedAt),
    closesAt: String(item.closesAt),
    ...(item.closedAt ? { closedAt: String(item.closedAt) } : {}),
    ...(item.taskToken ? { taskToken: String(item.taskToken) } : {}),
    ...(item.decision ? { decision: item.decision as Decision } : {}),
    ...(item.ballotsIssuedAt ? { ballotsIssuedAt: String(item.ballotsIssuedAt) } : {}),
  };
}

export const publicView = ({
  id,
  cityId,
  cityName,
  status,
  tally,
  openedAt,
  closesAt,
  closedAt,
}: Approval): Approval => ({
  id,
  cityId,
  cityName,
  status,
  tally,
  openedAt,
  closesAt,
  ...(closedAt ? { closedAt } : {}),
});

/** The Put that opens an approval, written with the city's move to `full_pending`. */
export function openApprovalPut(
  app: Application,
  approvalId: string,
  actor: string,
  now: Date,
  votingSeconds: number,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...approvalKey(approvalId),
        id: approvalId,
        cityId: app.id,
        cityName: app.city.name,
        status: 'open',
        openedAt: now.toISOString(),
        openedBy: actor,
        closesAt: closesAt(now, votingSeconds),
        approve: 0,
        reject: 0,
        committeeSize: 0,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export const closesAt = (openedAt: Date, votingSeconds: number) =>
  new Date(openedAt.getTime() + votingSeconds * 1000).toISOString();

async function readApproval(id: string): Promise<ApprovalItem | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: approvalKey(id), ConsistentRead: true }),
  );
  return out.Item ? toApprovalItem(out.Item) : undefined;
}

export async function getApproval(id: string): Promise<Approval> {
  const item = await readApproval(id);
  if (!item) throw notFound(`No approval ${id}`);
  return publicView(item);
}

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
  const ballots = roster.map((member) => ({ member, ballotId: newBallotId() }));
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
      ...ballots.map(({ member, ballotId }) => ({
        Put: {
          TableName: tableName,
          Item: {
            ...voterKey(approvalId, member.email),
            ...ballotIndex(hashBallotId(ballotId)),
            approvalId,
            cityId: approval.cityId,
            name: member.name,
            email: member.email,
          },
        },
      })),
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

/** Stores the workflow's task token, then settles the vote if the ballots already decided it. */
export async function registerTaskToken(approvalId: string, taskToken: string): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: approvalKey(approvalId),
        UpdateExpression: 'SET taskToken = :t',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':t': taskToken, ':open': 'open' },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    throw new Error(`approval ${approvalId} is not open`);
  }
  await settleIfDecided(approvalId);
}

export interface Voter {
  readonly approvalId: string;
  readonly email: string;
  readonly name: string;
  readonly cityId: string;
  readonly decision?: 'approve' | 'reject';
}

/** The voter whose emailed ballot id this is (gsi3 holds only its hash). */
export async function voterByBallot(ballotId: string): Promise<Voter | undefined> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': ballotIndex(hashBallotId(ballotId)).gsi3pk },
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item ? toVoter(item) : undefined;
}

const toVoter = (item: Record<string, unknown>): Voter => ({
  approvalId: String(item.approvalId),
  email: String(item.email),
  name: String(item.name),
  cityId: String(item.cityId),
  ...(item.decision ? { decision: item.decision as Voter['decision'] } : {}),
});

/** The approval and one voter's record, read together. */
export async function approvalAndVoter(
  approvalId: string,
  email: string,
): Promise<{ approval?: ApprovalItem; voter?: Voter }> {
  const out = await ddb.send(
    new BatchGetCommand({
      RequestItems: {
        [tableName]: { Keys: [approvalKey(approvalId), voterKey(approvalId, email)], ConsistentRead: true },
      },
    }),
  );
  const items = out.Responses?.[tableName] ?? [];
  const meta = items.find((i) => i.sk === 'META');
  const voter = items.find((i) => i.sk !== 'META');
  return { ...(meta ? { approval: toApprovalItem(meta) } : {}), ...(voter ? { voter: toVoter(voter) } : {}) };
}

export type VoteRefusal = 'unknown' | 'not-eligible' | 'already-voted' | 'closed';

export class VoteRefused extends Error {
  constructor(readonly reason: VoteRefusal) {
    super(reason);
    this.name = 'VoteRefused';
  }
}

/**
 * Records one vote: the voter's record and the tally change together, on the conditions that the voter
 * has not voted and the vote is open. Then settles the vote if this ballot decided it.
 */
export async function castVote(
  approvalId: string,
  voterEmail: string,
  vote: { decision: 'approve' | 'reject'; comment?: string; via: 'api' | 'ballot' },
  now = new Date(),
): Promise<{ tally: Tally }> {
  const at = now.toISOString();
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
          UpdateExpression: 'ADD #count :one SET lastVoteAt = :at',
          ConditionExpression: '#status = :open AND closesAt > :at',
          ExpressionAttributeNames: { '#count': vote.decision, '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':at': at },
        },
      },
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed)
      throw new VoteRefused(await whyRefused(approvalId, voterEmail, now));
    throw error;
  }
  const settled = await settleIfDecided(approvalId);
  return { tally: settled.tally };
}

async function whyRefused(approvalId: string, email: string, now: Date): Promise<VoteRefusal> {
  const { approval, voter } = await approvalAndVoter(approvalId, email);
  if (!approval) return 'unknown';
  if (!voter) return 'not-eligible';
  if (voter.decision) return 'already-voted';
  if (approval.status !== 'open' || approval.closesAt <= now.toISOString()) return 'closed';
  return 'already-voted';
}

/**
 * If the tally decides the vote and the workflow waits, exactly one caller (a conditional write on the
 * approval) claims the decision and hands it to the workflow. Called after each vote and when the
 * workflow starts to wait. If the hand-over fails, the claim is given back so the next call tries again;
 * and the close step reads the tally, so a decided vote never closes as expired.
 */
export async function settleIfDecided(approvalId: string): Promise<ApprovalItem> {
  const approval = await readApproval(approvalId);
  if (!approval) throw new Error(`approval ${approvalId} does not exist`);
  const decision = decide(approval.tally);
  if (!decision || !approval.taskToken || approval.decision || approval.status !== 'open') return approval;
  const claim = (set: boolean) =>
    ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: approvalKey(approvalId),
        ...(set
          ? {
              UpdateExpression: 'SET decision = :d, decidedAt = :now',
              ConditionExpression:
                'attribute_not_exists(decision) AND attribute_exists(taskToken) AND #status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':d': decision,
                ':now': new Date().toISOString(),
                ':open': 'open',
              },
            }
          : {
              UpdateExpression: 'REMOVE decision, decidedAt',
              ConditionExpression: 'decision = :d',
              ExpressionAttributeValues: { ':d': decision },
            }),
      }),
    );
  try {
    await claim(true);
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return approval; // another caller settles it
    throw error;
  }
  logger.info('Vote decided', { approvalId, decision });
  try {
    await sendDecision(approval.taskToken, approvalId, decision);
  } catch (error) {
    await claim(false);
    throw error;
  }
  return approval;
}

/** The Update that closes an open approval with its outcome, written with the city's change. */
export function closeApprovalUpdate(
  approvalId: string,
  status: Exclude<ApprovalStatus, 'open'>,
  now: Date,
  extra: Record<string, unknown> = {},
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: approvalKey(approvalId),
      ...updateOf({ status, closedAt: now.toISOString(), ...extra }, ['taskToken'], statusIs('open')),
    },
  };
}

export async function approvalForWorkflow(approvalId: string): Promise<ApprovalItem> {
  const approval = await readApproval(approvalId);
  if (!approval) throw new Error(`approval ${approvalId} does not exist`);
  return approval;
}

export const newApprovalId = () => randomUUID();
