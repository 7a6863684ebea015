#!/usr/bin/env node
/**
 * `npm run screenshots`: every page of the site (functions/web/pages.ts) in English and Arabic, 375 px
 * and 1280 px wide, as PNGs in screenshots/ (git-ignored) with an index.html that shows them side by
 * side, so a person can look at them. It starts its own local stack (ports SCREENSHOTS_API_PORT 3400,
 * SCREENSHOTS_SITE_PORT 8480, SCREENSHOTS_SES_PORT 8405, SCREENSHOTS_DYNAMODB_PORT 8401,
 * SCREENSHOTS_SFN_PORT 8483, SCREENSHOTS_S3_PORT 8469), or uses one already running:
 * `npm run screenshots -- --site http://127.0.0.1:8080` (its inbox at --inbox, default
 * http://127.0.0.1:8005, and its state folder WEGO_STATE_DIR, default .local, for the signing key).
 * Data is seeded through the API; staff pages are opened signed in through the local managed login.
 * SCREENSHOTS_DIR moves the folder; `--only /console` (repeatable) takes only the pages whose route starts so.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { escapeHtml } from '../functions/emails/html.ts';
import { isLanguage, type Language } from '../functions/shared/i18n.ts';
import { launch } from '../test/e2e/browser.ts';
import { openSite, seed, visitAll } from './bench/web-site.ts';

const WIDTHS = [375, 1280] as const;
const out = resolve(process.env.SCREENSHOTS_DIR ?? join(import.meta.dirname, '..', 'screenshots'));
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    inbox: { type: 'string', default: 'http://127.0.0.1:8005' },
    only: { type: 'string', multiple: true },
    // English and Arabic (left to right and right to left) unless languages are named: `--lang ko`.
    lang: { type: 'string', multiple: true, default: ['en', 'ar'] },
  },
});
const LANGUAGES = (values.lang ?? []).filter(isLanguage);
const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[screenshots ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

interface Shot {
  label: string;
  lang: Language;
  width: number;
  file: string;
}

const site = await openSite({
  ...(values.site
    ? {
        running: {
          siteUrl: values.site,
          inboxUrl: values.inbox,
          stateDir: process.env.WEGO_STATE_DIR ?? '.local',
        },
      }
    : {}),
  ports: {
    api: env('SCREENSHOTS_API_PORT', 3400),
    site: env('SCREENSHOTS_SITE_PORT', 8480),
    ses: env('SCREENSHOTS_SES_PORT', 8405),
    dynamo: env('SCREENSHOTS_DYNAMODB_PORT', 8401),
    sfn: env('SCREENSHOTS_SFN_PORT', 8483),
    s3: env('SCREENSHOTS_S3_PORT', 8469),
  },
  log,
});
const browser = await launch();
try {
  log('seeding a member city, a request, an application and a vote through the API');
  const seeded = await seed();
  // A full run starts the folder afresh; a run of a few pages (--only) replaces just theirs.
  if (!values.only) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const shots: Shot[] = [];
  const missed = new Map<string, string>();
  for (const lang of LANGUAGES) {
    for (const width of WIDTHS) {
      log(`${lang}, ${width} px`);
      const notReached = await visitAll({
        browser,
        lang,
        width,
        seeded,
        siteUrl: site.siteUrl,
        ...(values.only
          ? { only: (route: string) => (values.only ?? []).some((p) => route.startsWith(p)) }
          : {}),
        onPage: async ({ label, page }) => {
          const file = `${slug(label)}.${lang}.${width}.png`;
          await page.screenshot({ path: join(out, file), fullPage: true });
          shots.push({ label, lang, width, file });
        },
      });
      for (const n of notReached) missed.set(n.route, n.why);
    }
  }
  writeFileSync(join(out, 'index.html'), indexPage(shots, missed));
  log(`${shots.length} screenshots of ${new Set(shots.map((s) => s.label)).size} pages in ${out}`);
  for (const [route, why] of missed) log(`not reached: ${route} (${why})`);
} catch (error) {
  log(`failed: ${(error as Error).stack ?? error}\n${site.logTail()}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await site.stop();
}

function slug(label: string): string {
  return (
    label
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'home'
  );
}

/** One row per page: English and Arabic, phone and desktop, side by side. */
function indexPage(shots: readonly Shot[], missed: ReadonlyMap<string, string>): string {
  const labels = [...new Set(shots.map((s) => s.label))];
  const cell = (label: string, lang: Language, width: number) => {
    const shot = shots.find((s) => s.label === label && s.lang === lang && s.width === width);
    return shot
      ? `<td><a href="${shot.file}"><img src="${shot.file}" alt="${escapeHtml(`${label}, ${lang}, ${width} px`)}" loading="lazy"></a></td>`
      : '<td>—</td>';
  };
  const heads = LANGUAGES.flatMap((l) => WIDTHS.map((w) => `<th>${l}, ${w} px</th>`)).join('');
  const rows = labels
    .map(
      (label) =>
        `<tr><th scope="row">${escapeHtml(label)}</th>${LANGUAGES.flatMap((l) => WIDTHS.map((w) => cell(label, l, w))).join('')}</tr>`,
    )
    .join('\n');
  const missedList = [...missed]
    .map(([route, why]) => `<li><code>${escapeHtml(route)}</code>: ${escapeHtml(why)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WeGO screenshots</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.5rem; vertical-align: top; text-align: start; }
thead th { position: sticky; top: 0; background: #fff; }
img { display: block; max-height: 600px; width: auto; max-width: 320px; }
</style></head><body>
<h1>WeGO screenshots</h1>
<p>Taken ${escapeHtml(new Date().toISOString())} by <code>npm run screenshots</code>. Each image opens at full size.</p>
${missedList ? `<p>Not reached:</p><ul>${missedList}</ul>` : ''}
<table><thead><tr><th>page</th>${heads}</tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
