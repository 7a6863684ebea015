import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const { CHUNK_BYTES, tableIndexStorage } = await import('../../functions/knowledge/search-store.ts');
const { applyToIndex } = await import('../../functions/knowledge/search-update.ts');
const { searchDocuments } = await import('../../functions/knowledge/search-index.ts');

/**
 * The search index kept in the table (until S3 takes over behind the same interface): chunked saves,
 * loads of the current save, and two writers that cannot both win.
 */
describe('the search index in the table', () => {
  it('saves bytes over several chunks and loads them back whole, only the current save', async () => {
    const head = await tableIndexStorage.head();
    const bytes = randomBytes(Math.floor(CHUNK_BYTES * 2.5));
    expect(await tableIndexStorage.save(bytes, head)).toBe(true);
    const loaded = await tableIndexStorage.load();
    expect(loaded?.bytes.equals(bytes)).toBe(true);
    expect(await tableIndexStorage.head()).toBe(loaded?.saveId);
  });

  it('refuses a save based on a save that is no longer current', async () => {
    const head = await tableIndexStorage.head();
    expect(await tableIndexStorage.save(Buffer.from('first'), head)).toBe(true);
    expect(await tableIndexStorage.save(Buffer.from('second'), head)).toBe(false);
    expect((await tableIndexStorage.load())?.bytes.toString()).toBe('first');
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
    await applyToIndex(tableIndexStorage, [], async () => []);

    // Act
    await Promise.all([
      applyToIndex(tableIndexStorage, [{ id: 'a', record: record('a', 'Tramway') }], async () => []),
      applyToIndex(tableIndexStorage, [{ id: 'b', record: record('b', 'Bikeway') }], async () => []),
    ]);

    // Assess
    const { decodeIndex } = await import('../../functions/knowledge/search-index.ts');
    const index = decodeIndex((await tableIndexStorage.load())?.bytes ?? Buffer.alloc(0));
    expect(index.practices.map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(searchDocuments(index, 'tramway').size).toBe(1);
    expect(searchDocuments(index, 'bikeway').size).toBe(1);
  });
});
