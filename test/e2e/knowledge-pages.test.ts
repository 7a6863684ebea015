import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { UNTRANSLATED } from '../../lib/local/translate.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import {
  clickAndLoad,
  countRenders,
  expectAtMostTwoCalls,
  mainText,
  type Renders,
  signedIn,
} from './console-support.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, tokenFor, waitForEmail } from './support.ts';

/**
 * The knowledge pages in real Chromium, on data made through the API: a Spanish practice published
 * and machine-translated (the local stand-in marks its copies), a question answered and accepted, a
 * follower's digest. Search finds the practice from English and from Korean; its page shows the
 * sections the API rendered, the machine translation labelled, the city and the adoption; every page
 * passes axe-core in every language with JavaScript on and off, needs at most two API calls, and the
 * search form works by keyboard alone.
 */
const tag = randomUUID().slice(0, 8);
const word = `yupana${tag.replace(/[0-9]/g, 'q')}`; // only this run's practice contains it
let browser: Browser;
const ids = { practice: '', question: '', unsubscribe: '', conversation: '', draft: '' };
const people = { lima: '', seoul: '' };
const renders: Renders[] = [];

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

beforeAll(async () => {
  browser = await launch();
  const sec = await secretariat();
  const lima = await associateCity(
    applicationForm({ name: `Lima ${tag}`, country: 'PE', region: 'americas' }),
  );
  const seoul = await associateCity(applicationForm({ name: `Seoul ${tag}`, country: 'KR', region: 'asia' }));
  const lim = await tokenFor('member', lima.form.contact.email);
  const seo = await tokenFor('member', seoul.form.contact.email);
  // Seoul follows the theme: its digest brings the unsubscribe link.
  await call('/me/follows', { method: 'PUT', token: seo, json: { themes: ['open-inclusive-city'] } });
  const created = await call('/practices', {
    method: 'POST',
    token: lim,
    json: {
      title: `Presupuesto participativo ${word}`,
      summary: `Los vecinos proponen y votan proyectos en línea (${word}).`,
      language: 'es',
      themes: ['open-inclusive-city'],
      sdgs: [11, 16],
      stage: 'operational',
      yearStarted: 2021,
      costRange: '100k-1m',
      technologies: ['Decidim'],
      links: [{ url: 'https://decidim.example/', title: 'Decidim' }],
      sections: {
        problem: 'Poca participación en las **asambleas**. <script>alert(1)</script>',
        solution: 'Una plataforma [abierta](https://decidim.example) para proponer y votar.',
        results: '- 12.000 vecinos votaron\n- 38 proyectos financiados',
      },
    },
  });
  expect(created.status).toBe(201);
  ids.practice = created.body.id;
  await call(`/practices/${ids.practice}/submit`, { method: 'POST', token: lim });
  expect((await call(`/practices/${ids.practice}/publish`, { method: 'POST', token: sec })).status).toBe(200);
  expect(
    (
      await call(`/practices/${ids.practice}/adoptions`, {
        method: 'POST',
        token: seo,
        json: { note: 'Since 2025.' },
      })
    ).status,
  ).toBe(201);
  people.lima = lima.form.contact.email;
  // A draft of Lima's, for the review through the pages.
  const draft = await call('/practices', {
    method: 'POST',
    token: lim,
    json: {
      title: `Ventanilla única ${word}`,
      summary: 'Un solo lugar para todos los trámites.',
      language: 'es',
      themes: ['efficient-government'],
      sections: { problem: 'Trámites dispersos.', solution: 'Una ventanilla única en línea.' },
    },
  });
  expect(draft.status).toBe(201);
  ids.draft = draft.body.id;
  people.seoul = seoul.form.contact.email;
  const contact = await call(`/practices/${ids.practice}/contact`, {
    method: 'POST',
    token: seo,
    json: { message: `How did you reach older residents? ${tag}` },
  });
  expect(contact.status).toBe(201);
  ids.conversation = contact.body.id;
  const question = await call('/questions', {
    method: 'POST',
    token: seo,
    json: {
      title: `Which voting tool? ${tag}`,
      body: 'We compare tools.\n\nAny advice?',
      themes: ['open-inclusive-city'],
    },
  });
  ids.question = question.body.id;
  const answer = await call(`/questions/${ids.question}/answers`, {
    method: 'POST',
    token: lim,
    json: { body: `Decidim, self-hosted ${tag}.` },
  });
  await call(`/questions/${ids.question}/answers/${answer.body.id}/accept`, { method: 'POST', token: seo });
  // Searchable in Korean once the machine translation is indexed.
  await until('the Korean translation in the index', async () => {
    const r = await call(`/practices?q=${encodeURIComponent(`${UNTRANSLATED.ko} ${word}`)}&lang=ko`);
    return r.body.items?.some((i: { id: string }) => i.id === ids.practice) ? true : undefined;
  });
  const digest = await waitForEmail(
    (e) =>
      e.destination.to.includes(seoul.form.contact.email) &&
      (e.body.text ?? '').includes('/knowledge/unsubscribe/'),
    30_000,
  );
  ids.unsubscribe = /\/knowledge\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(digest.body.text ?? '')?.[1] as string;
}, 180_000);

afterAll(async () => {
  for (const r of renders) expectAtMostTwoCalls(r);
  await browser?.close();
});

async function open(options: { javaScript?: boolean; locale?: string } = {}) {
  const context = await newContext(browser, options);
  renders.push(countRenders(context));
  return { context, page: await context.newPage() };
}

const url = (lang: string, path: string) => `${siteUrl()}/${lang}/knowledge${path}`;

describe('knowledge pages', () => {
  it('finds the practice from English by keyboard alone, and its page shows it', async () => {
    const { context, page } = await open();
    await page.goto(url('en', ''));
    // From the top of the page, Tab reaches the search box; the next stop is the theme filter.
    const focused = () =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement?: { id?: string } } }).document.activeElement
            ?.id,
      );
    for (let i = 0; i < 60 && (await focused()) !== 'q'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('q');
    await page.keyboard.type(word);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('theme');
    await page.keyboard.press('Shift+Tab');
    // Enter in the search box sends the form.
    await Promise.all([page.waitForURL(/\?q=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    const text = await mainText(page);
    expect(text).toContain('1 practice found');
    expect(text).toContain(`Lima ${tag}, Peru`);
    // The theme facet counts what matched.
    expect(await page.textContent('#theme')).toContain('Open and Inclusive City (1)');
    await clickAndLoad(page, `a[href*="${ids.practice}"]`);
    expect(await page.textContent('h1')).toContain(word);
    await context.close();
  });

  it('shows the practice: machine translation labelled, the original one click away, safe sections', async () => {
    const { context, page } = await open({ javaScript: false });
    await page.goto(url('en', `/practices/${ids.practice}`));
    const text = await mainText(page);
    expect(text).toContain('Machine translation');
    expect(text).toContain('Read the original (Spanish)');
    expect(await page.getAttribute('article', 'lang')).toBe('en');
    await clickAndLoad(page, 'a:has-text("Read the original")');
    expect(await page.getAttribute('article', 'lang')).toBe('es');
    expect(await page.textContent('h1')).toBe(`Presupuesto participativo ${word}`);
    expect(await page.innerHTML('article')).toContain('<strong>asambleas</strong>');
    expect(await page.locator('article script').count()).toBe(0);
    expect(await page.textContent('article')).toContain('<script>alert(1)</script>');
    expect(await page.getAttribute('article a[href="https://decidim.example"]', 'rel')).toContain('nofollow');
    const all = await mainText(page);
    for (const s of ['The problem', 'The solution', 'Results', 'Operational', '2021', 'SDG 11', 'Decidim']) {
      expect(all).toContain(s);
    }
    expect(all).toContain(`Seoul ${tag}, South Korea`); // the adoption
    expect(all).toContain('Korean'); // a translation on offer
    const missing = await page.goto(url('en', '/practices/nowhere.x'));
    expect(missing?.status()).toBe(404);
    await context.close();
  });

  it('finds the practice from Korean through its machine translation, labelled', async () => {
    const { context, page } = await open({ locale: 'ko-KR' });
    await page.goto(url('ko', ''));
    await page.fill('#q', `${UNTRANSLATED.ko} ${word}`);
    await clickAndLoad(page, 'form[role=search] button[type=submit]');
    const result = page.locator(`li.knowledge-result:has(a[href*="${ids.practice}"])`);
    expect(await result.count()).toBe(1);
    expect(await result.textContent()).toContain('기계 번역');
    expect(await result.locator('a').first().getAttribute('lang')).toBe('ko');
    await clickAndLoad(page, `a[href*="${ids.practice}"]`);
    expect(await page.getAttribute('article', 'lang')).toBe('ko');
    expect(await mainText(page)).toContain('원문 보기');
    await context.close();
  });

  it('shows the questions and an answered one', async () => {
    const { context, page } = await open();
    await page.goto(url('en', '/questions'));
    expect(await mainText(page)).toContain(`Which voting tool? ${tag}`);
    await clickAndLoad(page, `a[href*="${ids.question}"]`);
    const text = await mainText(page);
    expect(text).toContain('Accepted answer');
    expect(text).toContain(`Decidim, self-hosted ${tag}.`);
    expect(await page.locator('main p.knowledge-text').count()).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  it('lets the practice’s city answer a relayed contact, without showing any address', async () => {
    const {
      context,
      page,
      renders: seen,
    } = await signedIn(browser, 'member', people.lima, { javaScript: false });
    renders.push(seen);
    await page.goto(url('en', `/conversations/${ids.conversation}`));
    let text = await mainText(page);
    expect(text).toContain(`How did you reach older residents? ${tag}`);
    expect(text).not.toContain('@');
    await clickAndLoad(page, 'main button[type=submit]');
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.textContent('.error-summary')).toContain('Enter your reply');
    await page.fill('#message', `Through libraries ${tag}`);
    await clickAndLoad(page, 'main button[type=submit]');
    text = await mainText(page);
    expect(text).toContain('Reply sent');
    expect(text).toContain(`Through libraries ${tag}`);
    await waitForEmail(
      (e) =>
        e.destination.to.includes(people.seoul) && (e.body.text ?? '').includes(`Through libraries ${tag}`),
    );
    // Anyone else, even a representative, finds nothing there.
    const other = await signedIn(browser, 'member', `other-${tag}@x.example`);
    renders.push(other.renders);
    expect((await other.page.goto(url('en', `/conversations/${ids.conversation}`)))?.status()).toBe(404);
    await other.context.close();
    for (const javaScript of [true, false]) {
      const {
        context: c,
        page: p,
        renders: r,
      } = await signedIn(browser, 'member', people.seoul, { javaScript });
      renders.push(r);
      for (const lang of LANGUAGES) {
        expect((await p.goto(url(lang, `/conversations/${ids.conversation}`)))?.status()).toBe(200);
        await checkA11y(p, `${lang} conversation JS ${javaScript ? 'on' : 'off'}`);
      }
      await c.close();
    }
    await context.close();
  }, 180_000);

  it('takes a draft through the review on the pages: submit, return with a reason, submit, publish', async () => {
    const draftPage = url('en', `/practices/${ids.draft}`);
    const rep = await signedIn(browser, 'member', people.lima, { javaScript: false });
    renders.push(rep.renders);
    await rep.page.goto(draftPage);
    expect(await mainText(rep.page)).toContain('Draft');
    await clickAndLoad(rep.page, 'form[action$="/submit"] button');
    expect(await mainText(rep.page)).toContain('Submitted for review');
    // Another city's representative sees nothing of it.
    const other = await signedIn(browser, 'member', people.seoul);
    renders.push(other.renders);
    expect((await other.page.goto(draftPage))?.status()).toBe(404);
    await other.context.close();

    const sec = await signedIn(browser, 'secretariat', 'secretariat@wego.example');
    renders.push(sec.renders);
    for (const lang of LANGUAGES) {
      await sec.page.goto(url(lang, '/review'));
      await checkA11y(sec.page, `${lang} review queue`);
      await sec.page.goto(url(lang, `/practices/${ids.draft}`));
      await checkA11y(sec.page, `${lang} practice in review`);
    }
    await sec.page.goto(url('en', '/review'));
    expect(await sec.page.textContent(`a[href*="${ids.draft}"]`)).toBe(`Ventanilla única ${word}`);
    await clickAndLoad(sec.page, `a[href*="${ids.draft}"]`);
    // A return needs a reason, asked for on the page.
    await clickAndLoad(sec.page, 'form[action$="/return"] button');
    expect(await sec.page.title()).toMatch(/^Error:/);
    expect(await sec.page.textContent('.error-summary')).toContain('Enter the reason');
    const reason = `Add figures, please ${tag}`;
    await sec.page.fill('#reason', reason);
    await clickAndLoad(sec.page, 'form[action$="/return"] button');
    expect(await mainText(sec.page)).toContain('Practice returned');
    await waitForEmail((e) => e.destination.to.includes(people.lima) && (e.body.text ?? '').includes(reason));
    // The city reads the reason on the page and submits again; the Secretariat publishes.
    await rep.page.goto(draftPage);
    expect(await mainText(rep.page)).toContain(reason);
    await clickAndLoad(rep.page, 'form[action$="/submit"] button');
    await sec.page.goto(url('en', `/practices/${ids.draft}`));
    await clickAndLoad(sec.page, 'form[action$="/publish"] button');
    expect(await mainText(sec.page)).toContain('Practice published');
    expect((await call(`/practices/${ids.draft}`)).body.status).toBe('published');
    await sec.context.close();
    await rep.context.close();
  }, 240_000);

  it('passes axe-core in every language, with JavaScript on and off', { timeout: 600_000 }, async () => {
    const pages = [
      `?q=${encodeURIComponent(word)}`,
      `/practices/${ids.practice}`,
      `/practices/${ids.practice}?text=es`,
      '/questions',
      `/questions/${ids.question}`,
      `/unsubscribe/${ids.unsubscribe}`,
    ];
    for (const javaScript of [true, false]) {
      const { context, page } = await open({ javaScript });
      for (const lang of LANGUAGES) {
        for (const path of pages) {
          const response = await page.goto(url(lang, path));
          expect(response?.status(), `${lang}${path}`).toBe(200);
          await checkA11y(page as Page, `${lang} ${path} JS ${javaScript ? 'on' : 'off'}`);
        }
      }
      await context.close();
    }
  });

  it('stops the digest from its link without signing in, and only on the button', async () => {
    const { context, page } = await open({ javaScript: false });
    await page.goto(url('en', `/unsubscribe/${ids.unsubscribe}`));
    expect(await mainText(page)).toContain('Open and Inclusive City');
    const seoul = await call(`/follows/unsubscribe/${ids.unsubscribe}`);
    expect(seoul.body.themes).toEqual(['open-inclusive-city']);
    await clickAndLoad(page, 'main button[type=submit]');
    expect(await page.textContent('h1')).toBe('You will receive no more digests');
    expect((await call(`/follows/unsubscribe/${ids.unsubscribe}`)).body.themes).toEqual([]);
    const bad = await page.goto(url('en', '/unsubscribe/not-a-token'));
    expect(bad?.status()).toBe(404);
    await context.close();
  });
});
