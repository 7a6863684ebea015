import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, translator } from '../../functions/shared/i18n.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { chooseCity, offlineTiles, type ReportingCity, reportingCity } from './citizen-support.ts';
import { secretariat } from './membership-support.ts';
import { withSession } from './official-support.ts';
import { call, tokenFor } from './support.ts';

/**
 * A service's own questions (Open311 attributes, set up as the console does) asked as a step of the
 * report after the matter: every datatype, with JavaScript on and off and by keyboard alone; the
 * answers on the check page, filed with the request (the API and the official's page show them); a
 * required question left empty gets the error summary; a service without questions skips the step.
 */
let browser: Browser;
let city: ReportingCity;

const QUESTIONS = [
  {
    code: 'danger',
    datatype: 'singlevaluelist',
    required: true,
    description: 'Is it dangerous?',
    datatypeDescription: 'For people walking or driving',
    order: 1,
    values: [
      { key: 'yes', name: 'Yes, very' },
      { key: 'no', name: 'Not really' },
    ],
  },
  { code: 'width', datatype: 'number', required: true, description: 'How wide is it, in metres?', order: 2 },
  {
    code: 'seen',
    datatype: 'datetime',
    required: false,
    description: 'When did you first see it?',
    order: 3,
  },
  {
    code: 'plate',
    datatype: 'string',
    required: false,
    description: 'A vehicle plate, if one hit it',
    order: 4,
  },
  {
    code: 'notes',
    datatype: 'text',
    required: false,
    description: 'Anything else the crew should know?',
    order: 5,
  },
  {
    code: 'who',
    datatype: 'multivaluelist',
    required: false,
    description: 'Who is affected?',
    order: 6,
    values: [
      { key: 'walkers', name: 'People walking' },
      { key: 'cyclists', name: 'Cyclists' },
      { key: 'drivers', name: 'Drivers' },
    ],
  },
];

beforeAll(async () => {
  [browser, city] = await Promise.all([launch(), reportingCity()]);
  // The Secretariat gives potholes their questions, as the console's attributes page saves them.
  const token = await secretariat();
  const { body } = await call(`/cities/${city.id}/services`, { token });
  const services = (body.services as { code: string }[]).map((s) =>
    s.code === 'pothole' ? { ...s, attributes: QUESTIONS } : s,
  );
  expect(
    (await call(`/cities/${city.id}/services`, { method: 'PUT', token, json: { services } })).status,
  ).toBe(200);
});
afterAll(() => browser?.close());

const continueButton = 'form[data-report] button[type=submit].button:not(.button--secondary)';
const next = async (page: Page) => {
  await Promise.all([page.waitForNavigation(), page.click(continueButton)]);
};
const byId = (id: string) => `[id="${id}"]`;

/** From the start of the report to the matter's next page, with `service` chosen. */
async function toQuestions(page: Page, lang: Language, service = 'pothole') {
  await page.goto(`${siteUrl()}/${lang}/report`);
  await chooseCity(page, city.id);
  await next(page);
  await page.check(`input[name=service][value=${service}]`, { force: true });
  await next(page);
}

/** A context in Seoul's time zone (the JavaScript sends it with a date and time). */
async function contextFor(javaScript: boolean, locale = 'en-GB'): Promise<BrowserContext> {
  if (!javaScript) return newContext(browser, { javaScript });
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Asia/Seoul' });
}

describe("a citizen answers the service's questions", () => {
  it.each([true, false])(
    'with JavaScript %s: every datatype, checked, filed and shown',
    async (javaScript) => {
      const t = translator('en', citizen);
      const context = await contextFor(javaScript);
      const page = await context.newPage();
      await offlineTiles(page);
      await toQuestions(page, 'en');
      expect(await page.textContent('h1')).toBe(t('questions.title'));
      expect(await page.textContent('.caption')).toContain(t('report.caption', { step: 3, steps: 7 }));
      // In their order, each with its explanation.
      const labels = await page.locator('.report label.label, .report legend.legend').allTextContents();
      expect(labels.map((l) => l.trim())).toEqual([
        'Is it dangerous?',
        'How wide is it, in metres?',
        t('questions.optional', { question: 'When did you first see it?' }),
        t('questions.optional', { question: 'A vehicle plate, if one hit it' }),
        t('questions.optional', { question: 'Anything else the crew should know?' }),
        t('questions.optional', { question: 'Who is affected?' }),
      ]);
      expect(await page.textContent('main')).toContain('For people walking or driving');
      expect(await page.getAttribute(byId('attr.width'), 'inputmode')).toBe('decimal');
      expect(await page.getAttribute(byId('attr.seen'), 'type')).toBe('datetime-local');

      await page.check('input[name="attr.danger"][value=yes]', { force: true });
      await page.fill(byId('attr.width'), '1,5');
      await page.fill(byId('attr.seen'), '2026-11-20T08:15');
      const plate = `12가 ${randomUUID().slice(0, 4)}`;
      await page.fill(byId('attr.plate'), plate);
      await page.fill(byId('attr.notes'), 'Deep enough to hide a wheel.\nNear the school gate.');
      await page.check('input[name="attr.who"][value=walkers]', { force: true });
      await page.check('input[name="attr.who"][value=drivers]', { force: true });
      await next(page);

      expect(await page.textContent('h1')).toBe(t('where.title'));
      await page.fill('#district', 'Jongno');
      await next(page);
      await page.fill('#description', `Questions ${javaScript} ${randomUUID()}`);
      await next(page);
      await next(page); // no photos
      await next(page); // anonymous

      expect(await page.textContent('h1')).toBe(t('check.title'));
      const summary = (await page.textContent('.summary-list')) ?? '';
      for (const shown of [
        'Yes, very',
        '1,5',
        'November',
        plate,
        'Near the school gate.',
        'People walking and Drivers',
      ])
        expect(summary).toContain(shown);
      // "Change" leads back to the questions, with the answers as they were.
      const change = page
        .locator('dt', { hasText: 'Who is affected?' })
        .locator('xpath=..')
        .locator('button');
      await Promise.all([page.waitForNavigation(), change.click()]);
      expect(await page.textContent('h1')).toBe(t('questions.title'));
      expect(await page.inputValue(byId('attr.plate'))).toBe(plate);
      expect(await page.isChecked('input[name="attr.who"][value=drivers]')).toBe(true);
      await page.uncheck('input[name="attr.who"][value=drivers]', { force: true });
      await next(page);
      expect(await page.textContent('h1')).toBe(t('check.title'));
      expect(await page.textContent('.summary-list')).not.toContain('Drivers');
      await next(page);

      await page.waitForURL(/\/report\/sent\//);
      const id = (await page.textContent('.panel__reference'))?.trim() ?? '';
      const filed = await call(`/requests/${id}`, { token: await tokenFor('official', city.roads.email) });
      expect(filed.status).toBe(200);
      expect(filed.body.attributes).toEqual({
        danger: 'yes',
        width: '1.5',
        // The citizen's own clock: Seoul's with JavaScript, UTC without (the page cannot know it then).
        seen: javaScript ? '2026-11-20T08:15:00+09:00' : '2026-11-20T08:15:00Z',
        plate,
        // A form sends a textarea's lines as CRLF, and the API keeps them as sent.
        notes: 'Deep enough to hide a wheel.\r\nNear the school gate.',
        who: ['walkers'],
      });
      // The public page never shows them (they may carry personal data); the official's page does.
      expect((await call(`/requests/${id}`)).body.attributes).toBeUndefined();
      await withSession(context, 'official', city.roads.email);
      await page.goto(`${siteUrl()}/en/official/requests/${id}`);
      const official = (await page.textContent('main')) ?? '';
      expect(official).toContain(plate);
      expect(official).toContain('Near the school gate.');
      // In the words the citizen was asked: the questions, and the choices' names rather than their keys.
      const answers = await page
        .locator('h2:has-text("Answers to the matter\'s questions") + .city-words .summary-list')
        .textContent();
      for (const words of ['Is it dangerous?', 'Yes, very', 'Who is affected?', 'People walking'])
        expect(answers).toContain(words);
      expect(answers).not.toContain('walkers');
      await context.close();
    },
  );

  it.each([true, false])(
    'with JavaScript %s: a required question left empty gets the error summary, focused, nothing lost',
    async (javaScript) => {
      const t = translator('en', citizen);
      const context = await contextFor(javaScript);
      const page = await context.newPage();
      await toQuestions(page, 'en');
      await page.fill(byId('attr.plate'), 'KEEP-ME');
      await page.fill(byId('attr.width'), 'wide');
      if (javaScript) await page.click(continueButton);
      else await next(page);
      await page.waitForSelector('.error-summary');
      const summary = (await page.textContent('.error-summary')) ?? '';
      expect(summary).toContain(t('questions.error.choose', { question: 'Is it dangerous?' }));
      if (!javaScript) {
        // The server also refuses what is not a number (the script only points out what is missing).
        expect(summary).toContain(t('questions.error.number', { question: 'How wide is it, in metres?' }));
        expect(await page.title()).toContain(t('report.errorPrefix'));
      }
      expect(await page.inputValue(byId('attr.plate'))).toBe('KEEP-ME');
      expect(await page.inputValue(byId('attr.width'))).toBe('wide');
      if (javaScript) {
        expect(await page.evaluate('document.activeElement.matches(".error-summary")')).toBe(true);
        await page.click('.error-summary a[href="#attr.danger"]');
        expect(await page.evaluate('document.activeElement.id')).toBe('attr.danger');
      } else {
        expect(await page.getAttribute('.error-summary a >> nth=0', 'href')).toBe('#attr.danger');
        expect(await page.textContent('[id="attr.width-error"]')).toContain(
          t('questions.error.number', { question: 'How wide is it, in metres?' }),
        );
      }
      await context.close();
    },
  );

  it('by keyboard alone', async () => {
    const t = translator('en', citizen);
    const context = await contextFor(true);
    const page = await context.newPage();
    await offlineTiles(page);
    await toQuestions(page, 'en');
    const focused = (selector: string) =>
      page.evaluate(`document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`);
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await focused(selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('input[name="attr.danger"]');
    for (let i = 0; i < 5 && !(await focused('input[name="attr.danger"][value=no]')); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await tabTo(byId('attr.width'));
    await page.keyboard.type('3');
    await tabTo(byId('attr.notes'));
    await page.keyboard.type('Typed by keyboard');
    await tabTo('input[name="attr.who"][value=cyclists]');
    await page.keyboard.press('Space');
    await tabTo(continueButton);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe(t('where.title'));
    // Back (by keyboard too) finds every answer as it was given.
    await tabTo('button.back-link');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe(t('questions.title'));
    expect(await page.isChecked('input[name="attr.danger"][value=no]')).toBe(true);
    expect(await page.inputValue(byId('attr.width'))).toBe('3');
    expect(await page.inputValue(byId('attr.notes'))).toBe('Typed by keyboard');
    expect(await page.isChecked('input[name="attr.who"][value=cyclists]')).toBe(true);
    await context.close();
  });

  it('another matter drops the answers; a service without questions skips the step both ways', async () => {
    const t = translator('en', citizen);
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await toQuestions(page, 'en');
    await page.check('input[name="attr.danger"][value=yes]', { force: true });
    await page.fill(byId('attr.width'), '2');
    // Back to the matter; street lights have no questions: straight on to where.
    await Promise.all([page.waitForNavigation(), page.click('button.back-link')]);
    expect(await page.textContent('h1')).toBe(t('matter.title'));
    await page.check('input[name=service][value=streetlight]', { force: true });
    await next(page);
    expect(await page.textContent('h1')).toBe(t('where.title'));
    expect(await page.textContent('.caption')).toContain(t('report.caption', { step: 3, steps: 6 }));
    expect(await page.locator('input[name^="attr."]').count()).toBe(0);
    // Back skips the step too.
    await Promise.all([page.waitForNavigation(), page.click('button.back-link')]);
    expect(await page.textContent('h1')).toBe(t('matter.title'));
    // Potholes again: the questions are asked afresh.
    await page.check('input[name=service][value=pothole]', { force: true });
    await next(page);
    expect(await page.textContent('h1')).toBe(t('questions.title'));
    expect(await page.inputValue(byId('attr.width'))).toBe('');
    expect(await page.isChecked('input[name="attr.danger"][value=yes]')).toBe(false);
    await context.close();
  });

  it.each([
    ['en', true],
    ['en', false],
    ['ar', true],
    ['ar', false],
  ] as const)('passes axe in %s with JavaScript %s, errors included', async (lang, javaScript) => {
    const t = translator(lang, citizen);
    const context = await newContext(browser, { javaScript, width: javaScript ? 1280 : 375 });
    const page = await context.newPage();
    await toQuestions(page, lang);
    expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    expect(await page.textContent('h1')).toBe(t('questions.title'));
    await checkA11y(page, `questions in ${lang}, JavaScript ${javaScript}`);
    await page.fill(byId('attr.width'), 'x');
    if (javaScript) await page.click(continueButton);
    else await next(page);
    await page.waitForSelector('.error-summary');
    await checkA11y(page, `questions with errors in ${lang}, JavaScript ${javaScript}`);
    await context.close();
  });
});
