import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  decodeIndex,
  encodeIndex,
  type IndexDocument,
  type PracticeEntry,
  searchDocuments,
  updateIndex,
} from '../../../../functions/knowledge/search-index.ts';
import { tokenize } from '../../../../functions/knowledge/tokenizer.ts';

const entry = (id: string): PracticeEntry => ({
  id,
  cityId: 'c',
  themes: ['mobility'],
  sdgs: [11],
  region: 'asia',
  country: 'KR',
  languages: ['en'],
  publishedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const doc = (practiceId: string, lang: string, title: string, body = ''): IndexDocument => ({
  practiceId,
  lang,
  machine: false,
  title,
  body,
});

/** The practice ids a query finds, best first. */
function found(index: ReturnType<typeof buildIndex>, query: string): string[] {
  return [...searchDocuments(index, query)]
    .sort((a, b) => b[1] - a[1])
    .map(([d]) => index.practices[index.docs[d]?.p ?? -1]?.id ?? '?')
    .filter((id, i, all) => all.indexOf(id) === i);
}

describe('the tokenizer', () => {
  it('cuts Korean, Chinese and Japanese runs into character bigrams', () => {
    expect(tokenize('스마트시티')).toEqual(['스마', '마트', '트시', '시티']);
    expect(tokenize('智慧城市')).toEqual(['智慧', '慧城', '城市']);
    expect(tokenize('スマート')).toEqual(['スマ', 'マー', 'ート']);
    expect(tokenize('市')).toEqual(['市']);
  });

  it('folds accents, case and compatibility forms, and splits Latin next to CJK', () => {
    expect(tokenize('Participación CIUDADANA')).toEqual(['participacion', 'ciudadana']);
    expect(tokenize('Ｅｌｅｃｔｒｏｎｉｃ')).toEqual(['electronic']);
    expect(tokenize('AI도시')).toEqual(['ai', '도시']);
    expect(tokenize('Ёлка')).toEqual(['елка']);
    expect(tokenize('e-government 2024')).toEqual(['government', '2024']);
  });

  it('strips Arabic diacritics and hamza seats so spellings with and without them meet', () => {
    expect(tokenize('المُدُن')).toEqual(tokenize('المدن'));
    expect(tokenize('أحمد')).toEqual(tokenize('احمد'));
  });
});

describe('the search index', () => {
  const index = buildIndex(
    [entry('bus'), entry('permit'), entry('ko')],
    [
      doc('bus', 'en', 'Real-time bus arrival information', 'Passengers see when the next bus comes.'),
      doc('permit', 'es', 'Permisos de construcción en línea', 'Trámites digitales para la ciudadanía.'),
      doc('ko', 'ko', '스마트시티 교통 데이터 개방', '시민에게 교통 데이터를 공개했습니다.'),
    ],
  );

  it('finds a practice by a word of its title or body, whatever the accents and case', () => {
    expect(found(index, 'BUS')).toEqual(['bus']);
    expect(found(index, 'construccion')).toEqual(['permit']);
    expect(found(index, 'tramites')).toEqual(['permit']);
  });

  it('finds Korean text by a word inside a longer run (bigrams) and by one syllable typed so far', () => {
    expect(found(index, '교통')).toEqual(['ko']);
    expect(found(index, '스마트')).toEqual(['ko']);
    expect(found(index, '교')).toEqual(['ko']);
  });

  it('completes the last word being typed, and requires every word when some document has them all', () => {
    expect(found(index, 'arriv')).toEqual(['bus']);
    expect(found(index, 'bus passengers')).toEqual(['bus']);
    expect(found(index, 'nothing-like-this')).toEqual([]);
  });

  it('ranks a title match above a body match', () => {
    const ranked = buildIndex(
      [entry('a'), entry('b')],
      [doc('a', 'en', 'Parking', 'about sensors'), doc('b', 'en', 'Sensors everywhere', 'and parking too')],
    );
    expect(found(ranked, 'sensors')).toEqual(['b', 'a']);
  });

  it('survives encoding and decoding unchanged', () => {
    const decoded = decodeIndex(encodeIndex(index));
    expect(decoded.practices).toEqual(index.practices);
    expect(found(decoded, '교통')).toEqual(['ko']);
    expect(found(decoded, 'permisos')).toEqual(['permit']);
  });

  it('replaces a practice on update and forgets a removed one, leaving the others searchable', () => {
    const updated = updateIndex(
      decodeIndex(encodeIndex(index)),
      new Set(['permit']),
      [entry('bus')],
      [doc('bus', 'en', 'Tram timetables', 'Trams on time.')],
    );
    expect(found(updated, 'bus')).toEqual([]);
    expect(found(updated, 'tram')).toEqual(['bus']);
    expect(found(updated, 'permisos')).toEqual([]);
    expect(found(updated, '교통')).toEqual(['ko']);
    expect(updated.practices.map((p) => p.id).sort()).toEqual(['bus', 'ko']);
  });

  it('gives the same answers after any order of updates as a build from scratch', () => {
    const words = ['alpha', 'beta', 'gamma', '도시', '城市', 'éco'];
    const docs = words.map((w, i) => doc(`p${i}`, 'en', `${w} ${words[(i + 1) % words.length]}`));
    const scratch = buildIndex(
      docs.map((d) => entry(d.practiceId)),
      docs,
    );
    let incremental = buildIndex([], []);
    for (const d of [...docs].reverse()) {
      incremental = decodeIndex(encodeIndex(updateIndex(incremental, new Set(), [entry(d.practiceId)], [d])));
    }
    for (const w of words) expect(found(incremental, w).sort(), w).toEqual(found(scratch, w).sort());
  });
});
