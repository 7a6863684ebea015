import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { expectAtMostTwoCalls, type Renders, signedIn } from './console-support.ts';
import {
  applicationForm,
  associateCity,
  committee,
  secretariat,
  setRoster,
  startVote,
  submit,
} from './membership-support.ts';
import { call, tokenFor } from './support.ts';

/**
 * Every page of the console and of the committee, in every language, with JavaScript on and off:
 * axe-core finds nothing, and no page render needs more than two API calls. Role checks hold in the
 * pages as in the API: a visitor is asked to sign in, a committee member or an official is told they
 * have no access to the console (the API answers them 403), the Secretariat has no committee pages.
 */
let browser: Browser;
const ids = { applicant: '', member: '', approval: '' };

beforeAll(async () => {
  browser = await launch();
  const token = await secretariat();
  ids.applicant = (await submit(applicationForm({ country: 'FR', region: 'europe' }))).id;
  const member = await associateCity(applicationForm({ country: 'BR', region: 'americas' }));
  ids.member = member.id;
  // The member city's CPS, with something on each page.
  await call(`/cities/${member.id}/services`, {
    method: 'PUT',
    token,
    json: { services: [{ code: 'pothole', name: 'Potholes', slaHours: 48, group: 'Roads' }] },
  });
  const official = await call(`/cities/${member.id}/officials`, {
    method: 'POST',
    token,
    json: { name: 'Ana Souza', title: 'Head of Roads', email: `ana-${Date.now()}@city.example` },
  });
  await call(`/cities/${member.id}/routing`, {
    method: 'PUT',
    token,
    json: { rules: [{ district: '*', service: '*', officialId: official.body.id }] },
  });
  await call(`/cities/${member.id}/open311-keys`, { method: 'POST', token, json: { label: 'FixMyStreet' } });
  // A vote, for the vote pages (it may close while the pages are checked: a closed vote has its pages too).
  await setRoster();
  const voting = await associateCity(applicationForm({ country: 'KR', region: 'asia' }));
  ids.approval = (await startVote(voting.id)).approvalId;
}, 120_000);
afterAll(() => browser?.close());

const consolePages = () => [
  '/console',
  '/console/applications',
  '/console/members',
  '/console/members?status=associate&region=americas&country=BR',
  `/console/cities/${ids.applicant}`,
  `/console/cities/${ids.applicant}/reject`,
  `/console/cities/${ids.member}`,
  `/console/cities/${ids.member}/withdraw`,
  `/console/cities/${ids.member}/services`,
  `/console/cities/${ids.member}/officials`,
  `/console/cities/${ids.member}/routing`,
  `/console/cities/${ids.member}/open311-keys`,
  `/console/votes/${ids.approval}`,
  '/console/committee',
];
const committeePages = () => ['/committee', `/committee/votes/${ids.approval}`];

describe('every page, in every language, with and without JavaScript', () => {
  const renders: Renders[] = [];

  it.each(LANGUAGES)(
    'has no accessibility violation in %s, and needs at most two API calls',
    async (lang) => {
      for (const javaScript of [true, false]) {
        for (const [role, email, paths] of [
          ['secretariat', 'clerk@wego.example', consolePages()],
          ['committee', committee[0]?.email ?? '', committeePages()],
        ] as const) {
          const session = await signedIn(browser, role, email, { javaScript });
          renders.push(session.renders);
          for (const path of paths) {
            const res = await session.page.goto(`${siteUrl()}/${lang}${path}`);
            expect(res?.status(), path).toBe(200);
            expect(await session.page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
            await checkA11y(session.page, `${lang}${path} (JavaScript ${javaScript ? 'on' : 'off'})`);
          }
          // A refused form: the error summary, the field's error, what was typed kept.
          if (role === 'secretariat') {
            await session.page.goto(`${siteUrl()}/${lang}/console/cities/${ids.applicant}/reject`);
            await Promise.all([session.page.waitForURL(/reject$/), session.page.click('main form button')]);
            await session.page.waitForSelector('.error-summary');
            expect(await session.page.title()).not.toBe('');
            await checkA11y(session.page, `${lang} reject refused (JavaScript ${javaScript ? 'on' : 'off'})`);
          }
          await session.context.close();
        }
        // The sign-in and no-access pages a console URL answers.
        const visitor = await newContext(browser, { javaScript });
        const page = await visitor.newPage();
        expect((await page.goto(`${siteUrl()}/${lang}/console`))?.status()).toBe(401);
        await checkA11y(page, `${lang} sign in (JavaScript ${javaScript ? 'on' : 'off'})`);
        await visitor.close();
        const official = await signedIn(browser, 'official', 'ana.official@city.example', { javaScript });
        expect((await official.page.goto(`${siteUrl()}/${lang}/console/members`))?.status()).toBe(403);
        await checkA11y(official.page, `${lang} no access (JavaScript ${javaScript ? 'on' : 'off'})`);
        await official.context.close();
      }
    },
    300_000,
  );

  it('never needed more than two API calls to render a page', () => {
    for (const r of renders) expectAtMostTwoCalls(r);
    expect(renders.flatMap((r) => r.seen).length).toBeGreaterThan(LANGUAGES.length * 2 * 16);
  });
});

describe('the console’s script', () => {
  it('weighs at most 80 KB gzipped', async () => {
    const session = await signedIn(browser, 'secretariat', 'clerk@wego.example');
    await session.page.goto(`${siteUrl()}/en/console`);
    const src = await session.page.getAttribute('script[src$="/console.js"]', 'src');
    expect(src).toMatch(/^\/assets\/[0-9a-f]+\/console\.js$/);
    const script = Buffer.from(await (await fetch(`${siteUrl()}${src}`)).arrayBuffer());
    expect(script.length).toBeGreaterThan(0);
    expect(gzipSync(script).length).toBeLessThanOrEqual(80 * 1024);
    await session.context.close();
  });
});

describe('role checks, in the pages as in the API', () => {
  const consoleUrls = () => [
    ...consolePages(),
    `/console/cities/${ids.member}/routing`,
    `/console/cities/${ids.applicant}/accept`,
  ];

  it('asks a visitor to sign in, and brings them back to the page they asked for', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of [...consolePages(), ...committeePages()]) {
      const res = await page.goto(`${siteUrl()}/en${path}`);
      expect(res?.status(), path).toBe(401);
      expect(await page.textContent('h1'), path).toBe('Sign in to continue');
      const href = await page.getAttribute('main a.button', 'href');
      expect(href, path).toBe(`/en/sign-in?return=${encodeURIComponent(`/en${path}`)}`);
    }
    await context.close();
  });

  it('refuses a visitor’s form posts with a sign-in page, changing nothing', async () => {
    for (const path of [
      `/console/cities/${ids.applicant}/accept`,
      `/console/cities/${ids.applicant}/reject`,
    ]) {
      const res = await fetch(`${siteUrl()}/en${path}`, {
        method: 'POST',
        headers: { origin: siteUrl(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'reason=no',
        redirect: 'manual',
      });
      expect(res.status, path).toBe(401);
    }
    expect((await call(`/applications/${ids.applicant}`, { token: await secretariat() })).body.status).toBe(
      'submitted',
    );
  });

  it.each([
    ['committee', 'member1@committee.example'],
    ['official', 'ana.official@city.example'],
    ['member', 'rep@city.example'],
  ] as const)('tells a %s they have no access to the console, as the API does', async (role, email) => {
    const session = await signedIn(browser, role, email);
    for (const path of consoleUrls()) {
      const res = await session.page.goto(`${siteUrl()}/en${path}`);
      if (path.endsWith('/accept')) {
        expect(res?.status(), path).toBe(404); // a form's address: it answers posts only
        continue;
      }
      expect(res?.status(), path).toBe(403);
      expect(await session.page.textContent('h1'), path).toBe('You do not have access to this page');
      expect(await session.page.textContent('main'), path).toContain(email);
    }
    // Posting the console's forms is refused too, and the city is unchanged.
    const cookie = `wego-session=${await tokenFor(role, email)}`;
    const post = await fetch(`${siteUrl()}/en/console/cities/${ids.applicant}/accept`, {
      method: 'POST',
      headers: { origin: siteUrl(), cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(post.status).toBe(403);
    expect((await call(`/applications/${ids.applicant}`, { token: await secretariat() })).body.status).toBe(
      'submitted',
    );
    // The API the console reads answers them 403 as well.
    const token = await tokenFor(role, email);
    for (const path of [
      '/secretariat/overview',
      `/cities/${ids.member}/setup`,
      '/applications',
      '/committee',
    ]) {
      expect((await call(path, { token })).status, path).toBe(403);
    }
    await session.context.close();
  });

  it('tells the Secretariat the committee’s pages are the committee’s, as the API does', async () => {
    const session = await signedIn(browser, 'secretariat', 'clerk@wego.example');
    for (const path of committeePages()) {
      const res = await session.page.goto(`${siteUrl()}/en${path}`);
      expect(res?.status(), path).toBe(403);
    }
    expect((await call('/committee/me/votes', { token: await secretariat() })).status).toBe(403);
    await session.context.close();
  });

  it('answers an unknown city with a page that says so', async () => {
    const session = await signedIn(browser, 'secretariat', 'clerk@wego.example');
    const res = await session.page.goto(`${siteUrl()}/en/console/cities/no-such-city`);
    expect(res?.status()).toBe(404);
    expect(await session.page.textContent('h1')).toBe('Page not found');
    const cps = await session.page.goto(`${siteUrl()}/en/console/cities/${ids.applicant}/services`);
    expect(cps?.status()).toBe(409);
    expect(await session.page.textContent('h1')).toBe('This city is not a member');
    await session.context.close();
  });
});
