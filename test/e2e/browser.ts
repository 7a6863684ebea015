import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Real Chromium (the distribution's, /usr/bin/chromium; CHROMIUM_PATH overrides) driven by
 * playwright-core, for the web app's journeys. Started with the flags this machine's closed network
 * needs. `checkA11y` runs axe-core in the page and fails on any violation.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const siteUrl = () => {
  const url = process.env.E2E_SITE_URL;
  if (!url) throw new Error('E2E_SITE_URL is not set: run the browser tests through vitest e2e project');
  return url;
};

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context: JavaScript on or off, a phone or a desktop, a preferred language. */
export async function newContext(
  browser: Browser,
  options: { javaScript?: boolean; width?: number; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'en-GB',
  });
  if (options.javaScript === false) withoutJavaScript.add(context);
  return context;
}

/** Contexts whose pages run no script: Playwright cannot evaluate in them either. */
const withoutJavaScript = new WeakSet<BrowserContext>();

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

async function runAxe(page: Page): Promise<AxeResult> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  // The test's tsconfig has no DOM types: the page's globals are reached through globalThis.
  return (await page.evaluate(() => {
    const page = globalThis as unknown as {
      axe: { run: (context: unknown, options: object) => Promise<unknown> };
      document: unknown;
    };
    return page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  })) as AxeResult;
}

/**
 * axe-core's WCAG 2.1 AA rules and best practices on the page as it is now: no violation allowed.
 * A page without JavaScript cannot run axe: its HTML is checked in a scripted page that gets the same
 * document at the same URL (so its stylesheet loads, for the colour checks).
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  let result: AxeResult;
  if (!withoutJavaScript.has(page.context())) {
    result = await runAxe(page);
  } else {
    const html = await page.content();
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({
      viewport: page.viewportSize() ?? { width: 1280, height: 900 },
    });
    const copy = await context.newPage();
    await copy.route(page.url(), (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: html }),
    );
    await copy.goto(page.url());
    result = await runAxe(copy);
    await context.close();
  }
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, label).toEqual([]);
}
