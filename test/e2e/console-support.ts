import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { newContext, siteUrl } from './browser.ts';
import { type Role, tokenFor } from './support.ts';

/**
 * What the console's browser tests share: a signed-in browser (through the local managed login, or
 * with a session cookie for the people a test only needs signed in), and the count of API calls each
 * page render made, which the web function reports in its Server-Timing header.
 */

/** Pages rendered, with the API calls each made (from `Server-Timing: api;...;desc="N calls"`). */
export interface Renders {
  readonly seen: { url: string; method: string; calls: number }[];
}

const CALLS = /\bapi;[^,]*desc="(\d+) calls?"/;

/** Records the API calls of every page the context loads (documents and form posts, redirects too). */
export function countRenders(context: BrowserContext): Renders {
  const renders: Renders = { seen: [] };
  context.on('response', (response: Response) => {
    const url = response.url();
    if (!url.startsWith(siteUrl()) || url.includes('/assets/')) return;
    const timing = response.headers()['server-timing'];
    const calls = timing ? CALLS.exec(timing)?.[1] : undefined;
    if (calls !== undefined) {
      renders.seen.push({ url, method: response.request().method(), calls: Number(calls) });
    }
  });
  return renders;
}

/** No page render needed more than two API calls (and some were seen, so the check is not empty). */
export function expectAtMostTwoCalls(renders: Renders, atLeast = 1): void {
  expect(renders.seen.length).toBeGreaterThanOrEqual(atLeast);
  const over = renders.seen.filter((r) => r.calls > 2);
  expect(over, 'page renders with more than 2 API calls').toEqual([]);
}

/** A browser signed in as `email` with `roles` through the local stand-in of Cognito's managed login. */
export async function signInThroughLogin(
  browser: Browser,
  email: string,
  roles: readonly Role[],
  returnTo: string,
  options: { javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; renders: Renders }> {
  const context = await newContext(browser, options);
  const renders = countRenders(context);
  const page = await context.newPage();
  await page.goto(`${siteUrl()}/en/sign-in?return=${encodeURIComponent(returnTo)}`);
  await page.fill('#email', email).catch(async (error: Error) => {
    throw new Error(`${error.message}\nat ${page.url()}:\n${(await page.content()).slice(0, 2000)}`);
  });
  for (const role of roles) await page.check(`input[value=${role}]`);
  await Promise.all([page.waitForURL(`${siteUrl()}${returnTo}`), page.click('button[type=submit]')]);
  return { context, page, renders };
}

/** A browser with a session for `email` (the cookie the sign-in sets, with a token for the role). */
export async function signedIn(
  browser: Browser,
  role: Role,
  email: string,
  options: { javaScript?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; renders: Renders }> {
  const context = await newContext(browser, options);
  const renders = countRenders(context);
  await context.addCookies([
    {
      name: 'wego-session',
      value: await tokenFor(role, email),
      url: siteUrl(),
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  return { context, page: await context.newPage(), renders };
}

/**
 * Clicks and waits for the page the click leads to: the document that answers the navigation (after
 * a form post's redirect, if any), loaded.
 */
export async function clickAndLoad(page: Page, selector: string): Promise<void> {
  const answered = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.request().frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  );
  await page.click(selector);
  const response = await answered;
  const answeredUrl = response.url();
  await page.waitForURL((url) => url.href.split('#')[0] === answeredUrl, { waitUntil: 'load' });
}

/** The text of the page's main content, whitespace folded. */
export const mainText = async (page: Page) =>
  ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ').trim();
