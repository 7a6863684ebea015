/**
 * The knowledge search, measured at the function level (no network): 5,000 published practices in 6
 * languages each (the original and five translations, over the platform's seven), indexed as the
 * indexer indexes them (every language: title, summary, keywords; the original also its sections).
 * Reports the index's size, its cold load (a fresh Node process turning the stored bytes into a
 * searchable index) and the warm p50/p95 of queries in several scripts, with filters and facets.
 *
 * Run alone: `npx tsx scripts/bench/search.ts` (BENCH_SEARCH_PRACTICES, BENCH_SEARCH_COLD_RUNS,
 * BENCH_SEARCH_QUERIES set the sizes); `npm run bench` runs it as its last section.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  buildIndex,
  encodeIndex,
  type IndexDocument,
  type PracticeEntry,
} from '../../functions/knowledge/search-index.ts';
import { percentile } from './cold-start.ts';
import { kb, mdTable, ms, type Verdict, verdict } from './markdown.ts';

const PRACTICES = Number(process.env.BENCH_SEARCH_PRACTICES ?? 5000);
const COLD_RUNS = Number(process.env.BENCH_SEARCH_COLD_RUNS ?? 7);
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 1000);
const TARGET_WARM_P95_MS = 50;
const TARGET_COLD_LOAD_MS = 300;

/** A deterministic generator, so two runs index the same corpus. */
let seed = 20261129;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
/** Word frequencies of real text are skewed: a few words are everywhere, most are rare. */
const skewed = <T>(list: readonly T[]): T =>
  list[Math.min(list.length - 1, Math.floor(list.length * rand() ** 3))] as T;

const syllables: Record<string, string[]> = {
  latin: 'ka to ri men sa lo ve di na por tra es ción qu ble té ment ur ge on is al de la ci vi da'.split(
    ' ',
  ),
  cyrillic: 'ка то ри мен са ло ве ди на пор тра ес ция ку бле те мент ур ге он ис ал де ла'.split(' '),
  arabic: 'كا تو ري من سا لو في دي نا بر ترا اس سيو قو بل ته منت ور جي ون يس ال دة لا'.split(' '),
};
const charRange = (from: number, count: number, size: number) =>
  Array.from({ length: size }, () => String.fromCodePoint(from + Math.floor(rand() * count)));
/** About 2,000 Hangul syllables and 2,500 Han characters: the common ones of real text. */
const hangul = charRange(0xac00, 11172, 2000);
const han = charRange(0x4e00, 20000, 2500);
const wordsOf = (make: () => string, n: number) => Array.from({ length: n }, make);
const glue = (n: number, parts: () => string) => Array.from({ length: n }, parts).join('');
const VOCABULARY: Record<string, string[]> = {
  en: wordsOf(() => glue(2 + Math.floor(rand() * 3), () => pick(syllables.latin ?? [])), 6000),
  es: wordsOf(() => glue(2 + Math.floor(rand() * 3), () => pick(syllables.latin ?? [])), 6000),
  fr: wordsOf(() => glue(2 + Math.floor(rand() * 3), () => pick(syllables.latin ?? [])), 6000),
  ru: wordsOf(() => glue(2 + Math.floor(rand() * 3), () => pick(syllables.cyrillic ?? [])), 6000),
  ar: wordsOf(() => glue(2 + Math.floor(rand() * 2), () => pick(syllables.arabic ?? [])), 6000),
  ko: wordsOf(() => glue(2 + Math.floor(rand() * 3), () => pick(hangul)), 6000),
  zh: wordsOf(() => glue(1 + Math.floor(rand() * 3), () => skewed(han)), 8000),
};
const LANGS = Object.keys(VOCABULARY);
const text = (lang: string, words: number) => {
  const list = Array.from({ length: words }, () => skewed(VOCABULARY[lang] ?? []));
  return lang === 'zh' ? list.join('') : list.join(' ');
};
const THEMES = [
  'efficient-government',
  'emerging-technology',
  'mobility',
  'open-inclusive-city',
  'safe-city',
  'sustainable-city',
];
const REGIONS = ['asia', 'europe', 'africa', 'americas', 'middle-east', 'oceania'];

/** The corpus: each practice in 6 of the 7 languages, as the indexer would index it. */
export function corpus(n: number): { entries: PracticeEntry[]; docs: IndexDocument[] } {
  const entries: PracticeEntry[] = [];
  const docs: IndexDocument[] = [];
  for (let i = 0; i < n; i++) {
    const languages = [...LANGS].sort(() => rand() - 0.5).slice(0, 6);
    const id = `city${i % 300}.practice${i}`;
    entries.push({
      id,
      cityId: `city${i % 300}`,
      themes: [pick(THEMES), pick(THEMES)].filter((t, k, all) => all.indexOf(t) === k),
      sdgs: [1 + Math.floor(rand() * 17)],
      region: pick(REGIONS),
      country: pick(['KR', 'PE', 'FR', 'RU', 'EG', 'CN', 'ES']),
      stage: pick(['idea', 'pilot', 'operational', 'scaled']),
      languages,
      publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    });
    languages.forEach((lang, k) => {
      docs.push({
        practiceId: id,
        lang,
        machine: k > 2,
        title: text(lang, 8),
        summary: text(lang, 60),
        keywords: `${text(lang, 3)} ${text('en', 2)}`,
        // Sections (about 550 words) in the original language only, as indexDocuments does.
        ...(k === 0 ? { body: text(lang, 550) } : {}),
      });
    });
  }
  return { entries, docs };
}

/** What a child process runs: load the stored bytes cold and search once; prints the times. */
const CHILD = `
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const started = performance.now();
const { decodeIndex, searchDocuments } = await import(process.argv[2]);
const imported = performance.now();
const bytes = readFileSync(process.argv[3]);
const read = performance.now();
const cpu = process.cpuUsage();
const index = decodeIndex(bytes);
const loadCpu = process.cpuUsage(cpu);
const loaded = performance.now();
searchDocuments(index, process.argv[4]);
const searched = performance.now();
process.stdout.write(JSON.stringify({ importMs: imported - started, readMs: read - imported, loadMs: loaded - read, loadCpuMs: (loadCpu.user + loadCpu.system) / 1000, firstSearchMs: searched - loaded }));
`;

export async function searchSection(): Promise<{ markdown: string; verdicts: Verdict[] }> {
  const projectDir = resolve(import.meta.dirname, '../..');
  const dir = mkdtempSync(join(tmpdir(), 'wego-bench-search-'));
  try {
    const t0 = performance.now();
    const { entries, docs } = corpus(PRACTICES);
    const index = buildIndex(entries, docs);
    const buildMs = performance.now() - t0;
    const bytes = encodeIndex(index);
    const indexFile = join(dir, 'index.bin');
    writeFileSync(indexFile, bytes);
    // The child imports the index module as esbuild bundles it for the search function.
    const bundle = join(dir, 'search-index.mjs');
    execFileSync(
      join(projectDir, 'node_modules', '.bin', 'esbuild'),
      [
        join(projectDir, 'functions/knowledge/search-index.ts'),
        '--bundle',
        '--platform=node',
        '--format=esm',
        `--outfile=${bundle}`,
        '--minify',
        '--log-level=error',
      ],
      { cwd: projectDir },
    );
    const childFile = join(dir, 'child.mjs');
    writeFileSync(childFile, CHILD);
    const probe = VOCABULARY.ko?.[3] ?? '';
    const cold = Array.from(
      { length: COLD_RUNS },
      () =>
        JSON.parse(
          execFileSync(process.execPath, [childFile, pathToFileURL(bundle).href, indexFile, probe], {
            encoding: 'utf8',
          }),
        ) as { importMs: number; readMs: number; loadMs: number; loadCpuMs: number; firstSearchMs: number },
    );

    // Warm: the index decoded once, then queries as people type them, in every script, with filters.
    const { decodeIndex } = await import('../../functions/knowledge/search-index.ts');
    const { rank } = await searchModule();
    const loaded = decodeIndex(bytes);
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const lang = LANGS[i % LANGS.length] as string;
      const words = 1 + (i % 3);
      const q = text(lang, words);
      // Every fourth query is still being typed: its last word is cut short (a prefix).
      return i % 4 === 3 && lang !== 'zh' ? q.slice(0, Math.max(3, q.length - 2)) : q;
    });
    const times: number[] = [];
    let hits = 0;
    const warmCpu = process.cpuUsage();
    const warmStarted = performance.now();
    queries.forEach((q, i) => {
      const started = performance.now();
      const { hits: found } = rank(loaded, {
        q,
        limit: 25,
        ...(i % 5 === 0 ? { theme: pick(THEMES) as never } : {}),
        ...(i % 7 === 0 ? { lang: pick(LANGS) } : {}),
      });
      times.push(performance.now() - started);
      if (found.length > 0) hits++;
    });
    const warmCpuUsed = process.cpuUsage(warmCpu);
    // On a shared machine wall time counts the waits for a core; the CPU share says how much of it was ours.
    const cpuShare = (warmCpuUsed.user + warmCpuUsed.system) / 1000 / (performance.now() - warmStarted);
    const loadMs = cold.map((c) => c.loadMs).sort((a, b) => a - b);
    const loadCpu = cold.map((c) => c.loadCpuMs).sort((a, b) => a - b);
    const medianCpu = loadCpu[Math.floor(loadCpu.length / 2)] ?? Number.NaN;
    const [load1] = loadavg();
    const median = loadMs[Math.floor(loadMs.length / 2)] ?? Number.NaN;
    const p95 = percentile(times, 95);
    const verdicts: Verdict[] = [
      {
        target: `Search: warm p95 ≤ ${TARGET_WARM_P95_MS} ms (${PRACTICES} practices × 6 languages)`,
        result: `${ms(p95)} ms`,
        ok: p95 <= TARGET_WARM_P95_MS,
      },
      {
        target: `Search: index load ≤ ${TARGET_COLD_LOAD_MS} ms cold`,
        result: `${ms(median)} ms (median of ${COLD_RUNS}), ${kb(bytes.length)} KB`,
        ok: median <= TARGET_COLD_LOAD_MS,
      },
    ];
    const markdown = `## Knowledge search (function level)

${PRACTICES} published practices, each in 6 of the 7 platform languages (${docs.length} documents): every language
indexed with its title, summary and keywords, the original language also with its sections (${'~'}550 words).
Synthetic text with a skewed word frequency (Latin, Cyrillic, Arabic, Hangul, Han). Measured in-process on
this machine, without the network: the cold load is a fresh Node process turning the stored bytes into a
searchable index (the search function does it once per environment; reading the bytes from the store comes
on top).

${mdTable(
  ['What', 'Value'],
  [
    ['Index size (stored, gzip)', `${kb(bytes.length)} KB`],
    ['Terms, documents', `${index.termCount}, ${index.docs.length}`],
    ['Build from scratch (all practices)', `${ms(buildMs)} ms`],
    ['Cold load: median / worst (wall)', `${ms(median)} / ${ms(loadMs.at(-1) ?? Number.NaN)} ms`],
    ['Cold load: median CPU time', `${ms(medianCpu)} ms`],
    [
      'Cold: module import, first query',
      `${ms(cold[0]?.importMs ?? Number.NaN)} ms, ${ms(cold[0]?.firstSearchMs ?? Number.NaN)} ms`,
    ],
    [
      `Warm query p50 / p95 / max (${times.length} queries, ${hits} with results)`,
      `${ms(percentile(times, 50))} / ${ms(p95)} / ${ms(Math.max(...times))} ms`,
    ],
    [
      'Warm queries: CPU time / wall time; machine load (1 min, cores)',
      `${Math.round(cpuShare * 100)}%; ${load1?.toFixed(1) ?? '?'} on ${cpus().length}`,
    ],
  ],
)}
`;
    return { markdown, verdicts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** search.ts reads env at import (the cursor key): give it a throwaway one for the pure ranking. */
async function searchModule() {
  process.env.TABLE_NAME ??= 'bench';
  process.env.CURSOR_SECRET ??= 'bench';
  return import('../../functions/knowledge/search.ts');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { markdown, verdicts } = await searchSection();
  process.stdout.write(
    `${markdown}\n${mdTable(
      ['Target', 'Result', 'Verdict'],
      verdicts.map((v) => [v.target, v.result, verdict(v.ok)]),
    )}\n`,
  );
}
