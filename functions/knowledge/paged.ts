import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/ddb.ts';

/** One page of a Query, with a cursor signed for this listing (`scope`). */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  scope: string,
  limit: number,
  cursor: string | undefined,
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      ...input,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  const next = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined, scope);
  return { items: (out.Items ?? []).map(map), ...(next ? { nextCursor: next } : {}) };
}
