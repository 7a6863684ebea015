import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { clickAndLoad, expectAtMostTwoCalls, mainText, type Renders, signedIn } from './console-support.ts';
import { applicationForm, associateCity, committee, secretariat } from './membership-support.ts';
import { call } from './support.ts';

/**
 * A city's knowledge-sharing representatives and a service's questions (Open311 attributes), managed
 * in the console without JavaScript: what the API then holds, the API's refusals shown at the field in
 * the page's language, a change made from a stale page refused, a withdrawn city's representatives
 * without rights. Every new page in 7 languages, JavaScript on and off, under axe-core, with at most
 * two API calls per render; the site's navigation by role.
 */
let browser: Browser;
let page: Page;
let renders: Renders;
let member: Awaited<ReturnType<typeof associateCity>>;
let withdrawn: Awaited<ReturnType<typeof associateCity>>;
const tag = Date.now();
const rep = { name: 'Camille Martin', email: `camille-${tag}@city.example` };

const consoleUrl = (path: string, lang = 'en') => `${siteUrl()}/${lang}/console/cities/${member.id}${path}`;
const repsOf = async (cityId: string) =>
  call(`/cities/${cityId}/representatives`, { token: await secretariat() });
const servicesOf = async () => (await call(`/cities/${member.id}/services`)).body.services;

beforeAll(async () => {
  browser = await launch();
  ({ page, renders } = await signedIn(browser, 'secretariat', 'clerk@wego.example', { javaScript: false }));
  member = await associateCity(applicationForm({ country: 'FR', region: 'europe' }));
  withdrawn = await associateCity(applicationForm({ country: 'ES', region: 'europe' }));
  const token = await secretariat();
  const gone = await call(`/members/${withdrawn.id}/withdraw`, {
    method: 'POST',
    token,
    json: { reason: 'Left the organization' },
  });
  expect(gone.status).toBe(200);
  const services = await call(`/cities/${member.id}/services`, {
    method: 'PUT',
    token,
    json: {
      services: [
        { code: 'graffiti', name: 'Graffiti', slaHours: 72 },
        { code: 'pothole', name: 'Potholes', slaHours: 48 },
      ],
    },
  });
  expect(services.status).toBe(200);
}, 60_000);
afterAll(() => browser?.close());

describe("a city's representatives in the console", () => {
  it('lists the first representative (the contact person), reached from the city page', async () => {
    await page.goto(consoleUrl(''));
    await clickAndLoad(page, '.console-tabs a[href$="/representatives"]');
    expect(await page.getAttribute('.console-tabs a[aria-current=page]', 'href')).toMatch(/representatives$/);
    expect(await mainText(page)).toContain(member.form.contact.email);
  });

  it('adds one with the language of their emails', async () => {
    await page.fill('#rep-name', rep.name);
    await page.fill('#rep-email', rep.email.toUpperCase());
    await page.selectOption('#rep-language', 'fr');
    await clickAndLoad(page, 'main form:not([action$="/remove"]) button');
    expect(await page.textContent('.notification')).toContain('The representative has been added');
    expect(await mainText(page)).toContain('French');
    expect((await repsOf(member.id)).body.representatives).toEqual([
      { name: member.form.contact.name, email: member.form.contact.email },
      { name: rep.name, email: rep.email, language: 'fr' },
    ]);
  });

  it('refuses a malformed email and a second entry of the same person, keeping what was typed', async () => {
    await page.fill('#rep-name', 'No Address');
    await page.fill('#rep-email', 'not-an-email');
    await clickAndLoad(page, 'main form:not([action$="/remove"]) button');
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.textContent('.error-summary')).toContain(
      'Enter an email address in the correct format',
    );
    expect(await page.textContent('#rep-email-error')).toContain('correct format');
    expect(await page.inputValue('#rep-name')).toBe('No Address');

    await page.fill('#rep-email', rep.email);
    await clickAndLoad(page, 'main form:not([action$="/remove"]) button');
    expect(await page.textContent('.error-summary')).toContain('already a representative');
    expect((await repsOf(member.id)).body.representatives).toHaveLength(2);
  });

  it('refuses a change made from a page opened before another change, then removes from a fresh one', async () => {
    const stale = await page.context().newPage();
    await stale.goto(consoleUrl('/representatives'));
    await page.goto(consoleUrl('/representatives'));
    await page.fill('#rep-name', 'Third Person');
    await page.fill('#rep-email', `third-${tag}@city.example`);
    await clickAndLoad(page, 'main form:not([action$="/remove"]) button');
    expect(await page.textContent('.notification')).toContain('added');

    // The stale page removes Camille: refused, nothing changed, the list shown as it is now.
    await clickAndLoad(stale, `form[action$="/remove"]:has(input[value="${rep.email}"]) button`);
    expect(await stale.textContent('.error-summary')).toContain('changed since this page was opened');
    expect(await mainText(stale)).toContain(`third-${tag}@city.example`);
    expect((await repsOf(member.id)).body.representatives).toHaveLength(3);

    // From the list as it is now, the removal goes through.
    await clickAndLoad(stale, `form[action$="/remove"]:has(input[value="${rep.email}"]) button`);
    expect(await stale.textContent('.notification')).toContain('has been removed');
    const emails = (await repsOf(member.id)).body.representatives.map((r: { email: string }) => r.email);
    expect(emails).toEqual([member.form.contact.email, `third-${tag}@city.example`]);
    await stale.close();
  });

  it("says a withdrawn city's representatives have no rights, on its page and theirs", async () => {
    await page.goto(`${siteUrl()}/en/console/cities/${withdrawn.id}`);
    expect(await page.textContent('[data-no-rights]')).toContain('no longer have any rights');
    await clickAndLoad(page, '[data-no-rights] a');
    expect(await page.textContent('[data-no-rights]')).toContain('no longer have any rights');
    expect(await page.$('#rep-email')).toBeNull();
  });
});

describe("a service's questions in the console", () => {
  it('defines two questions, one a list, adding a row without JavaScript', async () => {
    await page.goto(consoleUrl('/services'));
    await clickAndLoad(page, 'a[href$="/services/pothole/attributes"]');
    await page.fill('#attr-0-code', 'size');
    await page.fill('#attr-0-description', 'How big is it?');
    await page.selectOption('#attr-0-datatype', 'singlevaluelist');
    await page.click('label[for=attr-0-required]');
    await page.fill('#attr-0-values', 'small = Smaller than a hand\nbig = Bigger than a wheel');
    await clickAndLoad(page, 'button[value=add]');
    expect(await page.inputValue('#attr-0-code')).toBe('size');
    await page.fill('#attr-1-code', 'seen');
    await page.fill('#attr-1-description', 'When did you see it?');
    await page.selectOption('#attr-1-datatype', 'datetime');
    await page.fill('#attr-1-order', '5');
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.notification')).toContain('The questions have been saved');
    const [graffiti, pothole] = await servicesOf();
    expect(graffiti).toEqual({ code: 'graffiti', name: 'Graffiti', slaHours: 72 });
    expect(pothole.attributes).toEqual([
      {
        code: 'size',
        datatype: 'singlevaluelist',
        required: true,
        description: 'How big is it?',
        values: [
          { key: 'small', name: 'Smaller than a hand' },
          { key: 'big', name: 'Bigger than a wheel' },
        ],
      },
      { code: 'seen', datatype: 'datetime', required: false, description: 'When did you see it?', order: 5 },
    ]);
  });

  it("shows the API's refusals at the question and field they name, in the page's language", async () => {
    await page.goto(consoleUrl('/services/pothole/attributes', 'fr'));
    await page.fill('#attr-0-values', 'small = Petit\nsmall = Grand');
    await page.fill('#attr-1-order', 'first');
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.title()).toMatch(/^Erreur/);
    const summary = await page.textContent('.error-summary');
    expect(summary).toContain('Question 1, choix 2');
    expect(summary).toContain('l’ordre de la question 2');
    expect(await page.textContent('#attr-0-values-error')).toContain('choix 2');
    expect(await page.textContent('#attr-1-order-error')).toContain('1 à 1000');
    expect(await page.inputValue('#attr-1-order')).toBe('first');
    expect((await servicesOf())[1].attributes).toHaveLength(2);
  });

  it('removes a question; the services form keeps the questions it does not edit', async () => {
    await page.goto(consoleUrl('/services/pothole/attributes'));
    await page.click('label[for=attr-1-remove]');
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.notification')).toContain('saved');
    await page.goto(consoleUrl('/services'));
    expect(await mainText(page)).toContain('Questions for Potholes (1 question)');
    await page.fill('#service-1-slaHours', '24');
    await clickAndLoad(page, 'button[value=save]');
    const pothole = (await servicesOf())[1];
    expect(pothole.slaHours).toBe(24);
    expect(pothole.attributes.map((a: { code: string }) => a.code)).toEqual(['size']);
  });

  it('never needed more than two API calls to render', () => expectAtMostTwoCalls(renders, 10));
});

describe('the site navigation, by role', () => {
  const navLinks = (p: Page) => p.$$eval('.site-nav a', (as) => as.map((a) => a.getAttribute('href')));

  it('links the console for the Secretariat, marked as the section of a console page', async () => {
    await page.goto(consoleUrl('/representatives', 'ko'));
    expect(await navLinks(page)).toEqual(expect.arrayContaining(['/ko/knowledge', '/ko/console']));
    expect(await navLinks(page)).not.toContain('/ko/committee');
    expect(await page.getAttribute('.site-nav a[href="/ko/console"]', 'aria-current')).toBe('true');
    expect(await page.textContent('.site-nav a[href="/ko/console"]')).toBe('콘솔');
  });

  it('links the committee for its members, and neither for a visitor', async () => {
    const member = await signedIn(browser, 'committee', committee[0]?.email ?? '');
    await member.page.goto(`${siteUrl()}/es/committee`);
    expect(await navLinks(member.page)).toContain('/es/committee');
    expect(await navLinks(member.page)).not.toContain('/es/console');
    expect(await member.page.getAttribute('.site-nav a[href="/es/committee"]', 'aria-current')).toBe('page');
    await member.context.close();
    const visitor = await newContext(browser);
    const p = await visitor.newPage();
    await p.goto(`${siteUrl()}/ar/`);
    const links = await navLinks(p);
    expect(links).toContain('/ar/knowledge');
    expect(links).not.toContain('/ar/console');
    expect(links).not.toContain('/ar/committee');
    expect(links).not.toContain('/ar/knowledge/my');
    await visitor.close();
  });

  it("links a city representative's own list, marked as the page when there", async () => {
    const rep = await signedIn(browser, 'member', `rep-${Date.now()}@city.example`);
    await rep.page.goto(`${siteUrl()}/fr/knowledge/my`);
    expect(await navLinks(rep.page)).toContain('/fr/knowledge/my');
    expect(await navLinks(rep.page)).not.toContain('/fr/console');
    expect(await rep.page.getAttribute('.site-nav a[href="/fr/knowledge/my"]', 'aria-current')).toBe('page');
    expect(await rep.page.textContent('.site-nav a[href="/fr/knowledge/my"]')).toBe(
      'Pratiques de votre ville',
    );
    await rep.context.close();
  });
});

describe('the new pages in every language, with and without JavaScript', () => {
  const seen: Renders[] = [];

  it.each(LANGUAGES)(
    'have no accessibility violation in %s',
    async (lang) => {
      for (const javaScript of [true, false]) {
        const session = await signedIn(browser, 'secretariat', 'clerk@wego.example', { javaScript });
        seen.push(session.renders);
        const p = session.page;
        const label = (what: string) => `${lang} ${what} (JavaScript ${javaScript ? 'on' : 'off'})`;
        for (const path of [
          `/console/cities/${member.id}/representatives`,
          `/console/cities/${withdrawn.id}/representatives`,
          `/console/cities/${withdrawn.id}`,
          `/console/cities/${member.id}/services/pothole/attributes`,
          `/console/cities/${member.id}/services`,
        ]) {
          expect((await p.goto(`${siteUrl()}/${lang}${path}`))?.status(), path).toBe(200);
          await checkA11y(p, label(path));
        }
        // Refused forms: an added representative without an email, a question without its type.
        await p.goto(`${siteUrl()}/${lang}/console/cities/${member.id}/representatives`);
        await p.fill('#rep-name', 'Someone');
        await clickAndLoad(p, 'main form:not([action$="/remove"]) button');
        await p.waitForSelector('#rep-email-error');
        await checkA11y(p, label('representative refused'));
        await p.goto(`${siteUrl()}/${lang}/console/cities/${member.id}/services/pothole/attributes`);
        await p.fill('#attr-1-code', 'colour');
        await p.fill('#attr-1-description', 'Colour');
        await clickAndLoad(p, 'button[value=save]');
        await p.waitForSelector('#attr-1-datatype-error');
        await checkA11y(p, label('question refused'));
        await session.context.close();
      }
    },
    300_000,
  );

  it('needed at most two API calls per render', () => {
    for (const r of seen) expectAtMostTwoCalls(r);
  });
});
