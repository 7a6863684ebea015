import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/ddb.ts';
import { requireEnv } from '../shared/env.ts';
import { SEARCH_INDEX_PK, SEARCH_INDEX_PREFIX } from './keys.ts';

/**
 * Where the search index is kept: its bytes in S3, one immutable object per save
 * (`search-index/<saveId>` in the uploads bucket, a private prefix no CDN or upload route reaches), and
 * a head item in the table naming the current save. The head is what makes two writers safe: a save
 * puts its new object, then moves the head with a condition on the save it started from (only one of
 * two racing saves wins; the loser deletes its object and merges again), then deletes the old object.
 * A load reads the head, then one GetObject; an object deleted under it (the head moved meanwhile)
 * sends it back to the head.
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

export const indexObjectKey = (saveId: string) => `${SEARCH_INDEX_PREFIX}${saveId}`;
const HEAD = { pk: SEARCH_INDEX_PK, sk: 'HEAD' };

const s3 = new S3Client({});
// Read at first use, not at import: the module is part of the knowledge function, whose unit tests
// exercise other routes without a bucket.
let bucketName: string | undefined;
const bucket = () => {
  bucketName ??= requireEnv('SEARCH_INDEX_BUCKET');
  return bucketName;
};

async function readHead(): Promise<string | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: HEAD, ConsistentRead: true }));
  return out.Item ? String(out.Item.saveId) : undefined;
}

async function deleteObject(saveId: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: indexObjectKey(saveId) }));
}

export const s3IndexStorage: IndexStorage = {
  head: readHead,

  async load() {
    for (let attempt = 0; attempt < 3; attempt++) {
      const saveId = await readHead();
      if (!saveId) return undefined;
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: indexObjectKey(saveId) }));
        return { saveId, bytes: Buffer.from((await out.Body?.transformToByteArray()) ?? []) };
      } catch (error) {
        // The head moved on and this save's object was deleted meanwhile: read the new head.
        if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
      }
    }
    throw new Error('the search index kept changing while it was loaded');
  },

  async save(bytes, basedOn) {
    const saveId = randomUUID();
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket(),
        Key: indexObjectKey(saveId),
        Body: bytes,
        ContentType: 'application/octet-stream',
      }),
    );
    try {
      await ddb.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...HEAD, saveId, bytes: bytes.length, savedAt: new Date().toISOString() },
          ...(basedOn
            ? { ConditionExpression: 'saveId = :based', ExpressionAttributeValues: { ':based': basedOn } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      await deleteObject(saveId);
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
    // A failure here leaves an unreferenced object behind, never a wrong index.
    if (basedOn) await deleteObject(basedOn);
    return true;
  },
};
