import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { assigneePk } from './keys.ts';
import type { RequestStatus } from './request-status.ts';
import { toRequest } from './requests.ts';
import type { CivicRequest } from './types.ts';

/** An official's queue: requests assigned to this email, by status, oldest first. */
export async function queue(
  email: string,
  status: RequestStatus | undefined,
  limit: number,
  cursor: string | undefined,
): Promise<Page<CivicRequest>> {
  const scope = `queue:${email}:${status ?? ''}`;
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :status)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': assigneePk(email), ...(status ? { ':status': `${status}#` } : {}) },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  const next = encodeCursor(out.LastEvaluatedKey, scope);
  return { items: (out.Items ?? []).map(toRequest), ...(next ? { nextCursor: next } : {}) };
}
