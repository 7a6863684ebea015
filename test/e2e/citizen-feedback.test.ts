import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, translator } from '../../functions/shared/i18n.ts';
import { answers } from '../../functions/web/citizen/answer-messages.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { paths } from '../../lib/local/cloud.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import {
  emailTo,
  queueOf,
  type ReportingCity,
  reportingCity,
  resolveRequest,
  storedPartition,
  tokenOf,
} from './citizen-support.ts';
import { call, type InboxEmail, inbox, stateDir, template, tokenFor, waitForEmail } from './support.ts';

/**
 * The pages of the citizen's emailed links, in real Chromium, with the links read from the inbox:
 * "is it fixed?" answered "not fixed" (Korean, JavaScript on) and "fixed" (Arabic, JavaScript off),
 * an older link, a wrong one, opening a link changing nothing, removing one's contact details twice;
 * every state of these pages accessible in every language with JavaScript on and off; the tokens
 * never leaving the page through a Referer, another link or a log line.
 */
let browser: Browser;
let city: ReportingCity;
beforeAll(async () => {
  [browser, city] = await Promise.all([launch(), reportingCity()]);
});
afterAll(() => browser?.close());

const tr = (lang: Language) => translator(lang, citizen, answers);
/** Every token this file used, for the log check at the end. */
const seenTokens = new Set<string>();

/** A request filed through the API by a citizen who gave a contact (in Jongno: the roads official's). */
async function file(lang: Language) {
  const email = `citizen-${randomBytes(4).toString('hex')}@citizen.example`;
  const res = await call(`/cities/${city.id}/requests`, {
    method: 'POST',
    json: {
      service: 'pothole',
      district: 'Jongno',
      description: `A deep pothole in front of the bus stop (${lang}).`,
      contact: { name: 'Lee Seoyeon', email, phone: '+82 10 1234 5678' },
      language: lang,
    },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

/** The whole link of an email to its page (`<site>/<lang>/requests/<id>/<page>?token=...`). */
function linkIn(email: InboxEmail, id: string, page: 'feedback' | 'contact'): string {
  const token = tokenOf(email, id, page);
  seenTokens.add(token);
  const found = new RegExp(`\\S+/requests/${id}/${page}\\?token=${token}`).exec(email.body.text ?? '');
  if (!found) throw new Error(`no ${page} link in "${email.subject}"`);
  return found[0];
}

/** The "is it fixed?" email of the resolution whose public note is `note`. */
const questionEmail = (to: string, id: string, note: string) =>
  waitForEmail((e) => emailTo(to, id, note)(e) && (e.body.text ?? '').includes('/feedback?token='));

/** Resolves the request and returns the link of the "is it fixed?" email it sends. */
async function resolveAndAsk(request: { id: string; email: string }, note: string) {
  await resolveRequest(city.roads.email, request.id, note);
  return linkIn(await questionEmail(request.email, request.id, note), request.id, 'feedback');
}

/** Opens a link, answers the page's form (a choice, a note) and returns the answer to the POST. */
async function send(page: Page, url: string, choice?: 'yes' | 'no', note?: string): Promise<Response> {
  await page.goto(url);
  if (choice) await page.check(`input[name=answer][value=${choice}]`, { force: true });
  if (note) await page.fill('#note', note);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('form[data-once] button[type=submit]'),
  ]);
  if (!response) throw new Error('no answer to the form');
  return response;
}

const heading = async (page: Page) => ((await page.textContent('main h1')) ?? '').replace(/\s+/g, ' ').trim();

const publicView = async (id: string) => (await call(`/requests/${id}`)).body;

/** The Referer these pages allow: the site's origin, never the address with its token. */
const originOnly = () => `${new URL(siteUrl()).origin}/`;

/** What the browser sent besides the page: each request with its Referer, if any. */
function watchRequests(page: Page) {
  const sent: { url: string; referer: string | undefined }[] = [];
  page.on('request', async (request) => {
    if (request.isNavigationRequest()) return;
    sent.push({ url: request.url(), referer: (await request.allHeaders()).referer });
  });
  return sent;
}

describe('"is it fixed?"', () => {
  let context: BrowserContext;
  afterAll(() => context?.close());
  const request = { id: '', email: '' };
  let firstLink = '';

  it('opens from the email in Korean and changes nothing until its button is pressed', async () => {
    Object.assign(request, await file('ko'));
    firstLink = await resolveAndAsk(request, '구멍을 메웠습니다.');
    expect(firstLink.startsWith(`${siteUrl()}/ko/requests/${request.id}/feedback?token=`)).toBe(true);
    const before = await storedPartition(request.id);
    const mails = (await inbox()).length;

    context = await newContext(browser, { locale: 'ko-KR' });
    const page = await context.newPage();
    const sent = watchRequests(page);
    const opened = await page.goto(firstLink);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['referrer-policy']).toBe('strict-origin');
    await page.goto(firstLink); // a mail scanner, then the citizen
    const t = tr('ko');
    expect(await heading(page)).toBe(t('fixed.title'));
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    const summary = await page.textContent('.summary-list');
    expect(summary).toContain('Potholes');
    expect(summary).toContain('Jongno');
    expect(summary).toContain('구멍을 메웠습니다.');

    // The token is in the hidden field only: not in the form's address, no link, no Referer.
    const token = new URL(firstLink).searchParams.get('token') ?? '';
    expect(await page.inputValue('input[type=hidden][name=token]')).toBe(token);
    expect(await page.getAttribute('form[data-once]', 'action')).toBe(`/ko/requests/${request.id}/feedback`);
    const hrefs = await page.$$eval('a[href], link[href], script[src]', (els) =>
      els.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''),
    );
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.filter((h) => h.includes(token))).toEqual([]);
    expect(sent.length).toBeGreaterThan(0); // the stylesheet and the script
    expect(sent.filter((s) => s.referer !== originOnly())).toEqual([]);

    // Opening it twice changed nothing: the same partition, no email.
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedPartition(request.id)).toEqual(before);
    expect((await inbox()).length).toBe(mails);
    expect((await publicView(request.id)).status).toBe('resolved');
  });

  it('answered "not fixed" with a note (JavaScript on) sends it back to the official, who is emailed the note', async () => {
    const page = await context.newPage();
    await page.goto(firstLink);
    // The note is asked for once "not fixed" is chosen.
    expect(await page.isVisible('#note')).toBe(false);
    await page.check('input[name=answer][value=no]', { force: true });
    expect(await page.isVisible('#note')).toBe(true);
    const note = '아직 구멍이 있어요. 비가 온 뒤 다시 생겼습니다.';
    await page.fill('#note', note);
    const [answered] = await Promise.all([
      page.waitForNavigation(),
      page.click('form[data-once] button[type=submit]'),
    ]);
    expect(answered?.status()).toBe(200);
    const t = tr('ko');
    expect(await page.textContent('.panel__title')).toBe(t('fixed.done.reopened.title'));
    expect(await page.textContent('main')).toContain(t('fixed.done.reopened.note'));
    expect(await page.textContent('main')).toContain(city.roads.title);

    const view = await publicView(request.id);
    expect(view.status).toBe('assigned');
    expect(view.timeline.at(-1).event).toBe('reopened');
    expect(JSON.stringify(view)).not.toContain(note);
    const mail = await waitForEmail(emailTo(city.roads.email, request.id, note));
    expect(mail.body.text).toContain(note);
    expect((await queueOf(city.roads.email)).map((r) => r.id)).toContain(request.id);

    // The same link again: the page says it was already sent back, and offers nothing to press.
    await page.goto(firstLink);
    expect(await heading(page)).toBe(t('fixed.reopened.title'));
    expect(await page.$('form[data-once]')).toBeNull();
  });

  it('answered "fixed" in Arabic with JavaScript off closes it; the older link no longer works', async () => {
    const secondLink = await resolveAndAsk(request, '다시 포장했습니다.');
    const noScript = await newContext(browser, { javaScript: false, locale: 'ar' });
    const page = await noScript.newPage();

    // The first email's link, on the request resolved again: the page asks, the API refuses (410).
    const old = await send(page, firstLink, 'yes');
    expect(old.status()).toBe(410);
    expect(await heading(page)).toBe(tr('ko')('link.gone.title'));
    expect(await page.getAttribute(`main a[href="/ko/requests/${request.id}"]`, 'href')).toBeTruthy();
    expect((await publicView(request.id)).status).toBe('resolved');

    // Without JavaScript the note is simply there, with its hint.
    const arabic = secondLink.replace('/ko/', '/ar/');
    await page.goto(arabic);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.isVisible('#note')).toBe(true);
    expect(await page.isVisible('#note-hint')).toBe(true);
    // The same form open in a second tab, answered after the first: refused, and said plainly.
    const late = await noScript.newPage();
    await late.goto(arabic);

    const fixed = await send(page, arabic, 'yes');
    expect(fixed.status()).toBe(200);
    expect(fixed.headers()['referrer-policy']).toBe('strict-origin');
    const t = tr('ar');
    expect(await page.textContent('.panel__title')).toBe(t('fixed.done.closed.title'));
    const view = await publicView(request.id);
    expect(view.status).toBe('closed');
    expect(view.timeline.at(-1).event).toBe('fixed');

    await late.check('input[name=answer][value=no]', { force: true });
    const [refused] = await Promise.all([
      late.waitForNavigation(),
      late.click('form[data-once] button[type=submit]'),
    ]);
    expect(refused?.status()).toBe(409);
    expect(await heading(late)).toBe(t('fixed.closed.title'));
    expect((await publicView(request.id)).status).toBe('closed');
    await noScript.close();
  });

  it('says when a link is not this request’s, or is cut short, and changes nothing', async () => {
    const other = await file('en');
    const link = await resolveAndAsk(other, 'Filled.');
    const page = await context.newPage();
    const forged = link.replace(/token=[^&]+/, `token=${randomBytes(32).toString('base64url')}`);
    const wrong = await send(page, forged, 'no', 'forged');
    expect(wrong.status()).toBe(403);
    expect(await heading(page)).toBe(tr('en')('link.gone.title'));
    expect(await page.textContent('main')).toContain(tr('en')('link.gone.wrong', { id: other.id }));

    const cut = await page.goto(link.slice(0, -5));
    expect(cut?.status()).toBe(400);
    expect(await heading(page)).toBe(tr('en')('link.incomplete.title'));
    const bare = await page.goto(link.replace(/\?.*$/, ''));
    expect(bare?.status()).toBe(400);
    expect((await publicView(other.id)).status).toBe('resolved');
  });
});

describe('removing one’s contact details', () => {
  it('from the emailed link (English) removes them for the official; a second time says they are gone', async () => {
    const request = await file('en');
    const confirmation = await waitForEmail(emailTo(request.email, request.id));
    const link = linkIn(confirmation, request.id, 'contact');
    expect(link).toContain('/en/requests/');
    const context = await newContext(browser);
    const page = await context.newPage();
    const sent = watchRequests(page);
    const opened = await page.goto(link);
    expect(opened?.headers()['referrer-policy']).toBe('strict-origin');
    const t = tr('en');
    expect(await heading(page)).toBe(t('removal.title'));
    const text = (await page.textContent('main')) ?? '';
    for (const said of [t('removal.name'), t('removal.email'), t('removal.phone'), t('removal.stays')])
      expect(text).toContain(said);
    // What it removes is named, never shown.
    const html = await page.content();
    for (const secret of ['Lee Seoyeon', request.email, '1234 5678']) expect(html).not.toContain(secret);
    // Opening it removed nothing.
    const official = await tokenFor('official', city.roads.email);
    expect((await call(`/requests/${request.id}`, { token: official })).body.contact.email).toBe(
      request.email,
    );

    const [removed] = await Promise.all([page.waitForNavigation(), page.click('#remove')]);
    expect(removed?.status()).toBe(200);
    expect(await page.textContent('.panel__title')).toBe(t('removal.done.title'));
    const view = await call(`/requests/${request.id}`, { token: official });
    expect(view.body.contact).toEqual({});
    expect(view.body.contactRemovedAt).toBeDefined();
    for (const secret of ['Lee Seoyeon', request.email, '1234 5678']) expect(view.text).not.toContain(secret);
    expect(view.body.description).toContain('A deep pothole');

    const again = await send(page, link);
    expect(again.status()).toBe(409);
    expect(await heading(page)).toBe(t('removal.already.title'));
    expect(sent.filter((s) => s.referer !== originOnly())).toEqual([]);
    await context.close();
  });
});

describe('every state of these pages is accessible', () => {
  /** Each page state, in one language, with JavaScript on or off. */
  async function everyState(lang: Language, javaScript: boolean) {
    const [asked, other] = await Promise.all([file(lang), file(lang)]);
    const [firstLink, contactLink] = await Promise.all([
      resolveAndAsk(asked, `First fix (${lang}, ${javaScript})`),
      waitForEmail(emailTo(other.email, other.id)).then((e) => linkIn(e, other.id, 'contact')),
    ]);
    const context = await newContext(browser, { javaScript, width: javaScript ? 1280 : 375 });
    const page = await context.newPage();
    const t = tr(lang);
    const check = async (state: string, title: string) => {
      expect(await heading(page), state).toContain(title);
      await checkA11y(page, `${state} in ${lang}, JavaScript ${javaScript ? 'on' : 'off'}`);
    };

    await page.goto(firstLink);
    await check('the question', t('fixed.title'));
    await send(page, firstLink);
    await check('the question with an error', t('fixed.title'));
    expect(await page.textContent('.error-summary')).toContain(t('fixed.error.answer'));
    await send(page, firstLink.replace(/token=[^&]+/, `token=${'A'.repeat(43)}`), 'yes');
    await check('a wrong link', t('link.gone.title'));
    await send(page, firstLink, 'no', 'Still there.');
    await check('back with the official', t('fixed.done.reopened.title'));
    await page.goto(firstLink);
    await check('already reopened', t('fixed.reopened.title'));

    const secondLink = await resolveAndAsk(asked, `Second fix (${lang}, ${javaScript})`);
    await send(page, firstLink, 'yes');
    await check('an older link', t('link.gone.title'));
    await send(page, secondLink, 'yes');
    await check('closed, with thanks', t('fixed.done.closed.title'));
    await page.goto(secondLink);
    await check('already closed', t('fixed.closed.title'));
    await page.goto(secondLink.replace(/\?.*$/, ''));
    await check('an incomplete link', t('link.incomplete.title'));

    await page.goto(contactLink.replace('/contact?', '/feedback?'));
    await check('not resolved yet', t('fixed.notResolved.title'));
    await page.goto(contactLink);
    await check('remove the contact', t('removal.title'));
    await send(page, contactLink);
    await check('contact removed', t('removal.done.title'));
    await send(page, contactLink);
    await check('contact already removed', t('removal.already.title'));
    await page.goto(`${siteUrl()}/${lang}/requests/NOSUCHREPORT/feedback?token=${'A'.repeat(43)}`);
    await check('an unknown report', t('follow.unknown.title'));
    await context.close();
  }

  it.each(LANGUAGES.flatMap((lang) => [true, false].map((javaScript) => [lang, javaScript] as const)))(
    'in %s with JavaScript %s',
    (lang, javaScript) => everyState(lang, javaScript),
    180_000,
  );
});

describe('the tokens', () => {
  it('are in no log line of any function, the web function’s included', () => {
    const logs = paths(stateDir()).logs;
    const web = template()
      .routes()
      .find((r) => r.path === '/site/{proxy+}')?.functionId;
    expect(web).toBeDefined();
    expect(existsSync(join(logs, `${web}.log`))).toBe(true);
    expect(seenTokens.size).toBeGreaterThan(30);
    for (const file of readdirSync(logs)) {
      const text = readFileSync(join(logs, file), 'utf8');
      for (const token of seenTokens) expect(text.includes(token), `${token} in ${file}`).toBe(false);
    }
  });
});
