import { describe, expect, it } from 'vitest';
import { buildIndex, type PracticeEntry } from '../../../../functions/knowledge/search-index.ts';

process.env.TABLE_NAME ??= 'test';
process.env.CURSOR_SECRET ??= 'secret';
const { rank } = await import('../../../../functions/knowledge/search.ts');

const entry = (id: string, o: Partial<PracticeEntry>): PracticeEntry => ({
  id,
  cityId: 'c',
  themes: ['mobility'],
  sdgs: [11],
  region: 'asia',
  country: 'KR',
  languages: ['ko', 'en'],
  publishedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...o,
});
const index = buildIndex(
  [
    entry('seoul', { updatedAt: '2026-03-01T00:00:00.000Z', stage: 'scaled' }),
    entry('lima', {
      region: 'americas',
      country: 'PE',
      themes: ['open-inclusive-city'],
      languages: ['es', 'ko'],
      sdgs: [16],
    }),
    entry('paris', {
      region: 'europe',
      country: 'FR',
      languages: ['fr'],
      updatedAt: '2026-02-01T00:00:00.000Z',
    }),
  ],
  [
    { practiceId: 'seoul', lang: 'ko', machine: false, title: '버스 도착 정보' },
    { practiceId: 'seoul', lang: 'en', machine: true, title: 'Bus arrival information' },
    { practiceId: 'lima', lang: 'es', machine: false, title: 'Presupuesto participativo' },
    { practiceId: 'lima', lang: 'ko', machine: true, title: '참여 예산 버스' },
    { practiceId: 'paris', lang: 'fr', machine: false, title: 'Vélos en libre-service' },
  ],
);
const q = (o: Record<string, unknown>) => ({ limit: 25, ...o }) as Parameters<typeof rank>[1];

describe('ranking and facets of GET /practices', () => {
  it('lists every published practice, newest change first, without a query', () => {
    expect(rank(index, q({})).hits.map((h) => h.entry.id)).toEqual(['seoul', 'paris', 'lima']);
  });

  it('filters by theme, SDG, region, country, stage and language, and counts facets over what matched', () => {
    expect(rank(index, q({ theme: 'open-inclusive-city' })).hits.map((h) => h.entry.id)).toEqual(['lima']);
    expect(rank(index, q({ sdg: 16 })).hits.map((h) => h.entry.id)).toEqual(['lima']);
    expect(rank(index, q({ region: 'europe' })).hits.map((h) => h.entry.id)).toEqual(['paris']);
    expect(rank(index, q({ country: 'KR', stage: 'scaled' })).hits.map((h) => h.entry.id)).toEqual(['seoul']);
    const korean = rank(index, q({ lang: 'ko' }));
    expect(korean.hits.map((h) => h.entry.id).sort()).toEqual(['lima', 'seoul']);
    expect(korean.facets.regions).toEqual({ asia: 1, americas: 1 });
    expect(korean.facets.languages).toEqual({ ko: 2, en: 1, es: 1 });
  });

  it('finds a practice through any language it exists in, and tells which one matched', () => {
    const hits = rank(index, q({ q: '버스' })).hits;
    expect(hits.map((h) => [h.entry.id, h.lang])).toEqual(
      expect.arrayContaining([
        ['seoul', 'ko'],
        ['lima', 'ko'],
      ]),
    );
    expect(rank(index, q({ q: 'velos' })).hits.map((h) => h.entry.id)).toEqual(['paris']);
  });
});
