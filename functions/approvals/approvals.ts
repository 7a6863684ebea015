import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../membership/application.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { logger } from '../shared/logger.ts';
import { notFound } from '../shared/problem.ts';
import { statusIs, type TransactItem, updateOf } from '../shared/transaction.ts';
import { approvalKey } from './keys.ts';
import { type Decision, decide, type Tally } from './tally.ts';
import { sendDecision } from './workflow.ts';

/** The approval item: a Full Membership vote, its tally, and the hand-over to the workflow. */
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

export interface ApprovalItem extends Approval {
  readonly taskToken?: string;
  /** Claimed by the caller that hands the decision to the workflow. */
  readonly decision?: Decision;
  readonly ballotsIssuedAt?: string;
}

export function toApprovalItem(item: Record<string, unknown>): ApprovalItem {
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

export async function readApproval(id: string): Promise<ApprovalItem | undefined> {
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

/**
 * If the tally decides the vote and the workflow waits, exactly one caller (a conditional write on the
 * approval) claims the decision and hands it to the workflow: the workflow step that starts to wait
 * calls this; a vote claims in its own transaction (votes.ts).
 */
export async function settleIfDecided(approvalId: string): Promise<ApprovalItem> {
  const approval = await readApproval(approvalId);
  if (!approval) throw new Error(`approval ${approvalId} does not exist`);
  const decision = decide(approval.tally);
  if (!decision || !approval.taskToken || approval.decision || approval.status !== 'open') return approval;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: approvalKey(approvalId),
        UpdateExpression: 'SET decision = :d, decidedAt = :now',
        ConditionExpression:
          'attribute_not_exists(decision) AND attribute_exists(taskToken) AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':d': decision, ':now': new Date().toISOString(), ':open': 'open' },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return approval; // another caller settles it
    throw error;
  }
  await handOver(approvalId, approval.taskToken, decision);
  return approval;
}

/**
 * Hands a claimed decision to the waiting workflow. If that fails, the claim is given back, so the
 * next caller tries again; and the close step reads the tally, so a decided vote never closes as expired.
 */
export async function handOver(approvalId: string, taskToken: string, decision: Decision): Promise<void> {
  logger.info('Vote decided', { approvalId, decision });
  try {
    await sendDecision(taskToken, approvalId, decision);
  } catch (error) {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: approvalKey(approvalId),
        UpdateExpression: 'REMOVE decision, decidedAt',
        ConditionExpression: 'decision = :d',
        ExpressionAttributeValues: { ':d': decision },
      }),
    );
    throw error;
  }
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
