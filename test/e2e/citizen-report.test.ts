import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../functions/shared/i18n.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { launch, newContext, siteUrl } from './browser.ts';
import {
  offlineTiles,
  queueOf,
  type ReportingCity,
  reportingCity,
  reportThroughSite,
} from './citizen-support.ts';
import { call, waitForEmail } from './support.ts';

/**
 * A citizen reports a need through the site, with JavaScript and without, in English, Korean and
 * Arabic, and follows it: the official in charge is emailed, the page of the request tells the story.
 */
let browser: Browser;
let city: ReportingCity;
beforeAll(async () => {
  [browser, city] = await Promise.all([launch(), reportingCity()]);
});
afterAll(() => browser?.close());

describe('a citizen reports a need and follows it', () => {
  it.each([
    ['en', true],
    ['en', false],
    ['ko', true],
    ['ko', false],
    ['ar', true],
    ['ar', false],
  ] as const)('in %s with JavaScript %s', async (lang, javaScript) => {
    const t = translator(lang, citizen);
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    const tiles = await offlineTiles(page);
    const description = `${lang} ${javaScript ? 'js' : 'no-js'} ${randomUUID()}: the pavement is broken.`;
    const id = await reportThroughSite(page, lang, javaScript, {
      cityName: city.name,
      officialTitle: city.roads.title,
      district: 'Jongno',
      address: '1 Sejong-daero',
      description,
      email: `citizen-${randomUUID().slice(0, 8)}@citizen.example`,
    });

    // The official in charge is emailed, naming the request.
    const email = await waitForEmail(
      (e) => e.destination.to.includes(city.roads.email) && e.subject.includes(id),
    );
    expect(email.body.text).toContain(description);

    // The tracking link: the page of the request, in the same language.
    await page.click(`a[href="/${lang}/requests/${id}"]`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain(description);
    expect(main).toContain(t('timeline.received'));
    expect(main).toContain(t('timeline.assigned', { title: city.roads.title }));
    expect(main).not.toContain('citizen.example');

    const filed = await call(`/requests/${id}`);
    expect(filed.body.status).toBe('assigned');
    if (javaScript) {
      expect(filed.body.location).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
      // The map asked for tiles (and got none: the network is closed), sending the site as Referer.
      expect(tiles.length).toBeGreaterThan(0);
      expect(tiles.every((r) => r.referer === `${new URL(siteUrl()).origin}/`)).toBe(true);
    } else {
      expect(filed.body.location).toBeUndefined();
    }
    await context.close();
  });
});

describe('the official in charge', () => {
  it('finds each report in their queue once', async () => {
    const queue = await queueOf(city.roads.email);
    const ids = queue.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
