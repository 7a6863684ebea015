import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../functions/shared/i18n.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { chooseCity, offlineTiles, type ReportingCity, reportingCity } from './citizen-support.ts';

/**
 * Every page of the report and the page of a request pass axe-core (WCAG 2.1 AA and best practices)
 * in every language, with JavaScript on and off, errors included.
 */
let browser: Browser;
let city: ReportingCity;
beforeAll(async () => {
  [browser, city] = await Promise.all([launch(), reportingCity()]);
});
afterAll(() => browser?.close());

const next = async (page: Page) => {
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[data-report] button[type=submit].button:not(.button--secondary)'),
  ]);
};

async function everyPage(lang: Language, javaScript: boolean) {
  const context = await newContext(browser, { javaScript, width: javaScript ? 1280 : 375 });
  const page = await context.newPage();
  await offlineTiles(page);
  const check = (step: string) =>
    checkA11y(page, `${step} in ${lang}, JavaScript ${javaScript ? 'on' : 'off'}`);

  await page.goto(`${siteUrl()}/${lang}/report`);
  await check('city');
  await chooseCity(page, city.id);
  await next(page);
  await check('matter');
  await page.check('input[name=service][value=pothole]', { force: true });
  await next(page);
  await page.fill('#district', 'Jongno');
  if (javaScript) await page.click('[data-map-drop]');
  await check('where');
  await next(page);
  // The description left empty: the page with its errors (the script's, or the server's without it).
  await page.click('form[data-report] button[type=submit].button:not(.button--secondary)');
  await page.waitForSelector('[data-error-summary]');
  await check('description with an error');
  await page.fill('#description', `A broken bench (${lang}).`);
  await next(page);
  await check('photos');
  await next(page);
  await check('contact');
  await next(page);
  await check('check answers');
  await next(page);
  await page.waitForURL(/\/report\/sent\//);
  await check('confirmation');
  const id = (await page.textContent('.panel__reference'))?.trim();
  await page.goto(`${siteUrl()}/${lang}/requests/${id}`);
  await check('request');
  const missing = await page.goto(`${siteUrl()}/${lang}/requests/NOSUCHREPORT`);
  expect(missing?.status()).toBe(404);
  await check('unknown request');
  await context.close();
}

describe('the citizens’ pages are accessible', () => {
  it.each(LANGUAGES)(
    'in %s with JavaScript on and off',
    async (lang) => {
      await everyPage(lang, true);
      await everyPage(lang, false);
    },
    120_000,
  );
});
