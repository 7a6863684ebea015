import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { checkA11y, launch, siteUrl } from './browser.ts';
import { clickAndLoad, expectAtMostTwoCalls, mainText, type Renders, signedIn } from './console-support.ts';
import { applicationForm, associateCity } from './membership-support.ts';
import { call, type Role, tokenFor, waitForEmail } from './support.ts';

/**
 * The forms of the city's representatives in real Chromium, without JavaScript: a
 * representative drafts a practice through the form (a refused answer shown at its field first),
 * submits it, the Secretariat returns it with a reason on the review pages, the representative edits
 * it through the form (a change made meanwhile is a conflict showing the current text) and submits
 * again; a representative of another city is refused. A question is asked, answered (an empty answer
 * refused on the page) and accepted by its asker. The forms pass axe-core in every language with
 * JavaScript on and off, and no render needs more than two API calls.
 */
const tag = randomUUID().slice(0, 8);
let browser: Browser;
const people = { lima: '', seoul: '' };
const renders: Renders[] = [];
let practiceId = '';
let questionId = '';

beforeAll(async () => {
  browser = await launch();
  const lima = await associateCity(
    applicationForm({ name: `Lima ${tag}`, country: 'PE', region: 'americas' }),
  );
  const seoul = await associateCity(applicationForm({ name: `Seoul ${tag}`, country: 'KR', region: 'asia' }));
  people.lima = lima.form.contact.email;
  people.seoul = seoul.form.contact.email;
}, 120_000);

afterAll(async () => {
  for (const r of renders) expectAtMostTwoCalls(r);
  await browser?.close();
});

const url = (lang: string, path: string) => `${siteUrl()}/${lang}/knowledge${path}`;

async function as(role: Role, email: string, javaScript = false) {
  const session = await signedIn(browser, role, email, { javaScript });
  renders.push(session.renders);
  return session;
}

describe('the knowledge forms', () => {
  it('drafts, submits, is returned with a reason, edits and resubmits through the pages', async () => {
    const rep = await as('member', people.lima);
    const { page } = rep;
    await page.goto(url('en', ''));
    await clickAndLoad(page, `a[href="/en/knowledge/practices/new"]`);
    expect(await page.textContent('h1')).toBe('Draft a practice');
    await page.fill('#title', `Ventanilla única ${tag}`);
    await page.fill('#summary', 'Un solo lugar para todos los trámites.');
    await page.selectOption('#language', 'es');
    await page.fill('#problem', 'Trámites **dispersos** en diez oficinas.');
    await page.check('input[name=themes][value=efficient-government]');
    await page.check('input[name=sdgs][value="16"]');
    await page.selectOption('#stage', 'pilot');
    await page.fill('#yearStarted', '2022');
    await page.fill('#technologies', 'Decidim\nX-Road');
    await page.fill('#links', 'https://example.org/informe Informe anual\nftp://example.org/x');
    // The solution is left empty and a link is not http(s): the API's 400, shown at the fields.
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.textContent('#solution-error')).toContain('Enter this part of the practice');
    expect(await page.textContent('#links-error')).toContain('Check line 2');
    expect(await page.getAttribute('.error-summary a[href="#solution"]', 'href')).toBe('#solution');
    // What was typed is kept.
    expect(await page.inputValue('#title')).toBe(`Ventanilla única ${tag}`);
    expect(await page.isChecked('input[name=sdgs][value="16"]')).toBe(true);
    await page.fill('#solution', 'Una ventanilla única en línea.');
    await page.fill('#links', 'https://example.org/informe Informe anual');
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(page)).toContain('Draft saved');
    practiceId = /\/practices\/([^/?]+)/.exec(page.url())?.[1] as string;
    const lim = await tokenFor('member', people.lima);
    const read = await call(`/practices/${practiceId}`, { token: lim });
    expect(read.body).toMatchObject({
      status: 'draft',
      language: 'es',
      title: `Ventanilla única ${tag}`,
      sdgs: [16],
      stage: 'pilot',
      yearStarted: 2022,
      technologies: ['Decidim', 'X-Road'],
      links: [{ url: 'https://example.org/informe', title: 'Informe anual' }],
    });
    expect(await page.innerHTML('.knowledge-markdown')).toContain('<strong>dispersos</strong>');
    await clickAndLoad(page, 'form[action$="/submit"] button');
    expect(await mainText(page)).toContain('Submitted for review');

    // The Secretariat returns it with a reason.
    const sec = await as('secretariat', 'secretariat@wego.example');
    await sec.page.goto(url('en', `/practices/${practiceId}`));
    const reason = `Add the figures ${tag}`;
    await sec.page.fill('#reason', reason);
    await clickAndLoad(sec.page, 'form[action$="/return"] button');
    expect(await mainText(sec.page)).toContain('Practice returned');

    // The representative reads the reason and edits through the form, from the practice's page.
    await page.goto(url('en', `/practices/${practiceId}`));
    expect(await mainText(page)).toContain(reason);
    await clickAndLoad(page, `a[href$="/practices/${practiceId}/edit"]`);
    expect(await page.inputValue('#problem')).toBe('Trámites **dispersos** en diez oficinas.');
    expect(await page.locator('#language').count()).toBe(0); // the original language stays
    // Someone else changes it meanwhile: saving shows the current text and keeps what was typed.
    await page.fill('#results', `- 40 % menos visitas ${tag}`);
    const meanwhile = await call(`/practices/${practiceId}`, {
      method: 'PATCH',
      token: lim,
      json: { summary: `Cambiado por otra persona ${tag}` },
    });
    expect(meanwhile.status).toBe(200);
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(page)).toContain('Someone changed this practice');
    expect(await page.textContent('.knowledge-current')).toContain(`Cambiado por otra persona ${tag}`);
    expect(await page.inputValue('#results')).toBe(`- 40 % menos visitas ${tag}`);
    // Saved on the second press, knowingly; then submitted again.
    await page.selectOption('#stage', '');
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(page)).toContain('Changes saved');
    const edited = (await call(`/practices/${practiceId}`, { token: lim })).body;
    expect(edited.sections.results).toBe(`- 40 % menos visitas ${tag}`);
    // The form's text is what the representative saved, having seen the other change.
    expect(edited.summary).toBe('Un solo lugar para todos los trámites.');
    expect(edited).not.toHaveProperty('stage'); // emptied in the form: removed
    await clickAndLoad(page, 'form[action$="/submit"] button');
    expect(await mainText(page)).toContain('Submitted for review');
    expect((await call(`/practices/${practiceId}`, { token: lim })).body.status).toBe('in_review');

    // Published, the practice can be edited again (its change reviewed); not by another city.
    await sec.page.goto(url('en', `/practices/${practiceId}`));
    await clickAndLoad(sec.page, 'form[action$="/publish"] button');
    expect(await mainText(sec.page)).toContain('Practice published');
    const other = await as('member', people.seoul);
    const refused = await other.page.goto(url('en', `/practices/${practiceId}/edit`));
    expect(refused?.status()).toBe(403);
    expect(await other.page.textContent('h1')).toBe('You cannot edit this practice');
    await other.page.goto(url('en', `/practices/${practiceId}`));
    expect(await other.page.locator(`a[href$="/edit"]`).count()).toBe(0);
    await other.context.close();
    await sec.context.close();
    await rep.context.close();
  }, 240_000);

  it('asks a visitor to sign in, and refuses a signed-in person who is not a representative', async () => {
    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    expect((await page.goto(url('en', '/practices/new')))?.status()).toBe(401);
    await visitor.close();
    const official = await as('official', `official-${tag}@x.example`);
    expect((await official.page.goto(url('en', '/practices/new')))?.status()).toBe(403);
    await official.context.close();
  });

  it('asks the network, answers and accepts an answer through the pages', async () => {
    const seoul = await as('member', people.seoul);
    await seoul.page.goto(url('en', '/questions'));
    await clickAndLoad(seoul.page, 'a[href="/en/knowledge/questions/new"]');
    // No theme chosen: the API's 400 at its field; what was typed is kept.
    await seoul.page.fill('#title', `Which tool for participatory budgets? ${tag}`);
    await seoul.page.fill('#question', 'We compare tools.\n\nAny advice?');
    await clickAndLoad(seoul.page, 'form.knowledge-form button[type=submit]');
    expect(await seoul.page.textContent('#themes-error')).toContain('Choose at least one theme');
    expect(await seoul.page.inputValue('#title')).toBe(`Which tool for participatory budgets? ${tag}`);
    await seoul.page.check('input[name=themes][value=open-inclusive-city]');
    await clickAndLoad(seoul.page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(seoul.page)).toContain('Question asked');
    questionId = /\/questions\/([^/?]+)/.exec(seoul.page.url())?.[1] as string;

    const lima = await as('member', people.lima);
    await lima.page.goto(url('en', `/questions/${questionId}`));
    expect(await lima.page.locator('form[action$="/accept"]').count()).toBe(0); // not the asker
    await clickAndLoad(lima.page, 'form[action$="/answers"] button');
    expect(await lima.page.textContent('#answer-error')).toContain('Enter your answer');
    await lima.page.fill('#answer', `Decidim, self-hosted ${tag}.`);
    await clickAndLoad(lima.page, 'form[action$="/answers"] button');
    expect(await mainText(lima.page)).toContain('Answer sent');
    expect(await mainText(lima.page)).toContain(`Decidim, self-hosted ${tag}.`);
    await waitForEmail(
      (e) =>
        e.destination.to.includes(people.seoul) &&
        (e.body.text ?? '').includes(`Decidim, self-hosted ${tag}.`),
    );

    await seoul.page.goto(url('en', `/questions/${questionId}`));
    await clickAndLoad(seoul.page, 'form[action$="/accept"] button');
    expect(await mainText(seoul.page)).toContain('Answer accepted');
    expect(await seoul.page.locator('.knowledge-answer--accepted').count()).toBe(1);
    expect((await call(`/questions/${questionId}`)).body.acceptedAnswerId).toBeTruthy();
    await seoul.context.close();
    await lima.context.close();
  }, 120_000);

  it('follows themes for the weekly digest, and stops it by choosing none', async () => {
    const lima = await as('member', people.lima);
    const { page } = lima;
    await page.goto(url('en', ''));
    await clickAndLoad(page, 'a[href="/en/knowledge/follows"]');
    expect(await page.textContent('h1')).toBe('Themes you follow');
    await page.check('input[name=themes][value=safe-city]');
    await page.check('input[name=themes][value=mobility]');
    await page.selectOption('#language', 'fr');
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(page)).toContain('Your weekly digest covers these themes.');
    const lim = await tokenFor('member', people.lima);
    const follows = (await call('/me/follows', { token: lim })).body;
    expect([...follows.themes].sort()).toEqual(['mobility', 'safe-city']);
    expect(follows.language).toBe('fr');
    expect(await page.isChecked('input[name=themes][value=mobility]')).toBe(true);
    await page.uncheck('input[name=themes][value=safe-city]');
    await page.uncheck('input[name=themes][value=mobility]');
    await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
    expect(await mainText(page)).toContain('You follow no theme');
    expect((await call('/me/follows', { token: lim })).body.themes).toEqual([]);
    await lima.context.close();
    // Signed in with the role but representing no city: saving is refused (the API's 403).
    const nobody = await as('member', `nobody-${tag}@x.example`);
    await nobody.page.goto(url('en', '/follows'));
    await nobody.page.check('input[name=themes][value=safe-city]');
    await clickAndLoad(nobody.page, 'form.knowledge-form button[type=submit]');
    expect(await nobody.page.textContent('h1')).toBe('Only representatives of member cities write here');
    await nobody.context.close();
  });

  it('asks a question by keyboard alone', async () => {
    const seoul = await as('member', people.seoul, true);
    const { page } = seoul;
    await page.goto(url('en', '/questions/new'));
    await page.focus('#title');
    await page.keyboard.type(`Keyboard question ${tag}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Asked without a mouse.');
    await page.keyboard.press('Tab'); // the first theme
    await page.keyboard.press('Space');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab'); // past the other five themes
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement?: { type?: string } } }).document
            .activeElement?.type,
      ),
    ).toBe('submit');
    const loaded = page.waitForURL(/done=asked/);
    await page.keyboard.press('Enter');
    await loaded;
    expect(await mainText(page)).toContain(`Keyboard question ${tag}`);
    await seoul.context.close();
  });

  it('passes axe-core in every language, with JavaScript on and off', { timeout: 600_000 }, async () => {
    for (const javaScript of [true, false]) {
      const { context, page } = await as('member', people.lima, javaScript);
      for (const lang of LANGUAGES) {
        for (const path of [
          '/practices/new',
          `/practices/${practiceId}/edit`,
          '/questions/new',
          `/questions/${questionId}`,
          '/follows',
          '?done=1',
        ]) {
          const response = await page.goto(url(lang, path));
          expect(response?.status(), `${lang}${path}`).toBe(200);
          await checkA11y(page as Page, `${lang} ${path} JS ${javaScript ? 'on' : 'off'}`);
        }
        // With the API's errors shown at their fields.
        await page.goto(url(lang, '/practices/new'));
        await page.fill('#title', `x ${tag}`);
        await clickAndLoad(page, 'form.knowledge-form button[type=submit]');
        expect(await page.locator('.error-summary').count()).toBe(1);
        await checkA11y(page as Page, `${lang} new practice with errors JS ${javaScript ? 'on' : 'off'}`);
      }
      await context.close();
    }
  });
});
