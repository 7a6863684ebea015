import { logger } from '../shared/logger.ts';
import type { PracticeRecord } from './practices.ts';
import { indexDocuments } from './search-documents.ts';
import { decodeIndex, emptyIndex, encodeIndex, type SearchIndex, updateIndex } from './search-index.ts';
import type { IndexStorage } from './search-store.ts';

/**
 * Applies changed practices to the stored index: load, merge, save conditional on the save it was
 * loaded from; when another consumer saved first, load again and redo the merge. When there is no
 * index yet (or the stored one cannot be read), `all` gives every published practice and the index is
 * built from them.
 */
function readable(bytes: Buffer): SearchIndex | undefined {
  try {
    return decodeIndex(bytes);
  } catch (error) {
    logger.warn('The stored search index cannot be read; building it again', {
      errorName: (error as Error).name,
    });
    return undefined;
  }
}

export async function applyToIndex(
  storage: IndexStorage,
  changed: readonly { id: string; record: PracticeRecord | undefined }[],
  all: () => Promise<PracticeRecord[]>,
): Promise<SearchIndex> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await storage.load();
    const base = stored ? readable(stored.bytes) : undefined;
    // No index yet, or one this code cannot read (another format): built again from every practice.
    const records = base
      ? changed
      : [...(await all()).map((record) => ({ id: record.practice.id, record })), ...changed];
    const latest = new Map(records.map((r) => [r.id, r.record]));
    const entries = [];
    const docs = [];
    for (const record of latest.values()) {
      const built = record ? indexDocuments(record) : undefined;
      if (!built) continue;
      entries.push(built.entry);
      docs.push(...built.docs);
    }
    const next = updateIndex(base ?? emptyIndex(), new Set(latest.keys()), entries, docs);
    if (await storage.save(encodeIndex(next), stored?.saveId)) {
      logger.info('Search index saved', {
        practices: next.practices.length,
        documents: next.docs.length,
        terms: next.termCount,
      });
      return next;
    }
    logger.info('Another consumer saved the search index first; merging again', { attempt });
  }
  throw new Error('the search index kept changing; the batch will be retried');
}
