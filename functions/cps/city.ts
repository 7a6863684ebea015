import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../membership/application.ts';
import { cityKey } from '../membership/keys.ts';
import { toApplication } from '../membership/store.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { conflict, notFound } from '../shared/problem.ts';
import type { TransactItem } from '../shared/transaction.ts';

/** The CPS is for member cities only: `associate` or `full`. */
const MEMBER_CONDITION = {
  ConditionExpression: '#status IN (:associate, :full)',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':associate': 'associate', ':full': 'full' },
};

/** A condition check for transactions: the write happens only while the city is a member. */
export const memberGuard = (cityId: string): TransactItem => ({
  ConditionCheck: { TableName: tableName, Key: cityKey(cityId), ...MEMBER_CONDITION },
});

export const isMemberItem = (item: Record<string, unknown> | undefined): boolean =>
  item?.status === 'associate' || item?.status === 'full';

/** The member city, or 404 (no such city) / 409 (not an Associate or Full Member). */
export async function memberCity(cityId: string): Promise<Application> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: cityKey(cityId) }));
  return checkMember(cityId, out.Item);
}

export function checkMember(cityId: string, item: Record<string, unknown> | undefined): Application {
  if (!item) throw notFound(`No city ${cityId}`);
  if (!isMemberItem(item))
    throw conflict(`The city is ${String(item.status)}: the CPS is for Associate and Full Members`);
  return toApplication(item);
}
