import { gzipSync } from 'node:zlib';
import { navigation } from 'lighthouse';
import type { Page } from 'playwright-core';
import puppeteer, { type Page as PuppeteerPage } from 'puppeteer-core';
import { launch } from '../../test/e2e/browser.ts';
import { median } from './cold-start.ts';
import { mdTable, type Verdict, verdict } from './markdown.ts';
import {
  CSS_BUDGET_KB,
  jsBudgetBytes,
  kb1,
  LIGHTHOUSE_MIN,
  type LighthouseScores,
  lighthouseVerdicts,
  type PageWeight,
  weightVerdicts,
} from './web-budgets.ts';
import { groupOf, POTHOLE_QUESTION, type Seeded, seed, visitAll } from './web-site.ts';

/**
 * The web section of `npm run bench`: what each page loads (its scripts and stylesheets, as Chromium
 * requested them, gzipped) against the issues' budgets, and Lighthouse's mobile performance and
 * accessibility scores of the citizens' pages, run with the system Chromium against the local site.
 * The stack is the caller's (scripts/bench/web-site.ts `openSite`).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MAP_STEP = '/report/where';
/** Lighthouse's scores vary from run to run (more so on a busy machine): the median of this many. */
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const REPORT_CONTINUE = 'form[data-report] button[type=submit].button:not(.button--secondary)';

export async function webSection(o: {
  siteUrl: string;
  log: (line: string) => void;
}): Promise<{ markdown: string; verdicts: Verdict[] }> {
  o.log('web: seeding a member city, a request, an application and a vote through the API');
  const seeded = await seed();
  o.log('web: every page in Chromium (English, 375 px, cache off): the scripts and stylesheets it loads');
  const { pages, files, notReached } = await weighPages(o.siteUrl, seeded);
  o.log(`web: Lighthouse (mobile) on the citizen pages`);
  const scores = await lighthouseCitizenPages(o.siteUrl, seeded, o.log);
  const verdicts = [...weightVerdicts(pages, MAP_STEP), ...lighthouseVerdicts(scores)];
  return { markdown: render(pages, files, notReached, scores, verdicts), verdicts };
}

interface Weighed {
  pages: PageWeight[];
  /** Each page's files, for the table. */
  files: Map<string, string[]>;
  notReached: { route: string; why: string }[];
}

/** The document's scripts and stylesheets, from the browser's resource timing (the cache is off). */
const LOADED = `performance.getEntriesByType('resource').map((e) => e.name)`;

async function weighPages(siteUrl: string, seeded: Seeded): Promise<Weighed> {
  const browser = await launch();
  const gzipped = new Map<string, Promise<number>>();
  const sizeOf = (url: string) => {
    let size = gzipped.get(url);
    if (!size) {
      size = fetch(url).then(async (r) => gzipSync(Buffer.from(await r.arrayBuffer()), { level: 9 }).length);
      gzipped.set(url, size);
    }
    return size;
  };
  const pages: PageWeight[] = [];
  const files = new Map<string, string[]>();
  try {
    const notReached = await visitAll({
      browser,
      lang: 'en',
      width: 375,
      seeded,
      siteUrl,
      freshCache: true,
      onPage: async ({ route, label, page }) => {
        await page.waitForLoadState('networkidle');
        const urls = (await (page as Page).evaluate(LOADED)) as string[];
        const of = (ext: RegExp) => urls.filter((u) => ext.test(new URL(u).pathname));
        const js = of(/\.m?js$/);
        const css = of(/\.css$/);
        const sum = async (xs: string[]) => (await Promise.all(xs.map(sizeOf))).reduce((a, b) => a + b, 0);
        pages.push({
          label,
          group: groupOf(route),
          jsBytes: await sum(js),
          cssBytes: await sum(css),
          map: js.some((u) => /\/map\.js$/.test(new URL(u).pathname)),
        });
        files.set(
          label,
          [...js, ...css].map((u) => new URL(u).pathname.split('/').pop() ?? u),
        );
      },
    });
    return { pages, files, notReached };
  } finally {
    await browser.close();
  }
}

/**
 * The report step by step (each step reached as a person does, by answering and pressing Continue, so
 * Lighthouse measures the page that answer loads), its confirmation, and the request's public page.
 */
async function lighthouseCitizenPages(
  siteUrl: string,
  seeded: Seeded,
  log: (line: string) => void,
): Promise<LighthouseScores[]> {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Lighthouse sets the phone's screen itself.
    defaultViewport: null,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const seen = new Map<string, { performance: number[]; accessibility: number[]; benchmark: number[] }>();
  try {
    const page = await browser.newPage();
    const run = async (label: string, requestor: string | (() => Promise<void>)) => {
      // A run Lighthouse gives up on (NO_FCP on a loaded machine) leaves the page unscored for that run:
      // its verdict says so, and the rest of the report is still written.
      const result = await navigation(page as never, requestor, {
        flags: {
          // The map's tiles come from OpenStreetMap: not fetched from the benchmark (and offline here).
          blockedUrlPatterns: ['*tile.openstreetmap.org*'],
          onlyCategories: ['performance', 'accessibility'],
          // Its check leaves the page and comes back, which re-posts a step's form (an error page): the next
          // step would not find its questions. It weighs nothing in either score.
          skipAudits: ['bf-cache'],
          logLevel: 'error',
        },
      }).catch((error: Error) => {
        log(`  ${label}: Lighthouse failed: ${error.message}`);
        return undefined;
      });
      const score = (id: string) => {
        const s = result?.lhr.categories[id]?.score;
        return typeof s === 'number' ? Math.round(s * 100) : undefined;
      };
      const misses = Object.values(result?.lhr.audits ?? {})
        .filter((a) => typeof a.score === 'number' && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
        .map((a) => a.id);
      const entry = seen.get(label) ?? { performance: [], accessibility: [], benchmark: [] };
      seen.set(label, entry);
      for (const category of ['performance', 'accessibility'] as const) {
        const value = score(category);
        if (value !== undefined) entry[category].push(value);
      }
      if (result) entry.benchmark.push(result.lhr.environment.benchmarkIndex);
      log(
        `  ${label}: performance ${score('performance')}, accessibility ${score('accessibility')}${misses.length ? ` (below 90: ${misses.slice(0, 6).join(', ')})` : ''}`,
      );
      if (result?.lhr.runtimeError) log(`  ${label}: ${result.lhr.runtimeError.message}`);
    };
    const answers: Record<string, (p: PuppeteerPage) => Promise<unknown>> = {
      city: (p) => check(p, `input[name=city][value="${seeded.city.id}"]`),
      matter: (p) => check(p, 'input[name=service][value=pothole]'),
      questions: (p) => check(p, `input[name="attr.${POTHOLE_QUESTION.code}"][value=big]`),
      where: (p) => p.type('#district', 'Centro'),
      description: (p) => p.type('#description', 'A deep pothole in front of number 12.'),
    };
    const { STEPS } = await import('../../functions/web/citizen/report-flow.ts');
    for (let n = 1; n <= LIGHTHOUSE_RUNS; n++) {
      log(`  run ${n} of ${LIGHTHOUSE_RUNS}`);
      await run('/report', `${siteUrl}/en/report`);
      for (const [i, step] of STEPS.entries()) {
        await answers[step]?.(page);
        const next = STEPS[i + 1] ?? 'check';
        await run(`/report/${next}`, () => page.click(REPORT_CONTINUE));
      }
      await run('/report/sent/:id', () => page.click('form[data-report] button[type=submit]'));
      await run('/requests/:id', `${siteUrl}/en/requests/${encodeURIComponent(seeded.requestId)}`);
    }
  } finally {
    await browser.close();
  }
  // A page that was never scored keeps its place, unscored (and fails its verdict).
  const mid = (xs: number[]) => (xs.length ? Math.round(median(xs)) : undefined);
  return [...seen].map(([label, s]) => ({
    label,
    performance: mid(s.performance),
    accessibility: mid(s.accessibility),
    runs: s.performance,
    benchmarkIndex: mid(s.benchmark),
  }));
}

/** Checks a radio that the page styles over its native input (clicking the input itself is refused). */
const check = (p: PuppeteerPage, selector: string) =>
  p.evaluate(`document.querySelector(${JSON.stringify(selector)}).checked = true`);

function render(
  pages: readonly PageWeight[],
  files: ReadonlyMap<string, string[]>,
  notReached: readonly { route: string; why: string }[],
  scores: readonly LighthouseScores[],
  verdicts: readonly Verdict[],
): string {
  const budget = (p: PageWeight) => {
    const b = jsBudgetBytes(p);
    return b === undefined ? 'none (map step)' : `${b / 1024}`;
  };
  return [
    '## Web pages',
    '',
    `Every GET page of functions/web/pages.ts, opened in Chromium (English, 375 px, JavaScript on, the browser cache off; staff pages signed in through the local managed login, data seeded through the API), as scripts/bench/web-site.ts reaches them for \`npm run screenshots\`. JS and CSS are the scripts and stylesheets the page loaded (its resource timing), each gzipped at level 9, summed. Budgets: public pages ≤ 15 KB of JavaScript outside the map step, officials' ≤ 60 KB, the console's and committee's ≤ 80 KB, CSS ≤ ${CSS_BUDGET_KB} KB. Lighthouse ≥ ${LIGHTHOUSE_MIN} (mobile: its default config, simulated throttling), on the report's steps reached by answering them and on a request's public page, the median of BENCH_LIGHTHOUSE_RUNS (3) runs. \`npm run bench -- --only web\` runs this section alone.`,
    '',
    mdTable(
      ['Target', 'Result', 'Verdict'],
      verdicts.map((v) => [v.target, v.result, verdict(v.ok)]),
    ),
    '',
    mdTable(
      ['Page', 'Group', 'JS KB gz', 'JS budget KB', 'CSS KB gz', 'Files'],
      pages.map((p) => [
        `\`${p.label}\``,
        p.group,
        kb1(p.jsBytes),
        budget(p),
        kb1(p.cssBytes),
        (files.get(p.label) ?? []).join(', '),
      ]),
    ),
    '',
    ...(notReached.length
      ? [`Not reached: ${notReached.map((n) => `\`${n.route}\` (${n.why})`).join('; ')}.`, '']
      : []),
    mdTable(
      [
        'Citizen page',
        'Performance (median)',
        'Performance, each run',
        'Accessibility',
        "Lighthouse's CPU benchmark index",
      ],
      scores.map((s) => [
        `\`${s.label}\``,
        s.performance ?? 'n/a',
        s.runs?.join(', ') ?? '',
        s.accessibility ?? 'n/a',
        s.benchmarkIndex ?? 'n/a',
      ]),
    ),
    '',
    "Lighthouse's simulated throttling scales the CPU time it observed; its benchmark index says how fast this machine was during the run (under 1000 Lighthouse warns that the CPU is slower than it expects, which lowers the performance score). The local site serves its assets uncompressed (CloudFront compresses in AWS), hence the `uses-text-compression` audit's advice.",
    '',
  ].join('\n');
}
