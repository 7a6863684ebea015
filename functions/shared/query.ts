import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './ddb.ts';

/** Every item of a Query, page after page (for bounded partitions: a request's updates, a city's officials). */
export async function queryAll(
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: ddb }, { TableName: tableName, ...input })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

/** The items of one partition whose sort key starts with `prefix`, read consistently. */
export const queryPrefix = (pk: string, prefix: string) =>
  queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
