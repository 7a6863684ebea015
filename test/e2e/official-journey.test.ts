import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, translator } from '../../functions/shared/i18n.ts';
import { official } from '../../functions/web/official/messages.ts';
import { common } from '../../functions/web/shell/messages.ts';
import { launch, newContext, siteUrl } from './browser.ts';
import {
  choose,
  cpsCity,
  fileRequest,
  makeOverdue,
  queueReferences,
  signIn,
  withSession,
} from './official-support.ts';
import { call, tokenFor, waitForEmail } from './support.ts';

/**
 * The officials' pages in real Chromium, with JavaScript and without: an official signs in through the
 * managed login, finds a request in their queue, previews and sends a public update (the citizen's
 * view shows it), adds an internal note (it does not), and hands the request over to a colleague.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const textOf = async (page: Page, selector: string) =>
  (await page.locator(selector).allTextContents()).join(' ');

describe("an official's queue", () => {
  it.each([true, false])(
    'lists the overdue request first and filters by status, matter and district in the URL (JavaScript %s)',
    async (javaScript) => {
      const city = await cpsCity();
      const later = await fileRequest(city, { service: 'pothole', district: 'Centro' });
      const lights = await fileRequest(city, { service: 'streetlight', district: 'Norte' });
      const overdue = await fileRequest(city, { service: 'pothole', district: 'Norte' });
      await makeOverdue(overdue.id, city.officials.roads.email);
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await signIn(page, city.officials.roads.email, ['official'], '/en/official');

      // Overdue first, then by due time: street lights are due in 24 hours, potholes in 48.
      expect(await queueReferences(page)).toEqual([overdue.id, lights.id, later.id]);
      expect(await page.locator('table.table tbody tr').first().textContent()).toContain('Overdue');

      await page.selectOption('#service', 'pothole');
      await page.fill('#district', 'NORTE');
      await Promise.all([
        page.waitForURL(/service=pothole/),
        page.click('.queue-filters button[type=submit]'),
      ]);
      const url = new URL(page.url());
      expect(Object.fromEntries(url.searchParams)).toEqual({
        status: 'open',
        service: 'pothole',
        district: 'NORTE',
      });
      expect(await queueReferences(page)).toEqual([overdue.id]);
      expect(await page.inputValue('#service')).toBe('pothole');
      expect(await page.inputValue('#district')).toBe('NORTE');

      // The same list from a link: the filters live in the URL.
      await page.goto(`${siteUrl()}/en/official?status=all&district=c%C3%A9ntro`);
      expect(await queueReferences(page)).toEqual([later.id]);
      await page.goto(`${siteUrl()}/en/official?status=resolved`);
      expect(await queueReferences(page)).toEqual([]);
      expect(await page.textContent('main')).toContain('No request matches these filters.');

      // A filter the API refuses is shown next to its field, in the page's language.
      const res = await page.goto(`${siteUrl()}/ko/official?service=NOT%20A%20CODE`);
      expect(res?.status()).toBe(400);
      expect(await page.textContent('.error-summary')).toContain(
        translator('ko', official)('queue.error.service'),
      );
      await context.close();
    },
  );

  it('pages through a long queue with the API’s cursors', async () => {
    const city = await cpsCity();
    const filed = [];
    for (let i = 0; i < 27; i++) filed.push((await fileRequest(city, { district: `D${i}` })).id);
    const context = await newContext(browser, { javaScript: false });
    await withSession(context, 'official', city.officials.roads.email);
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/en/official`);
    const first = await queueReferences(page);
    expect(first).toHaveLength(25);
    await page.click('.pagination a[rel=next]');
    const second = await queueReferences(page);
    expect(second).toHaveLength(2);
    expect(new Set([...first, ...second])).toEqual(new Set(filed));
    expect(await page.locator('.pagination a[rel=next]').count()).toBe(0);
    await page.click('.pagination a[rel=prev]');
    expect(await queueReferences(page)).toEqual(first);
    await context.close();
  });
});

const JOURNEYS: [Language, boolean][] = [
  ['en', true],
  ['en', false],
  ['ko', true],
  ['ko', false],
  ['ar', true],
  ['ar', false],
];

describe('a request, worked by its official', () => {
  it.each(JOURNEYS)(
    'in %s (JavaScript %s): previewed public update, internal note, hand-over to a colleague',
    async (lang, javaScript) => {
      const t = translator(lang, official);
      const city = await cpsCity();
      const { roads, general } = city.officials;
      const filed = await fileRequest(city);
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await signIn(page, roads.email, ['official'], `/${lang}/official`);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');

      // From the queue to the request: everything the citizen gave.
      await Promise.all([
        page.waitForURL(`${siteUrl()}/${lang}/official/requests/${filed.id}`),
        page.click(`a[href="/${lang}/official/requests/${filed.id}"]`),
      ]);
      const main = await page.textContent('main');
      for (const fact of [
        filed.citizenEmail,
        'Joana Silva',
        '+55 11 5555 0000',
        'Rua Direita 12',
        'Cars swerve',
      ]) {
        expect(main).toContain(fact);
      }
      expect(await page.getAttribute('a[href^="https://www.openstreetmap.org/"]', 'href')).toContain(
        '-23.5505',
      );

      // A public update, previewed first.
      const note = `A crew comes on Monday (${lang}).`;
      await choose(page, 'status', 'in_progress');
      await choose(page, 'audience', 'public');
      await page.fill('#note', note);
      if (javaScript) {
        // The preview follows what is typed, without a round trip.
        expect(await page.isVisible('[data-preview-public]')).toBe(true);
        expect(await textOf(page, '[data-preview-public] [data-preview-note]')).toBe(note);
      } else {
        expect(await page.isVisible('[data-preview]')).toBe(false);
        await page.click('button[value=preview]');
        await page.waitForLoadState();
        expect(await page.isChecked('input[name=status][value=in_progress]')).toBe(true);
        expect(await page.isChecked('input[name=audience][value=public]')).toBe(true);
        expect(await page.inputValue('#note')).toBe(note);
      }
      expect(await page.isVisible('[data-preview-public]')).toBe(true);
      expect(await page.isVisible('[data-preview-internal]')).toBe(false);
      expect(await textOf(page, '[data-preview-public]')).toContain(note);
      expect(await textOf(page, '[data-preview-public] [data-preview-status]')).toBe(t('status.in_progress'));
      expect(await textOf(page, '[data-preview-public]')).toContain(t('preview.email'));

      await Promise.all([page.waitForURL(/sent=public/), page.click('button[value=send]')]);
      expect(await page.textContent('.notification')).toContain(t('update.sent.public.title'));
      expect(await textOf(page, '.note--public')).toContain(note);
      const seen = await call(`/requests/${filed.id}`);
      expect(seen.body.status).toBe('in_progress');
      expect(seen.body.updates.map((u: { note: string }) => u.note)).toContain(note);

      // An internal note: the citizen's view does not have it; the history shows it as internal.
      const internal = `Needs the asphalt truck (${lang}).`;
      await choose(page, 'status', 'in_progress');
      await choose(page, 'audience', 'internal');
      await page.fill('#note', internal);
      if (javaScript) {
        expect(await page.isVisible('[data-preview-internal]')).toBe(true);
        expect(await page.isVisible('[data-preview-same]')).toBe(true);
        expect(await page.isVisible('[data-preview-public]')).toBe(false);
      }
      await Promise.all([page.waitForURL(/sent=internal/), page.click('button[value=send]')]);
      expect(await page.textContent('.notification')).toContain(t('update.sent.internal.title'));
      expect(await textOf(page, '.note--internal')).toContain(internal);
      expect(await textOf(page, '.note--internal .note__label')).toContain(t('note.internal'));
      const after = await call(`/requests/${filed.id}`);
      expect(after.text).not.toContain(internal);
      expect(after.text).toContain(note);

      // Hand-over: the colleague is named, the request leaves this queue and enters theirs.
      await page.selectOption('#officialId', general.id);
      expect(await page.textContent('#officialId')).not.toContain('@');
      await page.fill('#reason', 'The general works team repairs this street');
      await Promise.all([page.waitForURL(/handedOver=/), page.click('form[action*="/hand-over"] button')]);
      expect(await page.textContent('.notification')).toContain(general.name);
      expect(await queueReferences(page)).not.toContain(filed.id);
      await waitForEmail((e) => e.destination.to.includes(general.email) && e.subject.includes(filed.id));

      const colleague = await newContext(browser, { javaScript });
      await withSession(colleague, 'official', general.email);
      const theirs = await colleague.newPage();
      await theirs.goto(`${siteUrl()}/${lang}/official`);
      expect(await queueReferences(theirs)).toContain(filed.id);
      await colleague.close();
      await context.close();
    },
  );
});

describe('who may open the officials’ pages', () => {
  it('asks a visitor to sign in, then brings them back to the page they asked for', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    const res = await page.goto(`${siteUrl()}/ko/official/requests/${filed.id}`);
    expect(res?.status()).toBe(401);
    const tc = translator('ko', common);
    expect(await page.textContent('h1')).toBe(tc('error.signIn.title'));
    await page.click(`a.button:has-text("${tc('error.signIn.button')}")`);
    await page.fill('#email', city.officials.roads.email);
    await page.check('input[value=official]');
    await Promise.all([
      page.waitForURL(`${siteUrl()}/ko/official/requests/${filed.id}`),
      page.click('button[type=submit]'),
    ]);
    expect(await page.textContent('main')).toContain(filed.citizenEmail);
    await context.close();
  });

  it('tells a signed-in person without the official role that they have no access', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const context = await newContext(browser);
    await withSession(context, 'committee', 'member@committee.example');
    const page = await context.newPage();
    for (const path of ['/en/official', `/en/official/requests/${filed.id}`]) {
      const res = await page.goto(`${siteUrl()}${path}`);
      expect(res?.status(), path).toBe(403);
      expect(await page.textContent('h1')).toBe('You do not have access to this page');
      expect(await page.textContent('main')).not.toContain(filed.citizenEmail);
    }
    await context.close();
  });

  it('tells an official that a request is not theirs, and their forms change nothing', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const { lights, roads } = city.officials;
    const context = await newContext(browser);
    await withSession(context, 'official', lights.email);
    const page = await context.newPage();
    const res = await page.goto(`${siteUrl()}/ar/official/requests/${filed.id}`);
    expect(res?.status()).toBe(403);
    const t = translator('ar', official);
    expect(await page.textContent('h1')).toBe(t('notYours.title'));
    expect(await page.textContent('main')).toContain(roads.name);
    expect(await page.textContent('main')).not.toContain(filed.citizenEmail);

    const cookie = `wego-session=${await tokenFor('official', lights.email)}`;
    for (const [path, body] of [
      [`/en/official/requests/${filed.id}`, 'status=resolved&audience=public&note=Done&intent=send'],
      [`/en/official/requests/${filed.id}/hand-over`, `officialId=${lights.id}&reason=Mine+now`],
    ] as const) {
      const post = await fetch(`${siteUrl()}${path}`, {
        method: 'POST',
        headers: { cookie, origin: siteUrl(), 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
      expect(post.status, path).toBe(403);
    }
    const unchanged = await call(`/requests/${filed.id}`);
    expect(unchanged.body.status).toBe('assigned');
    expect(unchanged.body.assignedTo.name).toBe(roads.name);
    await context.close();
  });

  it('lets the Secretariat open and work a request, though they have no queue', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const context = await newContext(browser, { javaScript: false });
    await withSession(context, 'secretariat', 'secretariat@wego.example');
    const page = await context.newPage();
    expect((await page.goto(`${siteUrl()}/en/official/requests/${filed.id}`))?.status()).toBe(200);
    expect(await page.textContent('main')).toContain(filed.citizenEmail);
    await page.selectOption('#officialId', city.officials.general.id);
    await page.fill('#reason', 'Reassigned by the Secretariat');
    await Promise.all([page.waitForURL(/handedOver=1/), page.click('form[action*="/hand-over"] button')]);
    expect(await page.textContent('.notification')).toContain(city.officials.general.name);
    expect((await page.goto(`${siteUrl()}/en/official`))?.status()).toBe(403);
    await context.close();
  });
});

describe('GET /requests/{id}/assignees', () => {
  it('names the city’s other officials to the official in charge, without their emails; refuses anyone else', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const { roads, general, lights } = city.officials;
    const path = `/requests/${filed.id}/assignees`;
    const mine = await call(path, { token: await tokenFor('official', roads.email) });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      { id: lights.id, name: lights.name, title: lights.title },
      { id: general.id, name: general.name, title: general.title },
    ]);
    expect(mine.text).not.toContain('@');
    expect((await call(path, { token: await tokenFor('secretariat') })).status).toBe(200);
    expect((await call(path, { token: await tokenFor('official', lights.email) })).status).toBe(403);
    expect((await call(path, { token: await tokenFor('committee') })).status).toBe(403);
    expect((await call(path)).status).toBe(401);
    expect(
      (await call('/requests/NOSUCHREQUEST0/assignees', { token: await tokenFor('secretariat') })).status,
    ).toBe(404);
  });
});

describe('what the API refuses, in the page’s language', () => {
  it('names each missing answer and keeps what was typed', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const t = translator('ar', official);
    const context = await newContext(browser);
    await withSession(context, 'official', city.officials.roads.email);
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/ar/official/requests/${filed.id}`);
    await page.fill('#note', '   ');
    await page.click('button[value=send]');
    await page.waitForLoadState();
    const summary = await page.textContent('.error-summary');
    for (const key of ['update.error.status', 'update.error.audience', 'update.error.note'] as const)
      expect(summary).toContain(t(key));
    // With JavaScript the summary takes the focus, so a screen reader reads it first.
    expect(
      await page.evaluate(
        () =>
          (globalThis as { document?: { activeElement?: { className?: string } } }).document?.activeElement
            ?.className,
      ),
    ).toContain('error-summary');
    expect(await page.title()).toMatch(/^خطأ/);
    expect((await call(`/requests/${filed.id}`)).body.updates).toHaveLength(1);
    await context.close();
  });

  it('explains that the request moved on (409), with its status now', async () => {
    const city = await cpsCity();
    const filed = await fileRequest(city);
    const roads = await tokenFor('official', city.officials.roads.email);
    const context = await newContext(browser, { javaScript: false });
    await withSession(context, 'official', city.officials.roads.email);
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/ko/official/requests/${filed.id}`);
    // Meanwhile the request is closed (another tab, a colleague of the Secretariat...).
    const closed = await call(`/requests/${filed.id}/updates`, {
      method: 'POST',
      token: roads,
      json: { status: 'closed', note: 'Duplicate of another request', public: true },
    });
    expect(closed.status).toBe(201);
    await choose(page, 'status', 'in_progress');
    await choose(page, 'audience', 'public');
    await page.fill('#note', 'On our way');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button[value=send]'),
    ]);
    expect(answer.status()).toBe(409);
    const t = translator('ko', official);
    expect(await page.textContent('.error-summary')).toContain(
      t('update.error.conflict', { status: t('status.closed') }),
    );
    expect(await page.textContent('main')).toContain(t('request.closed'));
    const seen = await call(`/requests/${filed.id}`);
    expect(seen.text).not.toContain('On our way');
    await context.close();
  });
});
