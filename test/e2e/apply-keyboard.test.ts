import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyUrl, cityAnswers, SIGNED_FORM_PDF } from './apply-support.ts';
import { launch, newContext } from './browser.ts';
import { waitForEmail } from './support.ts';

/**
 * The application form by keyboard alone: Tab moves from control to control in the order the page
 * reads, text is typed, a radio is chosen with the arrow keys and Space, a country by typing its name
 * in the list, buttons and links are pressed with Enter. No mouse, no script run in the page.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** What has the focus: its id, else its tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: { activeElement: { id: string; tagName: string; textContent: string } | null };
      }
    ).document.activeElement;
    return el ? el.id || `${el.tagName.toLowerCase()}:${el.textContent.trim()}` : '';
  });

/** Presses Tab until `target` has the focus (the page's own order), failing if it never comes. */
async function tabTo(page: Page, target: string | RegExp, limit = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now);
    if (typeof target === 'string' ? now === target : target.test(now)) return;
  }
  throw new Error(`Tab never reached ${target}; the focus went through ${seen.join(' → ')}`);
}

async function enter(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

const typeInto = async (page: Page, id: string, text: string) => {
  await tabTo(page, id);
  await page.keyboard.type(text);
};

describe('the application form by keyboard alone', () => {
  it.each([true, false])('can be filled in and submitted (JavaScript %s)', async (javaScript) => {
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    const a = cityAnswers({ country: 'FR', region: 'europe' });
    await page.goto(applyUrl('en'));

    // The skip link comes first; then the start button, by Tab.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Skip to main content');
    await tabTo(page, 'a:Start now');
    await enter(page);

    // An empty page refused: the error links lead to their fields.
    await tabTo(page, 'button:Save and continue');
    await enter(page);
    if (javaScript)
      expect(
        await page.evaluate(() =>
          (
            globalThis as unknown as { document: { activeElement: { hasAttribute(n: string): boolean } } }
          ).document.activeElement.hasAttribute('data-error-summary'),
        ),
      ).toBe(true);
    await tabTo(page, 'a:Enter the full name of the contact person');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('contact-name');

    await page.keyboard.type(a.contact.name);
    await typeInto(page, 'contact-email', a.contact.email);
    await tabTo(page, 'button:Save and continue');
    await enter(page);

    await typeInto(page, 'city-name', a.city.name);
    await tabTo(page, 'city-country');
    await page.keyboard.type('France');
    // Tab enters the region radios at the first; the arrow keys move and choose.
    await tabTo(page, 'city-region');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await typeInto(page, 'city-population', '2100000');
    await tabTo(page, 'button:Save and continue');
    await enter(page);
    expect(new URL(page.url()).pathname).toBe('/en/apply/mayor');

    await typeInto(page, 'mayor-name', a.mayor.name);
    await typeInto(page, 'mayor-officeEmail', a.mayor.officeEmail);
    await tabTo(page, 'button:Save and continue');
    await enter(page);

    await tabTo(page, 'signatory-isMayor');
    await page.keyboard.press('Space');
    await typeInto(page, 'signatory-signedOn', '14');
    await typeInto(page, 'signatory-signedOn-month', '1');
    await typeInto(page, 'signatory-signedOn-year', '2026');
    await tabTo(page, 'button:Save and continue');
    await enter(page);

    await typeInto(page, 'motivation', a.motivation);
    await tabTo(page, 'button:Save and continue');
    await enter(page);

    // The file input is reached and the form sent by keyboard; the file itself is chosen in the
    // system's dialog, which a test cannot drive, so it is set on the focused input.
    expect(new URL(page.url()).pathname).toBe('/en/apply/signed-form');
    await tabTo(page, 'signed-form-file');
    await page.setInputFiles('#signed-form-file', SIGNED_FORM_PDF);
    await tabTo(page, 'button:Upload and continue');
    await enter(page);

    expect(new URL(page.url()).pathname).toBe('/en/apply/check');
    const check = (await page.textContent('main')) ?? '';
    for (const answer of [
      'France',
      'Europe',
      '2,100,000',
      'The Mayor',
      'January',
      a.mayor.name,
      'PDF, 0.7 kB',
    ]) {
      expect(check).toContain(answer);
    }
    await tabTo(page, 'button:Submit application');
    await enter(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/en\/apply\/confirmation\//);
    await waitForEmail((e) => e.destination.to.includes(a.contact.email) && e.subject.includes(a.city.name));
    await context.close();
  });
});
