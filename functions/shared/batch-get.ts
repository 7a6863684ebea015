import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './ddb.ts';

type Key = { pk: string; sk: string };

/** BatchGetItem reads at most 100 keys per call. */
const BATCH = 100;

/**
 * Reads items of the table by key, returned by `pk|sk` so callers pick them out by key. Any number of
 * keys: they are read 100 per BatchGetItem, the batches in flight together (one round trip), each
 * retrying what DynamoDB left unprocessed.
 */
export async function batchGet(
  keys: readonly Key[],
  consistent = false,
): Promise<Map<string, Record<string, unknown>>> {
  const batches: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH) batches.push(keys.slice(i, i + BATCH));
  const found = new Map<string, Record<string, unknown>>();
  await Promise.all(batches.map((batch) => readBatch(batch, consistent, found)));
  return found;
}

async function readBatch(keys: Key[], consistent: boolean, found: Map<string, Record<string, unknown>>) {
  let pending = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    if (attempt > 5) throw new Error('BatchGetItem kept leaving keys unprocessed');
    const out = await ddb.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }),
    );
    for (const item of out.Responses?.[tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
    pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
  }
}

export const keyOf = (k: Key) => `${k.pk}|${k.sk}`;
