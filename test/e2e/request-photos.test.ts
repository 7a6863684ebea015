import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { cpsCity, withSession } from './official-support.ts';
import { fixture, served, uploadPhoto } from './photo-support.ts';
import { call, waitForEmail } from './support.ts';

/**
 * A civic request with its photos (`media`: upload ids of POST /cities/{cityId}/request-photos), through
 * the API on the local stack: claimed in the request's own transaction, served from /media/ without
 * their location, listed by GET /requests/{id} and by Open311; every refusal names the photo and writes
 * nothing.
 */
const form = (media: unknown, more: Record<string, unknown> = {}) => ({
  service: 'pothole',
  district: 'Centro',
  description: 'A deep pothole, photographed.',
  media,
  ...more,
});

const file = (cityId: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/cities/${cityId}/requests`, { method: 'POST', json: body, headers });

/** The city's requests through Open311 (service_code=pothole): to see that a refusal wrote none. */
const requestCount = async (cityId: string) =>
  (await call(`/open311/v2/${cityId}/requests.json?service_code=pothole`)).body.length as number;

describe('POST /cities/{cityId}/requests with media', () => {
  it('attaches the photos, serves them from /media/ without their location, and lists them in order', async () => {
    // Prepare
    const city = await cpsCity();
    const jpeg = await uploadPhoto(city.id, fixture('photo.jpg'), 'image/jpeg');
    const png = await uploadPhoto(city.id, fixture('photo.png'));

    // Act
    const res = await file(city.id, form([jpeg, png]));
    const request = await call(`/requests/${res.body.id}`);
    const open311 = await call(`/open311/v2/${city.id}/requests/${res.body.id}.json`);

    // Assess
    expect(res.status).toBe(201);
    const urls = request.body.mediaUrls as string[];
    expect(urls).toHaveLength(2);
    expect(new URL(urls[0] as string).pathname).toBe(`/media/request-photo/${jpeg}.jpg`);
    expect(new URL(urls[1] as string).pathname).toBe(`/media/request-photo/${png}.png`);
    expect(await served(urls[0] as string)).toEqual({
      status: 200,
      type: 'image/jpeg',
      gps: false,
      camera: false,
    });
    expect(await served(urls[1] as string)).toMatchObject({ status: 200, type: 'image/png', gps: false });
    expect(open311.body[0].media_url).toBe(urls[0]);
    const email = await waitForEmail(
      (e) => e.destination.to.includes(city.officials.roads.email) && e.subject.includes(res.body.id),
    );
    expect(email.body.text).toContain(`Photo 1 of 2: ${urls[0]}`);
    expect(email.body.text).toContain(`Photo 2 of 2: ${urls[1]}`);
  });

  it('replays the first answer for a retried Idempotency-Key; without it, the photo is already attached', async () => {
    // Prepare
    const city = await cpsCity();
    const photo = await uploadPhoto(city.id, fixture('photo.webp'), 'image/webp');
    const key = randomUUID();

    // Act
    const first = await file(city.id, form([photo]), { 'idempotency-key': key });
    const again = await file(city.id, form([photo]), { 'idempotency-key': key });
    const other = await file(city.id, form([photo]));

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(other.status).toBe(409);
    expect(other.body.errors).toEqual([expect.objectContaining({ path: 'body.media.0' })]);
  });

  it('refuses another city’s photo, an unknown one, a file that is not an image, and a missing file, naming each, writing nothing', async () => {
    // Prepare
    const [city, elsewhere] = await Promise.all([cpsCity(), cpsCity()]);
    const good = await uploadPhoto(city.id, fixture('photo.jpg'), 'image/jpeg');
    const foreign = await uploadPhoto(elsewhere.id, fixture('photo.jpg'), 'image/jpeg');
    const notImage = await uploadPhoto(city.id, Buffer.from('%PDF-1.7\n%%EOF\n'));
    const never = (await call(`/cities/${city.id}/request-photos`, { method: 'POST', json: {} })).body
      .uploadId;
    const before = await requestCount(city.id);

    // Act
    const refused = await file(city.id, form([good, foreign, notImage, randomUUID()]));
    const missing = await file(city.id, form([good, never]));
    const after = await requestCount(city.id);
    const thenGood = await file(city.id, form([good]));

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'body.media.1', message: expect.stringContaining('not a photo uploaded for this city') },
      { path: 'body.media.2', message: expect.stringContaining('must be one of') },
      { path: 'body.media.3', message: expect.stringContaining('not a photo uploaded for this city') },
    ]);
    expect(missing.status).toBe(409);
    expect(missing.body.errors).toEqual([
      { path: 'body.media.1', message: expect.stringContaining('has not arrived') },
    ]);
    expect(after).toBe(before);
    // The good photo was left unclaimed by the refusals.
    expect(thenGood.status).toBe(201);
  });

  it.each([
    [Array.from({ length: 6 }, () => randomUUID()), 'body.media'],
    [['not-an-id'], 'body.media.0'],
    [[1], 'body.media.0'],
  ])('refuses media %j naming %s', async (media, path) => {
    const city = await cpsCity();
    const res = await file(city.id, form(media));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('refuses the same photo twice in one request', async () => {
    const city = await cpsCity();
    const photo = await uploadPhoto(city.id, fixture('photo.jpg'), 'image/jpeg');
    const res = await file(city.id, form([photo, photo]));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.media.1' })]);
  });
});

describe('the photos on the pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());

  it('shows them on the follow page and the official’s page, loaded through the CSP, with alt text, accessible with and without JavaScript', async () => {
    // Prepare
    const city = await cpsCity();
    const photo = await uploadPhoto(city.id, fixture('photo.jpg'), 'image/jpeg');
    const res = await file(city.id, form([photo]));
    expect(res.status).toBe(201);
    const pages = [
      { path: `/en/requests/${res.body.id}`, alt: 'Photo 1 of 1' },
      { path: `/ar/requests/${res.body.id}`, alt: 'الصورة 1 من 1' },
      { path: `/ko/official/requests/${res.body.id}`, alt: '사진 1/1', official: true },
    ];

    for (const javaScript of [true, false]) {
      for (const { path, alt, official } of pages) {
        // Act
        const context = await newContext(browser, { javaScript });
        if (official) await withSession(context, 'official', city.officials.roads.email);
        const page = await context.newPage();
        const loaded: number[] = [];
        page.on('response', (r) => {
          if (new URL(r.url()).pathname.startsWith('/media/request-photo/')) loaded.push(r.status());
        });
        await page.goto(`${siteUrl()}${path}`);
        const image = page.locator('img.photos__image');
        await image.scrollIntoViewIfNeeded();

        // Assess: the image was fetched from the site (the CSP let it), and is named.
        expect(await image.getAttribute('alt')).toBe(alt);
        await expect.poll(() => loaded).toEqual([200]);
        await checkA11y(page, `${path}, JavaScript ${javaScript ? 'on' : 'off'}`);
        await context.close();
      }
    }
  });
});
