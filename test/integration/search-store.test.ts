import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../lib/local/dynamodb.ts';
import { LocalS3 } from '../../lib/local/s3.ts';
import { LOCAL_REGION } from '../../lib/local/template.ts';

// The local S3 stand-in the local stack runs, on a free port, with one bucket: the store's client is
// built at import from the environment, as a function's is.
const bucket = 'wego-int-search-index';
const directory = mkdtempSync(join(tmpdir(), 'wego-int-s3-'));
const localS3 = new LocalS3({
  directory,
  buckets: [{ name: bucket, cors: [], expirations: [] }],
  credentials: LOCAL_CREDENTIALS,
  region: LOCAL_REGION,
  onError: (message) => console.error(message),
});
await localS3.listen(0);
Object.assign(process.env, {
  SEARCH_INDEX_BUCKET: bucket,
  AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${localS3.port}`,
});
afterAll(async () => {
  await localS3.close();
  rmSync(directory, { recursive: true, force: true });
});

const { s3IndexStorage, indexObjectKey } = await import('../../functions/knowledge/search-store.ts');
const { applyToIndex } = await import('../../functions/knowledge/search-update.ts');
const { searchDocuments } = await import('../../functions/knowledge/search-index.ts');
const s3 = new S3Client({});
const objects = async () =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();

/**
 * The search index in S3 (one immutable object per save) with its head in the table: a save replaces
 * the object it was based on, a save based on a stale head loses and leaves nothing behind, and two
 * racing consumers both get their changes in.
 */
describe('the search index in S3', () => {
  it('saves the bytes as one object, loads them back, and deletes the object it replaced', async () => {
    // Prepare
    const before = await s3IndexStorage.head();
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);

    // Act
    expect(await s3IndexStorage.save(bytes, before)).toBe(true);
    const loaded = await s3IndexStorage.load();

    // Assess
    expect(loaded?.bytes.equals(bytes)).toBe(true);
    expect(await s3IndexStorage.head()).toBe(loaded?.saveId);
    expect(await objects()).toEqual([indexObjectKey(loaded?.saveId as string)]);
    const second = Buffer.from('second');
    expect(await s3IndexStorage.save(second, loaded?.saveId)).toBe(true);
    expect((await s3IndexStorage.load())?.bytes.toString()).toBe('second');
    expect(await objects()).toEqual([indexObjectKey((await s3IndexStorage.head()) as string)]);
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: indexObjectKey(loaded?.saveId as string) })),
    ).rejects.toThrow();
  });

  it('refuses a save based on a save that is no longer current, and removes its object', async () => {
    // Prepare
    const head = await s3IndexStorage.head();
    expect(await s3IndexStorage.save(Buffer.from('first'), head)).toBe(true);

    // Act
    const stale = await s3IndexStorage.save(Buffer.from('stale'), head);

    // Assess
    expect(stale).toBe(false);
    expect((await s3IndexStorage.load())?.bytes.toString()).toBe('first');
    expect(await objects()).toEqual([indexObjectKey((await s3IndexStorage.head()) as string)]);
  });

  it('merges changes from racing consumers without losing either', async () => {
    // Prepare: an empty index (a save of nothing), then two consumers at once.
    const record = (id: string, title: string) =>
      ({
        practice: { id },
        texts: new Map(),
        published: {
          id,
          cityId: 'c',
          cityName: 'City',
          country: 'KR',
          region: 'asia',
          language: 'en',
          title,
          summary: title,
          themes: ['mobility'],
          publishedAt: '2026-01-01T00:00:00.000Z',
          changedAt: '2026-01-01T00:00:00.000Z',
          pubVersion: 1,
        },
        publishedTexts: new Map([
          [
            'en',
            {
              lang: 'en',
              machine: false,
              pubVersion: 1,
              title,
              summary: title,
              sections: { problem: 'p', solution: 's' },
            },
          ],
        ]),
        history: [],
        adoptions: [],
        adapts: [],
      }) as never;
    await applyToIndex(s3IndexStorage, [], async () => []);

    // Act
    await Promise.all([
      applyToIndex(s3IndexStorage, [{ id: 'a', record: record('a', 'Tramway') }], async () => []),
      applyToIndex(s3IndexStorage, [{ id: 'b', record: record('b', 'Bikeway') }], async () => []),
    ]);

    // Assess
    const { decodeIndex } = await import('../../functions/knowledge/search-index.ts');
    const index = decodeIndex((await s3IndexStorage.load())?.bytes ?? Buffer.alloc(0));
    expect(index.practices.map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(await objects()).toHaveLength(1);
    expect(searchDocuments(index, 'tramway').size).toBe(1);
    expect(searchDocuments(index, 'bikeway').size).toBe(1);
  });
});
