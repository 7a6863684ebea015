import { isMemberStatus, membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { publishedKey, publishedTextKey } from './keys.ts';
import { PUBLISHED_FIELDS, type Published, type PublishedText, pick } from './practices.ts';
import type { SearchQuery } from './schemas.ts';
import {
  decodeIndex,
  emptyIndex,
  type PracticeEntry,
  type SearchIndex,
  searchDocuments,
} from './search-index.ts';
import type { IndexStorage } from './search-store.ts';

/**
 * `GET /practices`: the index is loaded once per warm function and kept while the stored one is the
 * same (one small read of its head per request; a new one is loaded when it moved); the page's
 * practices are then read in one BatchGetItem with their cities (a withdrawn city's practice is marked
 * as from a former member).
 */
let cached: { saveId: string; index: SearchIndex } | undefined;

export async function currentIndex(storage: IndexStorage): Promise<SearchIndex | undefined> {
  const head = await storage.head();
  if (!head) return undefined;
  if (cached?.saveId === head) return cached.index;
  const stored = await storage.load();
  if (!stored) return undefined;
  cached = { saveId: stored.saveId, index: decodeIndex(stored.bytes) };
  return cached.index;
}

interface Hit {
  readonly entry: PracticeEntry;
  readonly score: number;
  /** The language of the best-matching text, for a query. */
  readonly lang?: string;
}

export type Facets = Record<
  'themes' | 'sdgs' | 'regions' | 'countries' | 'stages' | 'languages',
  Record<string, number>
>;

/** Ranked, filtered practices and the facet counts of what matched. Pure: no I/O. */
export function rank(index: SearchIndex, q: SearchQuery): { hits: Hit[]; facets: Facets } {
  let hits: Hit[];
  if (q.q) {
    const best = new Map<number, { score: number; lang: string }>();
    for (const [doc, score] of searchDocuments(index, q.q)) {
      const d = index.docs[doc];
      if (!d) continue;
      const current = best.get(d.p);
      if (!current || score > current.score) best.set(d.p, { score, lang: d.lang });
    }
    hits = [...best].map(([p, b]) => ({
      entry: index.practices[p] as PracticeEntry,
      score: b.score,
      lang: b.lang,
    }));
  } else {
    hits = index.practices.map((entry) => ({ entry, score: 0 }));
  }
  hits = hits.filter(
    ({ entry: e }) =>
      (!q.theme || e.themes.includes(q.theme)) &&
      (!q.sdg || e.sdgs.includes(q.sdg)) &&
      (!q.region || e.region === q.region) &&
      (!q.country || e.country === q.country) &&
      (!q.stage || e.stage === q.stage) &&
      (!q.lang || e.languages.includes(q.lang)),
  );
  hits.sort((a, b) => b.score - a.score || b.entry.updatedAt.localeCompare(a.entry.updatedAt));
  const facets: Facets = { themes: {}, sdgs: {}, regions: {}, countries: {}, stages: {}, languages: {} };
  const count = (facet: Record<string, number>, value: string | number | undefined) => {
    if (value === undefined) return;
    facet[String(value)] = (facet[String(value)] ?? 0) + 1;
  };
  for (const { entry: e } of hits) {
    for (const t of e.themes) count(facets.themes, t);
    for (const s of e.sdgs) count(facets.sdgs, s);
    count(facets.regions, e.region);
    count(facets.countries, e.country);
    count(facets.stages, e.stage);
    for (const l of e.languages) count(facets.languages, l);
  }
  return { hits, facets };
}

export interface SearchItem {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** The language of title and summary. */
  readonly language: string;
  /** Title and summary are a machine translation. */
  readonly machineTranslation: boolean;
  readonly originalLanguage: string;
  readonly languages: readonly string[];
  readonly city: {
    readonly id: string;
    readonly name: string;
    readonly country: string;
    readonly region: string;
  };
  readonly formerMember: boolean;
  readonly themes: readonly string[];
  readonly sdgs: readonly number[];
  readonly stage?: string;
  readonly yearStarted?: number;
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly score?: number;
}

const scopeOf = (q: SearchQuery) =>
  `search:${JSON.stringify([q.q ?? '', q.theme, q.sdg, q.region, q.country, q.stage, q.lang])}`;

export async function searchPractices(
  storage: IndexStorage,
  q: SearchQuery,
): Promise<{ items: SearchItem[]; facets: Facets; total: number; nextCursor?: string }> {
  const scope = scopeOf(q);
  const offset = Number(decodeCursor(q.cursor, scope)?.o ?? 0);
  const index = await currentIndex(storage);
  if (!index) return { items: [], facets: rank(emptyIndex(), q).facets, total: 0 };
  const { hits, facets } = rank(index, q);
  const page = hits.slice(offset, offset + q.limit);
  const shown = page.map((h) => {
    const lang = q.lang ?? h.lang ?? h.entry.languages[0] ?? '';
    return { hit: h, lang };
  });
  const cities = [...new Set(page.map((h) => h.entry.cityId))];
  const keys = [
    ...shown.flatMap(({ hit, lang }) => [
      publishedKey(hit.entry.id),
      publishedTextKey(hit.entry.id, lang),
      ...(hit.entry.languages[0] && hit.entry.languages[0] !== lang
        ? [publishedTextKey(hit.entry.id, hit.entry.languages[0])]
        : []),
    ]),
    ...cities.map((c) => membership.inBatch(c).key),
  ];
  const found = new Map<string, Record<string, unknown>>();
  const groups: (typeof keys)[] = [];
  for (let i = 0; i < keys.length; i += 100) groups.push(keys.slice(i, i + 100));
  for (const part of await Promise.all(groups.map((g) => batchGet(g))))
    for (const [k, v] of part) found.set(k, v);
  const items: SearchItem[] = [];
  for (const { hit, lang } of shown) {
    const pubItem = found.get(keyOf(publishedKey(hit.entry.id)));
    if (!pubItem) continue; // retired or republished since the index was saved
    const pub = pick<Published>(pubItem, PUBLISHED_FIELDS);
    const text =
      (found.get(keyOf(publishedTextKey(pub.id, lang))) as PublishedText | undefined) ??
      (found.get(keyOf(publishedTextKey(pub.id, pub.language))) as PublishedText | undefined);
    const city = membership.inBatch(pub.cityId).any(found.get(keyOf(membership.inBatch(pub.cityId).key)));
    items.push({
      id: pub.id,
      title: text?.title ?? pub.title,
      summary: text?.summary ?? pub.summary,
      language: text?.lang ?? pub.language,
      machineTranslation: text?.machine === true,
      originalLanguage: pub.language,
      languages: hit.entry.languages,
      city: { id: pub.cityId, name: pub.cityName, country: pub.country, region: pub.region },
      formerMember: !isMemberStatus(city?.status),
      themes: pub.themes,
      sdgs: pub.sdgs ?? [],
      ...(pub.stage ? { stage: pub.stage } : {}),
      ...(pub.yearStarted ? { yearStarted: pub.yearStarted } : {}),
      publishedAt: pub.publishedAt,
      updatedAt: pub.changedAt,
      ...(q.q ? { score: Math.round(hit.score * 1000) / 1000 } : {}),
    });
  }
  const next = offset + q.limit < hits.length ? encodeCursor({ o: offset + q.limit }, scope) : undefined;
  return { items, facets, total: hits.length, ...(next ? { nextCursor: next } : {}) };
}
