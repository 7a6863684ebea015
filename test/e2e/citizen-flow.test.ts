import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../functions/shared/i18n.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { launch, newContext, siteUrl } from './browser.ts';
import { chooseCity, offlineTiles, queueOf, type ReportingCity, reportingCity } from './citizen-support.ts';
import { call } from './support.ts';

/**
 * The report flow's harder paths: by keyboard alone (the map's pin included), errors shown and
 * focused, a report sent twice filed once, answers kept through "Back", "Change" and a change of
 * language, and the weight of its JavaScript.
 */
let browser: Browser;
let city: ReportingCity;
beforeAll(async () => {
  [browser, city] = await Promise.all([launch(), reportingCity()]);
});
afterAll(() => browser?.close());

const t = translator('en', citizen);
const continueButton = 'form[data-report] button[type=submit].button:not(.button--secondary)';
const next = async (page: Page) => {
  await Promise.all([page.waitForNavigation(), page.click(continueButton)]);
};

/** What has focus: a CSS selector it matches, tested in the page (no interaction). */
const focused = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      (
        globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }
      ).document.activeElement?.matches(s) ?? false,
    selector,
  );

/** Tab (or Shift+Tab) until the focus is on `selector`. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(key);
    if (await focused(page, selector)) return;
  }
  throw new Error(`${key} never reached ${selector}`);
}

/** Into a group of radios, then arrow keys to the one wanted, and Space to choose it. */
async function chooseRadio(page: Page, name: string, value: string) {
  await tabTo(page, `input[name=${name}]`);
  for (let i = 0; i < 50 && !(await focused(page, `input[name=${name}][value="${value}"]`)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Space');
}

/** The city by keyboard: its radio, or, past 20 member cities, the list (arrow keys on a closed select). */
async function chooseCityByKeyboard(page: Page, id: string) {
  if ((await page.locator('select#city').count()) === 0) return chooseRadio(page, 'city', id);
  await tabTo(page, '#city');
  for (let i = 0; i < 1000 && (await page.inputValue('#city')) !== id; i++)
    await page.keyboard.press('ArrowDown');
  expect(await page.inputValue('#city')).toBe(id);
}

async function pressAndWait(page: Page, key: string) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

/** Through the report to the check page, the fast way (not what is under test). */
async function toCheckPage(page: Page, description: string) {
  await page.goto(`${siteUrl()}/en/report`);
  await chooseCity(page, city.id);
  await next(page);
  await page.check('input[name=service][value=streetlight]', { force: true });
  await next(page);
  await page.fill('#district', 'Mapo');
  await next(page);
  await page.fill('#description', description);
  await next(page);
  await next(page);
  await next(page);
}

describe('the report, by keyboard alone', () => {
  it('goes from the first question to the page of the request with Tab, Shift+Tab, Enter, Space and the arrow keys, the pin included', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await offlineTiles(page);
    await page.goto(`${siteUrl()}/en/report`);

    await chooseCityByKeyboard(page, city.id);
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    await chooseRadio(page, 'service', 'pothole');
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    await tabTo(page, '#district');
    await page.keyboard.type('Jongno');
    await tabTo(page, '#address');
    await page.keyboard.type('Gwanghwamun Square');
    // The map: moved with the arrow keys and zoomed with +, then the pin put at its centre.
    await tabTo(page, '[data-map-canvas]');
    const before = await page.inputValue('[data-map-lat]');
    expect(before).toBe('');
    // One key at a time, as a person presses them: Leaflet ignores keys while the map still glides.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'Equal', 'ArrowLeft']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(400);
    }
    await tabTo(page, '[data-map-drop]');
    await page.keyboard.press('Space');
    const lat = Number(await page.inputValue('[data-map-lat]'));
    const lng = Number(await page.inputValue('[data-map-lng]'));
    // Moved away from where the map opened (20, 0): up and to the right.
    expect(lat).toBeGreaterThan(20);
    expect(lng).toBeGreaterThan(0);
    expect(await page.textContent('[data-map-status]')).toMatch(
      /^The pin is at latitude \d+\.\d{5}, longitude \d+\.\d{5}\.$/,
    );
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    await tabTo(page, '#description');
    await page.keyboard.type('A deep pothole by the fountain.');
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    // No photo: the photos step is passed by its Continue.
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    await tabTo(page, '#email');
    await page.keyboard.type('keyboard@citizen.example');
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    // Check answers: to "Send", back to the last "Change" with Shift+Tab, forward again.
    await tabTo(page, continueButton);
    await tabTo(page, 'button[formaction$="/report/contact"][value=check]', 'Shift+Tab');
    await tabTo(page, continueButton);
    await pressAndWait(page, 'Enter');

    expect(page.url()).toMatch(/\/en\/report\/sent\/[0-9A-Z]{12}$/);
    await tabTo(page, 'main a[href*="/requests/"]');
    await pressAndWait(page, 'Enter');
    expect(await page.textContent('main')).toContain('A deep pothole by the fountain.');
    expect(await page.textContent('main')).toContain(t('timeline.assigned', { title: city.roads.title }));
    await context.close();
  });
});

describe('errors', () => {
  it('are shown in the error summary, which takes the focus, when the description is missing (JavaScript on: before sending)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST') posted++;
    });
    await toCheckPage(page, 'placeholder');
    await page.click('button[formaction$="/report/description"][value=check]');
    await page.waitForSelector('#description');
    await page.fill('#description', '   ');
    posted = 0;
    await page.click(continueButton);
    await page.waitForSelector('[data-error-summary]');
    expect(posted).toBe(0);
    expect(await focused(page, '[data-error-summary]')).toBe(true);
    expect(await page.textContent('[data-error-summary]')).toContain(t('error.description.required'));
    expect(await page.textContent('#description-error')).toContain(t('error.description.required'));
    expect(await page.title()).toMatch(/^Error: /);
    // Its link leads to the field.
    await page.click('[data-error-summary] a[href="#description"]');
    expect(await focused(page, '#description')).toBe(true);
    await context.close();
  });

  it('are shown by the server without JavaScript, and focused by the script when the server finds them', async () => {
    for (const javaScript of [false, true]) {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await toCheckPage(page, 'placeholder');
      await Promise.all([
        page.waitForNavigation(),
        page.click('button[formaction$="/report/description"][value=check]'),
      ]);
      // Too long: only the server counts (with JavaScript, the count shows it in red).
      await page.fill('#description', javaScript ? 'x'.repeat(4001) : '');
      await next(page);
      const error = javaScript
        ? t('error.description.tooLong', { max: 4000 })
        : t('error.description.required');
      expect(await page.textContent('[data-error-summary]')).toContain(error);
      expect(await page.textContent('#description-error')).toContain(error);
      expect(await page.getAttribute('#description', 'aria-invalid')).toBe('true');
      expect(await page.title()).toMatch(/^Error: /);
      if (javaScript) expect(await focused(page, '[data-error-summary]')).toBe(true);
      // Fixed, the citizen goes back to the check page, the other answers kept.
      await page.fill('#description', 'Now described.');
      await next(page);
      expect(await page.textContent('h1')).toBe(t('check.title'));
      expect(await page.textContent('.summary-list')).toContain('Mapo');
      await context.close();
    }
  });

  it('maps a refused email address back onto the contact step', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await toCheckPage(page, 'placeholder');
    await Promise.all([
      page.waitForNavigation(),
      page.click('button[formaction$="/report/contact"][value=check]'),
    ]);
    await page.fill('#email', 'not-an-email');
    await next(page);
    expect(await page.textContent('h1')).toBe(t('contact.title'));
    expect(await page.textContent('[data-error-summary]')).toContain(t('error.email.invalid'));
    await context.close();
  });
});

describe('sending', () => {
  it('files a report sent twice (a double click without JavaScript) once', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    const description = `Double click ${randomUUID()}`;
    await toCheckPage(page, description);
    await page.dblclick(continueButton);
    await page.waitForURL(/\/report\/sent\//);
    const id = (await page.textContent('.panel__reference'))?.trim();
    const filed = (await queueOf(city.general.email)).filter((r) => r.description === description);
    expect(filed.map((r) => r.id)).toEqual([id]);
    await context.close();
  });

  it('answers the same report posted twice at once with the same request', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    const description = `Sent twice ${randomUUID()}`;
    await toCheckPage(page, description);
    const form = await page.$$eval('form[data-report] input[type=hidden]', (inputs) =>
      inputs.map((i) => [(i as unknown as { name: string }).name, (i as unknown as { value: string }).value]),
    );
    const send = () =>
      fetch(`${siteUrl()}/en/report/send`, {
        method: 'POST',
        headers: { origin: new URL(siteUrl()).origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form as [string, string][]).toString(),
        redirect: 'manual',
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get('location')).toMatch(/^\/en\/report\/sent\/[0-9A-Z]{12}$/);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const filed = (await queueOf(city.general.email)).filter((r) => r.description === description);
    expect(filed).toHaveLength(1);
    await context.close();
  });
});

describe('answers', () => {
  it('are kept going back, changing one from the check page, and switching language (JavaScript on)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await toCheckPage(page, 'Kept through everything');
    await Promise.all([
      page.waitForNavigation(),
      page.click('button[formaction$="/report/where"][value=check]'),
    ]);
    expect(await page.inputValue('#district')).toBe('Mapo');
    await page.fill('#district', 'Mapo-gu');
    // Another language: the same step, answers kept.
    await Promise.all([page.waitForNavigation(), page.click('.language-switcher a[hreflang=ko]')]);
    expect(page.url()).toMatch(/\/ko\/report\/where$/);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    expect(await page.inputValue('#district')).toBe('Mapo-gu');
    await next(page);
    // Changed from the check page, continuing goes back to it.
    expect(await page.textContent('h1')).toBe(translator('ko', citizen)('check.title'));
    expect(await page.textContent('.summary-list')).toContain('Mapo-gu');
    expect(await page.textContent('.summary-list')).toContain('Kept through everything');
    await Promise.all([page.waitForNavigation(), page.click('.back-link')]);
    expect(await page.textContent('h1')).toBe(translator('ko', citizen)('contact.title'));
    await context.close();
  });

  it('are not kept in a step’s address: opening one starts the report again', async () => {
    const res = await fetch(`${siteUrl()}/en/report/contact`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/en/report');
  });
});

describe('weight', () => {
  it('is at most 15 KB of JavaScript (gzipped) on every page but the map step, which alone loads Leaflet', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await offlineTiles(page);
    const scripts: Record<string, string[]> = {};
    const record = async (step: string) => {
      scripts[step] = await page.$$eval('script[src]', (s) =>
        s.map((e) => (e as unknown as { src: string }).src),
      );
    };
    await page.goto(`${siteUrl()}/en/report`);
    await record('city');
    await chooseCity(page, city.id);
    await next(page);
    await record('matter');
    await page.check('input[name=service][value=pothole]', { force: true });
    await next(page);
    await record('where');
    await page.fill('#district', 'Jongno');
    await next(page);
    await record('description');
    await page.fill('#description', 'Weighed.');
    await next(page);
    await record('photos');
    await next(page);
    await record('contact');
    await next(page);
    await record('check');
    const sizes: Record<string, number> = {};
    for (const [step, urls] of Object.entries(scripts)) {
      let total = 0;
      for (const url of urls)
        total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
      sizes[step] = total;
    }
    console.log('JavaScript per page, gzipped bytes:', JSON.stringify(sizes));
    for (const step of ['city', 'matter', 'description', 'photos', 'contact', 'check']) {
      expect(sizes[step], step).toBeLessThanOrEqual(15 * 1024);
      expect(
        scripts[step]?.some((s) => s.endsWith('/map.js')),
        step,
      ).toBe(false);
    }
    expect(scripts.where?.some((s) => s.endsWith('/map.js'))).toBe(true);
    await context.close();
  });
});

describe('the page of a request', () => {
  it('shows the official’s public notes and not the internal ones, in plain words', async () => {
    const res = await call(`/cities/${city.id}/requests`, {
      method: 'POST',
      json: {
        service: 'pothole',
        district: 'Jongno',
        description: 'Followed by the city.',
        contact: { email: 'private@citizen.example' },
      },
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const { tokenFor } = await import('./support.ts');
    const roads = await tokenFor('official', city.roads.email);
    const update = (json: object) => call(`/requests/${id}/updates`, { method: 'POST', token: roads, json });
    expect(
      (await update({ status: 'in_progress', note: 'A crew is on its way.', public: true })).status,
    ).toBe(201);
    expect(
      (await update({ status: 'in_progress', note: 'Internal: needs the big truck', public: false })).status,
    ).toBe(201);
    expect((await update({ status: 'resolved', note: 'Filled and sealed.', public: true })).status).toBe(201);

    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/en/requests/${id}`);
    const items = await page.$$eval('.timeline__item', (li) =>
      li.map((e) => (e as unknown as { textContent: string }).textContent.replace(/\s+/g, ' ').trim()),
    );
    expect(items).toHaveLength(4);
    expect(items[0]).toContain(t('timeline.received'));
    expect(items[1]).toContain(t('timeline.assigned', { title: city.roads.title }));
    expect(items[2]).toContain(t('timeline.in_progress'));
    expect(items[2]).toContain('A crew is on its way.');
    expect(items[3]).toContain(t('timeline.resolved'));
    expect(items[3]).toContain('Filled and sealed.');
    const main = (await page.textContent('main')) ?? '';
    expect(main).not.toContain('Internal');
    expect(main).not.toContain('private@citizen.example');
    expect(main).toContain(t('status.resolved'));
    await context.close();
  });

  it('is a 404 page for an unknown reference', async () => {
    const res = await fetch(`${siteUrl()}/ko/requests/ZZZZZZZZZZZZ`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(translator('ko', citizen)('follow.unknown.title'));
  });
});
