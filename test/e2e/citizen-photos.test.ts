import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, translator } from '../../functions/shared/i18n.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import {
  chooseCity,
  offlineTiles,
  type ReportingCity,
  reportingCity,
  reportThroughSite,
} from './citizen-support.ts';
import { fixture } from './photo-support.ts';
import { call, tokenFor } from './support.ts';

/**
 * Photos in the citizen's report, in real Chromium: the photos step sends the chosen file with the
 * form to the site, which uploads it to S3 (a presigned POST of the API) and carries its upload id with
 * the other answers; filing the report attaches it. With JavaScript on and off, left to right and
 * right to left.
 */
let browser: Browser;
let city: ReportingCity;
beforeAll(async () => {
  browser = await launch();
  city = await reportingCity();
});
afterAll(() => browser?.close());

const jpeg = () => ({ name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: fixture('photo.jpg') });
const png = () => ({ name: 'pothole.png', mimeType: 'image/png', buffer: fixture('photo.png') });

async function requestOf(id: string) {
  const res = await call(`/requests/${id}`, { token: await tokenFor('official', city.roads.email) });
  expect(res.status).toBe(200);
  return res.body as { mediaUrls?: string[] };
}

describe('photos in the report', () => {
  it.each([
    ['en', false],
    ['ar', true],
  ] as [Language, boolean][])(
    'in %s with JavaScript %s: two photos added on their step, filed with the request and shown on its page',
    async (lang, javaScript) => {
      const context = await newContext(browser, { javaScript, locale: lang });
      const page = await context.newPage();
      await offlineTiles(page);
      const id = await reportThroughSite(page, lang, javaScript, {
        cityName: city.name,
        officialTitle: city.roads.title,
        district: 'Jongno',
        description: `Photographed pothole (${lang}).`,
        photos: [jpeg(), png()],
      });
      const request = await requestOf(id);
      expect(request.mediaUrls).toHaveLength(2);
      for (const url of request.mediaUrls ?? [])
        expect(new URL(url).pathname).toMatch(/^\/media\/request-photo\//);
      await page.goto(`${siteUrl()}/${lang}/requests/${id}`);
      expect(await page.locator('main img').count()).toBe(2);
      await context.close();
    },
  );

  it('removes a photo before sending, refuses a file that is not an image on its step, and passes axe', async () => {
    const t = translator('en', citizen);
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/en/report`);
    await chooseCity(page, city.id);
    const next = () =>
      Promise.all([
        page.waitForNavigation(),
        page.click('form[data-report] button[type=submit].button:not(.button--secondary)'),
      ]);
    await next();
    await page.check('input[name=service][value=pothole]', { force: true });
    await next();
    await page.fill('#district', 'Jongno');
    await next();
    await page.fill('#description', 'A text file in place of a photo.');
    await next();
    expect(await page.textContent('h1')).toBe(t('photos.title'));
    await checkA11y(page, 'the photos step');

    const add = () => Promise.all([page.waitForNavigation(), page.click('.report button.button--secondary')]);
    await page.setInputFiles('#photo', jpeg());
    await add();
    await page.setInputFiles('#photo', {
      name: 'not-a-photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('just some text'),
    });
    await add();
    expect(await page.textContent('main')).toContain(t('photos.added', { count: 2 }));
    // The first one removed: one left, the text file.
    await Promise.all([page.waitForNavigation(), page.click('button[name=remove] >> nth=0')]);
    expect(await page.textContent('main')).toContain(t('photos.added', { count: 1 }));
    await checkA11y(page, 'the photos step with a photo');
    await next();
    await next();
    expect(await page.textContent('h1')).toBe(t('check.title'));
    // Sending: the API refuses the file that is not an image, and the photos step says so.
    await next();
    expect(await page.textContent('h1')).toBe(t('photos.title'));
    expect(await page.textContent('[data-error-summary]')).toContain(
      t('error.photo.invalid', { photos: 5, mb: 4 }),
    );
    await checkA11y(page, 'the photos step with an error');
    await Promise.all([page.waitForNavigation(), page.click('button[name=remove] >> nth=0')]);
    expect(await page.textContent('main')).toContain(t('photos.added', { count: 0 }));
    await context.close();
  });
});
