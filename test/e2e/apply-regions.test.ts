import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '../../lib/local/auth.ts';
import { paths } from '../../lib/local/cloud.ts';
import { launch, newContext, siteUrl } from './browser.ts';
import {
  applicationForm,
  associateCity,
  ballotOf,
  committee,
  mayorEmail,
  secretariat,
  setRoster,
  startVote,
  submit,
  vote,
  waitForStatus,
} from './membership-support.ts';
import { call, inbox, issuer, stateDir, waitForEmail } from './support.ts';

/**
 * The regional offices (Ulyanovsk for Europe, Chengdu for Asia: the local stage's defaults, at the
 * Secretariat's domain) are copied on what happens in their regions; their staff, with a region
 * scope, see their region's applications first; the public directory shows members without any
 * personal data; and a city's later emails are in the language it applied in.
 */
const ULYANOVSK = 'ulyanovsk@wego.example';
const CHENGDU = 'chengdu@wego.example';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const regionScoped = (regions: string[], email = 'office@wego.example') =>
  signLocalToken(paths(stateDir()).keyFile, issuer(), {
    email,
    groups: ['secretariat', ...regions.map((r) => `region-${r}`)],
  });

describe('regional offices', () => {
  it('copy the office of the region on a new application, its acceptance and the vote, and nobody elsewhere', async () => {
    const europe = { ...applicationForm({ country: 'RU', region: 'europe' }), language: 'ru' };
    const asia = applicationForm({ country: 'CN', region: 'asia' });
    const africa = applicationForm({ country: 'KE', region: 'africa' });
    const [{ id }] = await Promise.all([submit(europe), submit(asia), submit(africa)]);

    const copy = await waitForEmail(
      (e) => e.destination.to.includes(ULYANOVSK) && e.subject.includes(europe.city.name),
    );
    expect(copy.subject).toBe(
      `Copy for the Ulyanovsk office: WeGO received the membership application of ${europe.city.name}`,
    );
    expect(copy.body.text).toContain('A copy for the WeGO regional office in Ulyanovsk, which serves Europe');
    await waitForEmail((e) => e.destination.to.includes(CHENGDU) && e.subject.includes(asia.city.name));
    await waitForEmail((e) => e.destination.to.includes(africa.contact.email));
    const all = await inbox();
    expect(
      all.filter((e) => e.subject.includes(africa.city.name)).flatMap((e) => e.destination.to),
    ).not.toEqual(expect.arrayContaining([ULYANOVSK]));
    expect(
      all.some(
        (e) =>
          e.subject.includes(africa.city.name) &&
          [ULYANOVSK, CHENGDU].some((o) => e.destination.to.includes(o)),
      ),
    ).toBe(false);
    expect(all.some((e) => e.subject.includes(europe.city.name) && e.destination.to.includes(CHENGDU))).toBe(
      false,
    );

    // Accepted: the Mayor's office hears it in Russian; the office gets its copy.
    expect(
      (await call(`/applications/${id}/accept`, { method: 'POST', token: await secretariat() })).status,
    ).toBe(200);
    const welcome = await mayorEmail(europe, /Associate Member/);
    expect(welcome.subject).toBe(`${europe.city.name} теперь ассоциированный член WeGO (Associate Member)`);
    await waitForEmail(
      (e) =>
        e.destination.to.includes(ULYANOVSK) &&
        e.subject === `Copy for the Ulyanovsk office: ${europe.city.name} is now an Associate Member of WeGO`,
    );

    // The vote opens: the office hears of it; approved, the Mayor's office hears it in Russian.
    await setRoster();
    const { approvalId } = await startVote(id);
    await waitForEmail(
      (e) =>
        e.destination.to.includes(ULYANOVSK) &&
        e.subject === `Copy for the Ulyanovsk office: the Executive Committee votes on ${europe.city.name}`,
    );
    for (const member of committee.slice(0, 2)) {
      // Ballots are issued by the workflow: a member votes once theirs has arrived.
      await ballotOf(member.email, europe.city.name);
      expect((await vote(approvalId, member.email, 'approve')).status).toBe(201);
    }
    await waitForStatus(id, 'full');
    const full = await mayorEmail(europe, /Full Member/);
    expect(full.subject).toBe(`${europe.city.name} теперь полноправный член WeGO (Full Member)`);
    expect(full.body.html).toContain('lang="ru"');
  });
});

describe('Secretariat staff with a region scope', () => {
  /** Every application in a status, page by page. */
  async function walk(token: string, limit: number) {
    const ids: { id: string; region: string }[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const res = await call(
        `/applications?status=submitted&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(res.status).toBe(200);
      ids.push(
        ...res.body.items.map((a: { id: string; city: { region: string } }) => ({
          id: a.id,
          region: a.city.region,
        })),
      );
      cursor = res.body.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('the list never ended');
  }

  it('see their region’s applications first, then the others, each once, page after page', async () => {
    await Promise.all([
      submit(applicationForm({ country: 'FR', region: 'europe' })),
      submit(applicationForm({ country: 'KR', region: 'asia' })),
      submit(applicationForm({ country: 'DE', region: 'europe' })),
      submit(applicationForm({ country: 'BR', region: 'americas' })),
    ]);
    const everyone = await walk(await secretariat(), 100);
    expect(everyone.some((a) => a.region !== 'europe')).toBe(true);

    for (const limit of [100, 3]) {
      const scoped = await walk(await regionScoped(['europe']), limit);
      expect(new Set(scoped.map((a) => a.id)).size).toBe(scoped.length);
      expect(scoped.map((a) => a.id).sort()).toEqual(everyone.map((a) => a.id).sort());
      const firstOther = scoped.findIndex((a) => a.region !== 'europe');
      expect(firstOther).toBeGreaterThan(0);
      expect(scoped.slice(firstOther).some((a) => a.region === 'europe')).toBe(false);
    }
  });

  it('get the scope from the token script and from the local sign-in, as Cognito groups', async () => {
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(
      tsx,
      ['bin/token.ts', '--role', 'secretariat', '--region', 'asia', '--email', 'chengdu.staff@wego.example'],
      { cwd: resolve(import.meta.dirname, '../..'), env: { ...process.env, WEGO_STATE_DIR: stateDir() } },
    );
    const scoped = await call('/applications?status=submitted&limit=100', { token: stdout.trim() });
    expect(scoped.status).toBe(200);
    const regions = scoped.body.items.map((a: { city: { region: string } }) => a.city.region);
    expect(regions[0]).toBe('asia');
    expect(regions.slice(regions.findIndex((r: string) => r !== 'asia')).includes('asia')).toBe(false);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/en/sign-in?return=/en/`);
    await page.fill('#email', 'ulyanovsk.staff@wego.example');
    await page.check('input[name=role][value=secretariat]');
    await page.check('input[name=region][value=europe]');
    await Promise.all([page.waitForURL(`${siteUrl()}/en/`), page.click('button[type=submit]')]);
    const session = (await context.cookies()).find((c) => c.name === 'wego-session')?.value ?? '';
    const claims = JSON.parse(Buffer.from(session.split('.')[1] ?? '', 'base64url').toString());
    expect(claims['cognito:groups']).toEqual(['secretariat', 'region-europe']);
    await context.close();
  });
});

describe('the public member directory', () => {
  it('shows an accepted member by region and status, the country in the page’s language, and no email', async () => {
    const form = applicationForm({ country: 'JP', region: 'asia' });
    await associateCity(form);
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl()}/zh/members?region=asia&status=associate`);
    const row = page.locator('tr', { hasText: form.city.name });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('日本');
    expect(await row.textContent()).toContain('准会员');
    const html = await page.content();
    expect(html).not.toContain(form.mayor.officeEmail);
    expect(html).not.toContain(form.contact.email);
    expect(html).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);

    // Filtered to Full Members or another region, it is not listed.
    await page.goto(`${siteUrl()}/zh/members?status=full`);
    expect(await page.locator('tr', { hasText: form.city.name }).count()).toBe(0);
    await page.goto(`${siteUrl()}/zh/members?region=europe`);
    expect(await page.locator('tr', { hasText: form.city.name }).count()).toBe(0);
    // The home page links the directory.
    await page.goto(`${siteUrl()}/zh/`);
    expect(await page.locator('main a[href="/zh/members"]').count()).toBe(1);
    await context.close();
  });
});
