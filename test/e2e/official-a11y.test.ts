import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import {
  type CpsCity,
  choose,
  cpsCity,
  type Filed,
  fileRequest,
  makeOverdue,
  withSession,
} from './official-support.ts';
import { call, tokenFor } from './support.ts';

/**
 * axe-core on every page of the officials' area, in every language, with JavaScript on and off: the
 * queue (with a banner, with a refused filter), a request (as it opens, with the preview, with errors,
 * after an update), the "not yours" page, and the sign-in and no-access answers.
 */
let browser: Browser;
let city: CpsCity;
let mine: Filed;
let handed: Filed;
beforeAll(async () => {
  browser = await launch();
  city = await cpsCity();
  mine = await fileRequest(city);
  await makeOverdue(
    (await fileRequest(city, { service: 'streetlight', district: 'Norte' })).id,
    city.officials.roads.email,
  );
  // One request already with a colleague: the "not yours" page, and the banner after a hand-over.
  handed = await fileRequest(city);
  const roads = await tokenFor('official', city.officials.roads.email);
  const res = await call(`/requests/${handed.id}/assign`, {
    method: 'POST',
    token: roads,
    json: { officialId: city.officials.general.id, reason: 'Their street' },
  });
  expect(res.status).toBe(200);
  await call(`/requests/${mine.id}/updates`, {
    method: 'POST',
    token: roads,
    json: { status: 'in_progress', note: 'Internal: truck booked', public: false },
  });
});
afterAll(() => browser?.close());

async function visit(page: Page, path: string, status: number) {
  const res = await page.goto(`${siteUrl()}${path}`);
  expect(res?.status(), path).toBe(status);
}

async function officialContext(javaScript: boolean): Promise<BrowserContext> {
  const context = await newContext(browser, { javaScript });
  await withSession(context, 'official', city.officials.roads.email);
  return context;
}

describe.each(LANGUAGES)('the officials’ pages in %s', (lang) => {
  it.each([true, false])('have no accessibility violations (JavaScript %s)', async (javaScript) => {
    const mode = `${lang}, JavaScript ${javaScript ? 'on' : 'off'}`;
    const context = await officialContext(javaScript);
    const page = await context.newPage();

    await visit(page, `/${lang}/official?handedOver=${handed.id}`, 200);
    expect(await page.locator('.notification').count()).toBe(1);
    expect(await page.locator('table.table tbody tr').count()).toBeGreaterThan(0);
    await checkA11y(page, `queue (${mode})`);
    await visit(page, `/${lang}/official?status=bogus`, 400);
    await checkA11y(page, `queue with a refused filter (${mode})`);

    const request = `/${lang}/official/requests/${mine.id}`;
    await visit(page, `${request}?sent=internal`, 200);
    await checkA11y(page, `request after an update (${mode})`);
    await choose(page, 'status', 'resolved');
    await choose(page, 'audience', 'public');
    await page.fill('#note', 'Repaired this morning.');
    if (!javaScript) await page.click('button[value=preview]');
    expect(await page.isVisible('[data-preview-public]')).toBe(true);
    await checkA11y(page, `request with the preview (${mode})`);
    await page.fill('#note', '');
    await page.click('button[value=send]');
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').count()).toBe(1);
    await checkA11y(page, `request with errors (${mode})`);

    await visit(page, `/${lang}/official/requests/${handed.id}`, 403);
    await checkA11y(page, `not yours (${mode})`);
    await context.close();

    const visitor = await newContext(browser, { javaScript });
    const anonymous = await visitor.newPage();
    await visit(anonymous, `/${lang}/official`, 401);
    await checkA11y(anonymous, `sign-in prompt (${mode})`);
    await visitor.close();

    const committee = await newContext(browser, { javaScript });
    await withSession(committee, 'committee', 'member@committee.example');
    const other = await committee.newPage();
    await visit(other, `/${lang}/official`, 403);
    await checkA11y(other, `no access (${mode})`);
    await committee.close();
  });
});
