import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { tokenFor } from './support.ts';

/**
 * The site as a browser meets it: one origin for pages, assets and the API, every language with its
 * direction, security headers, staff sign-in through (the local stand-in of) Cognito's managed login.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the site', () => {
  it('sends the root to the home page in the visitor’s language', async () => {
    for (const [header, lang] of [
      ['ko-KR,ko;q=0.9,en;q=0.8', 'ko'],
      ['ar', 'ar'],
      ['de-DE,de;q=0.9', 'en'],
    ]) {
      const res = await fetch(`${siteUrl()}/`, {
        headers: { 'accept-language': header },
        redirect: 'manual',
      });
      expect(res.status, header).toBe(302);
      expect(res.headers.get('location'), header).toBe(`/${lang}/`);
    }
  });

  it.each(LANGUAGES)(
    'renders the home page in %s with its language and direction, accessibly, with and without JavaScript',
    async (lang) => {
      for (const javaScript of [true, false]) {
        const context = await newContext(browser, { javaScript });
        const page = await context.newPage();
        const res = await page.goto(`${siteUrl()}/${lang}/`);
        expect(res?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        await checkA11y(page, `home ${lang} (JavaScript ${javaScript ? 'on' : 'off'})`);
        await context.close();
      }
    },
  );

  it('answers with security headers and a policy that allows nothing inline', async () => {
    const res = await fetch(`${siteUrl()}/en/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the JSON API under /api on the same origin', async () => {
    const res = await fetch(`${siteUrl()}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses a form posted from another site', async () => {
    const res = await fetch(`${siteUrl()}/en/sign-out`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });

  it('signs staff in through the managed login and out again', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/en/sign-in?return=/en/`);
    await page.fill('#email', 'ana.official@city.example');
    await page.check('input[value=official]');
    await Promise.all([page.waitForURL(`${siteUrl()}/en/`), page.click('button[type=submit]')]);
    expect(await page.textContent('.site-header__account')).toContain('ana.official@city.example');
    const cookie = (await context.cookies()).find((c) => c.name === 'wego-session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    // Cognito's logout sends the visitor back through /auth/signed-out to the home page.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/auth/signed-out')),
      page.click('.site-header__account button'),
    ]);
    await page.waitForURL(`${siteUrl()}/en/`);
    await page.waitForLoadState();
    expect(await page.locator('.site-header__account').count()).toBe(0);
    expect((await context.cookies()).find((c) => c.name === 'wego-session')).toBeUndefined();
    await context.close();
  });

  it('never sends a visitor back to another site after signing in', async () => {
    const res = await fetch(`${siteUrl()}/en/sign-in?return=//evil.example/`, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie') ?? '';
    const pending = JSON.parse(
      Buffer.from(/wego-sign-in=([^;]+)/.exec(cookie)?.[1] ?? '', 'base64url').toString(),
    );
    expect(pending.to).toBe('/en/');
  });

  it('treats a session cookie whose token does not verify as no session', async () => {
    // A genuine token, then the same with its claims changed to add a role: the signature no longer holds.
    const genuine = await tokenFor('official', 'ana.official@city.example');
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims['cognito:groups'] = ['official', 'secretariat'];
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const home = (token: string) =>
      fetch(`${siteUrl()}/en/`, { headers: { cookie: `wego-session=${token}` } }).then((r) => r.text());
    expect(await home(genuine)).toContain('ana.official@city.example');
    expect(await home(forged)).not.toContain('ana.official@city.example');
    expect(await home('not-a-token')).not.toContain('site-header__account');
  });

  it('gives signed-in staff their token for the API, which the API accepts, and asks a visitor to sign in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const visitor = await page.goto(`${siteUrl()}/en/account/token`);
    expect(visitor?.status()).toBe(401);
    await page.goto(`${siteUrl()}/en/sign-in?return=/en/account/token`);
    await page.fill('#email', 'sam.secretariat@wego.example');
    await page.check('input[value=secretariat]');
    await Promise.all([page.waitForURL(`${siteUrl()}/en/account/token`), page.click('button[type=submit]')]);
    await checkA11y(page, 'the API token page');
    const token = await page.inputValue('#token');
    const committee = await fetch(`${siteUrl()}/api/committee`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(committee.status).toBe(200);
    await context.close();
  });
});
