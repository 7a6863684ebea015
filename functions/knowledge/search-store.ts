import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '../shared/batch-get.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { SEARCH_INDEX_PK } from './keys.ts';

/**
 * Where the search index is kept, behind a small interface so the next storage (S3) replaces this one
 * without touching the index or the search.
 *
 * This one keeps it in the table: the bytes in chunks of 350 KB (DynamoDB's item limit is 400 KB) and a
 * head item naming the current save. A save writes its chunks under a new id, then moves the head with
 * a condition on the save it started from (two writers cannot both win), then deletes the old chunks.
 * A load reads the head, then all chunks at once. Fine to a few MB; past ~20 MB the chunk reads make
 * the cold load too slow and S3 is the next step (docs/architecture.md).
 */
export interface StoredIndex {
  readonly saveId: string;
  readonly bytes: Buffer;
}

export interface IndexStorage {
  /** The save id of the current index, or undefined when there is none yet (a cheap read). */
  head(): Promise<string | undefined>;
  load(): Promise<StoredIndex | undefined>;
  /** Saves a new index if the current one is still `basedOn`; false when another save came first. */
  save(bytes: Buffer, basedOn: string | undefined): Promise<boolean>;
}

export const CHUNK_BYTES = 350 * 1024;
const HEAD = { pk: SEARCH_INDEX_PK, sk: 'HEAD' };
const chunkKey = (saveId: string, n: number) => ({ pk: SEARCH_INDEX_PK, sk: `CHUNK#${saveId}#${n}` });

interface Head {
  saveId: string;
  chunks: number;
  bytes: number;
}

async function readHead(): Promise<Head | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: HEAD, ConsistentRead: true }));
  return out.Item
    ? { saveId: String(out.Item.saveId), chunks: Number(out.Item.chunks), bytes: Number(out.Item.bytes) }
    : undefined;
}

async function writeAll(requests: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 6) throw new Error('BatchWriteItem kept leaving items unprocessed');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  }
}

export const tableIndexStorage: IndexStorage = {
  head: async () => (await readHead())?.saveId,

  async load() {
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = await readHead();
      if (!head) return undefined;
      const keys = Array.from({ length: head.chunks }, (_, n) => chunkKey(head.saveId, n));
      // A BatchGetItem answers at most 16 MB: 40 chunks of 350 KB per call, all calls at once.
      const groups: (typeof keys)[] = [];
      for (let i = 0; i < keys.length; i += 40) groups.push(keys.slice(i, i + 40));
      const found = new Map<string, Record<string, unknown>>();
      for (const part of await Promise.all(groups.map((g) => batchGet(g))))
        for (const [k, v] of part) found.set(k, v);
      const chunks = keys.map((k) => found.get(`${k.pk}|${k.sk}`)?.data as Uint8Array | undefined);
      // The head moved on and the chunks read were deleted meanwhile: read the new head.
      if (chunks.some((c) => c === undefined)) continue;
      return { saveId: head.saveId, bytes: Buffer.concat(chunks as Uint8Array[]) };
    }
    throw new Error('the search index kept changing while it was loaded');
  },

  async save(bytes, basedOn) {
    const saveId = randomUUID();
    const count = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
    const keys = Array.from({ length: count }, (_, n) => chunkKey(saveId, n));
    await writeAll(
      keys.map((key, n) => ({
        PutRequest: { Item: { ...key, data: bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES) } },
      })),
    );
    const previous = await readHead();
    try {
      if (previous?.saveId !== basedOn)
        throw Object.assign(new Error('moved'), { name: 'ConditionalCheckFailedException' });
      await ddb.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...HEAD, saveId, chunks: count, bytes: bytes.length, savedAt: new Date().toISOString() },
          ...(basedOn
            ? { ConditionExpression: 'saveId = :based', ExpressionAttributeValues: { ':based': basedOn } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      await writeAll(keys.map((key) => ({ DeleteRequest: { Key: key } })));
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
    if (previous) {
      const old = Array.from({ length: previous.chunks }, (_, n) => chunkKey(previous.saveId, n));
      await writeAll(old.map((key) => ({ DeleteRequest: { Key: key } })));
    }
    return true;
  },
};
