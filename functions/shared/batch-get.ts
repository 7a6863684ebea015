import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './ddb.ts';

type Key = { pk: string; sk: string };

/**
 * Reads up to 100 items of the table in one BatchGetItem (and retries what DynamoDB left unprocessed),
 * returned by `pk|sk` so callers pick them out by key.
 */
export async function batchGet(
  keys: readonly Key[],
  consistent = false,
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  let pending: Key[] = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    if (attempt > 5) throw new Error('BatchGetItem kept leaving keys unprocessed');
    const out = await ddb.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }),
    );
    for (const item of out.Responses?.[tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
    pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
  }
  return found;
}

export const keyOf = (k: Key) => `${k.pk}|${k.sk}`;
