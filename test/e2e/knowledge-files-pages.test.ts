import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNTRANSLATED } from '../../lib/local/translate.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { clickAndLoad, expectAtMostTwoCalls, mainText, type Renders, signedIn } from './console-support.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, type Role, tokenFor } from './support.ts';

/**
 * The pages of a practice's attachments, its city's translations and its retirement, in real
 * Chromium on the local stack (the S3 stand-in takes the files): a PDF and a PNG uploaded with
 * JavaScript off (through the site) and on (straight to storage), listed, a text file named .pdf
 * refused on its field, one removed; once published, the public page lists the files and a download
 * link returns the bytes. A Korean translation by the city replaces the machine one on the public
 * Korean page; the practice is retired and shown so; another city's representative is refused. Every
 * new page passes axe-core in English and Arabic with JavaScript on and off, with at most two API calls.
 */
const tag = randomUUID().slice(0, 8);
const PDF = Buffer.from(
  `%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${tag}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
);
/** A whole 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const TEXT = Buffer.from(`Not a PDF at all, only text (${tag}).\n`);

let browser: Browser;
let practiceId = '';
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
  const lima = await associateCity(
    applicationForm({ name: `Lima ${tag}`, country: 'PE', region: 'americas' }),
  );
  const seoul = await associateCity(applicationForm({ name: `Seoul ${tag}`, country: 'KR', region: 'asia' }));
  people.lima = lima.form.contact.email;
  people.seoul = seoul.form.contact.email;
  const created = await call('/practices', {
    method: 'POST',
    token: await tokenFor('member', people.lima),
    json: {
      title: `Presupuesto abierto ${tag}`,
      summary: 'Los vecinos leen todo el presupuesto en línea.',
      language: 'es',
      themes: ['open-inclusive-city'],
      sections: { problem: 'Nadie leía el presupuesto.', solution: 'Un sitio legible del presupuesto.' },
    },
  });
  expect(created.status).toBe(201);
  practiceId = created.body.id;
}, 120_000);

afterAll(async () => {
  for (const r of renders) expectAtMostTwoCalls(r);
  await browser?.close();
});

const url = (lang: string, path: string) => `${siteUrl()}/${lang}/knowledge/practices/${practiceId}${path}`;

async function as(role: Role, email: string, javaScript = false) {
  const session = await signedIn(browser, role, email, { javaScript });
  renders.push(session.renders);
  return session;
}

const rows = (page: Page) => page.locator('table.table tbody tr');
const file = (name: string, mimeType: string, buffer: Buffer) => ({ name, mimeType, buffer });

describe('the attachments, translations and retire pages', () => {
  it('uploads a PDF and a PNG with JavaScript off and on, refuses a text file named .pdf, removes one', {
    timeout: 180_000,
  }, async () => {
    // Without JavaScript, from the practice page: the form posts the file through the site.
    const off = await as('member', people.lima);
    await off.page.goto(url('en', ''));
    await clickAndLoad(off.page, `a[href="/en/knowledge/practices/${practiceId}/attachments"]`);
    expect(await off.page.textContent('h1')).toBe('Attachments of the practice');
    expect(await mainText(off.page)).toContain('No file is attached yet.');
    await off.page.setInputFiles('#file', file(`Budget report ${tag}.pdf`, 'application/pdf', PDF));
    await clickAndLoad(off.page, 'form.knowledge-upload button[type=submit]');
    expect(await mainText(off.page)).toContain('File attached');
    await off.page.setInputFiles('#file', file('map.png', 'image/png', PNG));
    await clickAndLoad(off.page, 'form.knowledge-upload button[type=submit]');
    expect(await rows(off.page).count()).toBe(2);
    expect(await mainText(off.page)).toContain('PNG image');
    // A text file named .pdf: its bytes are checked, and it is refused on the field.
    await off.page.setInputFiles('#file', file('fake.pdf', 'application/pdf', TEXT));
    await clickAndLoad(off.page, 'form.knowledge-upload button[type=submit]');
    expect(await off.page.title()).toMatch(/^Error:/);
    expect(await off.page.textContent('#file-error')).toContain('The file must be a PDF or an image');
    expect(await off.page.getAttribute('.error-summary a', 'href')).toBe('#file');
    // No file chosen.
    await clickAndLoad(off.page, 'form.knowledge-upload button[type=submit]');
    expect(await off.page.textContent('#file-error')).toContain('Choose a file to upload');
    expect(await rows(off.page).count()).toBe(2);

    // With JavaScript: the file goes straight to storage, then the page attaches it.
    const on = await as('member', people.lima, true);
    await on.page.goto(url('en', '/attachments'));
    const send = async (f: ReturnType<typeof file>, expected: RegExp) => {
      await on.page.goto(url('en', '/attachments'));
      await on.page.setInputFiles('#file', f);
      await Promise.all([
        on.page.waitForURL(expected),
        on.page.click('form.knowledge-upload button[type=submit]'),
      ]);
      await on.page.waitForLoadState('load');
    };
    await send(file('photo.png', 'image/png', PNG), /done=attached/);
    await send(file('Annex.pdf', 'application/pdf', PDF), /done=attached/);
    expect(await rows(on.page).count()).toBe(4);
    await send(file('also-fake.pdf', 'application/pdf', TEXT), /error=type/);
    expect(await on.page.textContent('#file-error')).toContain('its content was checked');
    // Too big for any attachment: said on the field before anything is sent.
    await on.page.setInputFiles('#file', file('huge.pdf', 'application/pdf', Buffer.alloc(21 * 1024 * 1024)));
    await on.page.click('form.knowledge-upload button[type=submit]');
    await on.page.waitForSelector('#file-script-error:not([hidden])');
    expect(await on.page.textContent('#file-script-error')).toContain('20 MB or smaller');
    expect(await rows(on.page).count()).toBe(4);
    await on.context.close();

    // Removing one (its button says which).
    await off.page.goto(url('en', '/attachments'));
    await clickAndLoad(off.page, 'tr:has-text("Annex.pdf") form button');
    expect(await mainText(off.page)).toContain('File removed');
    const read = await call(`/practices/${practiceId}`, { token: await tokenFor('member', people.lima) });
    expect(read.body.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(
      [`Budget report ${tag}.pdf`, 'map.png', 'photo.png'].sort(),
    );
    await off.context.close();
  });

  it('lists the files of the published practice for anyone, and a download link gives the bytes', {
    timeout: 60_000,
  }, async () => {
    const lim = await tokenFor('member', people.lima);
    expect((await call(`/practices/${practiceId}/submit`, { method: 'POST', token: lim })).status).toBe(200);
    const sec = await secretariat();
    expect((await call(`/practices/${practiceId}/publish`, { method: 'POST', token: sec })).status).toBe(200);
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(url('en', ''));
    const links = page.locator('.knowledge-files a');
    expect(await links.count()).toBe(3);
    const item = page.locator(`.knowledge-files__item:has-text("Budget report ${tag}.pdf")`);
    expect(await item.textContent()).toMatch(/PDF document, 0\.\d kB/);
    expect(await page.locator('a[href$="/attachments"]').count()).toBe(0); // not the city's
    const href = (await item.locator('a').getAttribute('href')) as string;
    const download = await context.request.get(`${siteUrl()}${href}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    const png = await context.request.get(
      `${siteUrl()}${await page.locator('.knowledge-files__item:has-text("map.png") a').getAttribute('href')}`,
    );
    expect(png.headers()['content-type']).toBe('image/png');
    await context.close();
  });

  it('takes the city’s Korean translation, which the public Korean page then shows without the machine label', {
    timeout: 120_000,
  }, async () => {
    // The machine translation comes first (the local stand-in marks its copies).
    await until('the Korean machine translation', async () => {
      const r = await call(`/practices/${practiceId}`);
      return r.body.translations?.some(
        (t: { language: string; machine: boolean }) => t.language === 'ko' && t.machine,
      )
        ? true
        : undefined;
    });
    const rep = await as('member', people.lima);
    const { page } = rep;
    await page.goto(url('en', ''));
    await clickAndLoad(page, `a[href="/en/knowledge/practices/${practiceId}/translations"]`);
    expect(await page.textContent('tr:has-text("Korean")')).toContain('Machine translation');
    await clickAndLoad(page, `a[href="/en/knowledge/practices/${practiceId}/translations/ko"]`);
    expect(await page.textContent('h1')).toBe('Translation into Korean');
    expect(await page.inputValue('#title')).toContain(UNTRANSLATED.ko as string);
    // An empty title is refused at its field, what was typed kept.
    await page.fill('#title', '');
    await page.fill('#summary', `주민들이 예산 전체를 온라인으로 읽습니다 ${tag}.`);
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await page.textContent('#title-error')).toContain('Enter this part of the translation');
    expect(await page.inputValue('#summary')).toBe(`주민들이 예산 전체를 온라인으로 읽습니다 ${tag}.`);
    await page.fill('#title', `열린 예산 ${tag}`);
    await page.fill('#problem', '아무도 예산을 읽지 않았습니다.');
    await page.fill('#solution', '읽기 쉬운 예산 사이트.');
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(page)).toContain('Translation saved');
    expect(await page.textContent('tr:has-text("Korean")')).toContain('By your city');
    // Reviewed like any change: submitted from the practice page, published by the Secretariat.
    await page.goto(url('en', ''));
    await clickAndLoad(page, 'form[action$="/submit"] button');
    expect(await mainText(page)).toContain('Submitted for review');
    const sec = await secretariat();
    expect((await call(`/practices/${practiceId}/publish`, { method: 'POST', token: sec })).status).toBe(200);
    const visitor = await newContext(browser, { javaScript: false });
    const korean = await visitor.newPage();
    await korean.goto(url('ko', ''));
    expect(await korean.textContent('h1')).toBe(`열린 예산 ${tag}`);
    expect(await korean.locator('.knowledge-practice__machine').count()).toBe(0);
    expect(await mainText(korean)).not.toContain(UNTRANSLATED.ko as string);
    await visitor.close();
    await rep.context.close();
  });

  it('refuses another city’s representative with a "not yours" page; offers the Secretariat the retiring', {
    timeout: 60_000,
  }, async () => {
    const other = await as('member', people.seoul);
    for (const path of ['/attachments', '/translations', '/translations/ko', '/retire']) {
      const answer = await other.page.goto(url('en', path));
      expect(answer?.status(), path).toBe(403);
      expect(await other.page.textContent('h1')).toBe('This is not your city’s practice');
    }
    await other.page.goto(url('en', ''));
    expect(await other.page.locator('a[href$="/retire"]').count()).toBe(0);
    await other.context.close();
    // The Secretariat may retire any published practice (the API allows it): it is offered the page.
    const sec = await as('secretariat', 'secretariat@wego.example');
    await sec.page.goto(url('en', ''));
    await clickAndLoad(sec.page, `a[href="/en/knowledge/practices/${practiceId}/retire"]`);
    expect(await sec.page.textContent('h1')).toBe('Retire this practice?');
    expect(await sec.page.locator('a[href$="/attachments"]').count()).toBe(0); // the city's pages only
    await sec.context.close();
  });

  it('passes axe-core in English and Arabic, with JavaScript on and off', { timeout: 300_000 }, async () => {
    for (const javaScript of [true, false]) {
      const { context, page } = await as('member', people.lima, javaScript);
      for (const lang of ['en', 'ar']) {
        for (const path of [
          '',
          '/attachments',
          '/attachments?error=type',
          '/translations',
          '/translations/ko',
          '/retire',
        ]) {
          const answer = await page.goto(url(lang, path));
          expect(answer?.status(), `${lang}${path}`).toBe(path.includes('error=') ? 400 : 200);
          if (lang === 'ar') expect(await page.getAttribute('html', 'dir')).toBe('rtl');
          await checkA11y(page, `${lang} ${path || 'practice'} JS ${javaScript ? 'on' : 'off'}`);
        }
        await page.goto(url(lang, '/translations/ko'));
        await page.fill('#title', '');
        await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
        expect(await page.locator('.error-summary').count()).toBe(1);
        await checkA11y(page, `${lang} translation with errors JS ${javaScript ? 'on' : 'off'}`);
      }
      await context.close();
    }
  });

  it('retires the practice after saying what retiring means; the practice shows it retired', {
    timeout: 60_000,
  }, async () => {
    const rep = await as('member', people.lima);
    const { page } = rep;
    await page.goto(url('en', ''));
    await clickAndLoad(page, `a[href="/en/knowledge/practices/${practiceId}/retire"]`);
    expect(await page.textContent('h1')).toBe('Retire this practice?');
    expect(await mainText(page)).toContain('it is never deleted');
    await clickAndLoad(page, 'form.button-group button[type=submit]');
    expect(await mainText(page)).toContain('Practice retired');
    expect(await mainText(page)).toContain('Retired');
    expect((await call(`/practices/${practiceId}`)).body.status).toBe('retired');
    // Retired: no more retiring, no more attachments to change; still readable by anyone.
    expect(await page.locator('a[href$="/retire"]').count()).toBe(0);
    expect((await page.goto(url('en', '/retire')))?.status()).toBe(409);
    await rep.context.close();
    const visitor = await newContext(browser, { javaScript: false });
    const anyone = await visitor.newPage();
    expect((await anyone.goto(url('en', '')))?.status()).toBe(200);
    expect(await mainText(anyone)).toContain('Retired');
    await visitor.close();
  });
});
