import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/ddb.ts';
import { conflict, notFound } from '../shared/problem.ts';
import type { TransactItem } from '../shared/transaction.ts';
import type { Application, MembershipStatus } from './application.ts';
import { byStatusPk, cityKey } from './keys.ts';
import { changeStatus, getApplication, toApplication } from './store.ts';

/**
 * What other features may ask of membership, and the only way they reach it (never its store or its
 * keys): a city's application, whether it is a member, a guard for their own transactions, the
 * status moves the Full Membership vote makes, and the newest cities in a status (what needs doing).
 */

/**
 * The CPS and the other services are for member cities only: `associate` or `full`, and an Associate
 * Member whose Full Membership is being voted on (`full_pending`), which stays a member meanwhile (the
 * directory lists it as one): its citizens' requests and its representatives' writing go on.
 */
const MEMBER_CONDITION = {
  ConditionExpression: '#status IN (:associate, :pending, :full)',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':associate': 'associate', ':pending': 'full_pending', ':full': 'full' },
};

const isMemberItem = (item: Record<string, unknown> | undefined): boolean =>
  item?.status === 'associate' || item?.status === 'full_pending' || item?.status === 'full';

function checkMember(cityId: string, item: Record<string, unknown> | undefined): Application {
  if (!item) throw notFound(`No city ${cityId}`);
  if (!isMemberItem(item))
    throw conflict(`The city is ${String(item.status)}: this is for Associate and Full Members`);
  return toApplication(item);
}

/** Whether a city's status makes it a member (see MEMBER_CONDITION). */
export const isMemberStatus = (status: MembershipStatus | undefined): boolean => isMemberItem({ status });

export const membership = {
  /** A city's application, whatever its status; 404 when there is none. */
  read: getApplication,
  /** Moves a city along the membership rules, with the caller's own writes in the same transaction. */
  move: changeStatus,
  /**
   * The cities in one status, most recently changed first: one Query of at most `limit`; `more` when
   * there are others (the Secretariat's overview, the open votes).
   */
  async inStatus(status: MembershipStatus, limit: number): Promise<{ items: Application[]; more: boolean }> {
    const out = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': byStatusPk(status) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return { items: (out.Items ?? []).map(toApplication), more: out.LastEvaluatedKey !== undefined };
  },
  /** The member city, or 404 (no such city) / 409 (not an Associate or Full Member). */
  async member(cityId: string): Promise<Application> {
    const out = await ddb.send(new GetCommand({ TableName: tableName, Key: cityKey(cityId) }));
    return checkMember(cityId, out.Item);
  },
  /** A condition check for the caller's transaction: it writes only while the city is a member. */
  guard: (cityId: string): TransactItem => ({
    ConditionCheck: { TableName: tableName, Key: cityKey(cityId), ...MEMBER_CONDITION },
  }),
  /**
   * The city read alongside the caller's own items in one BatchGetItem: the key to ask for, and what
   * the item found under it says.
   */
  inBatch: (cityId: string) => ({
    key: cityKey(cityId),
    /** The member city, or 404 / 409 as `member` answers. */
    member: (item: Record<string, unknown> | undefined) => checkMember(cityId, item),
    /** The city whatever its status, or undefined. */
    any: (item: Record<string, unknown> | undefined) => (item ? toApplication(item) : undefined),
  }),
};
