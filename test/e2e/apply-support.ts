import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Language } from '../../functions/shared/i18n.ts';
import { siteUrl } from './browser.ts';
import { type InboxEmail, waitForEmail } from './support.ts';

/** What a browser test types into the application's pages, for a city unique to the run. */
export function cityAnswers(o: { country?: string; region?: string; name?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  return {
    contact: {
      name: 'Lee Min-ji',
      title: 'Head of the ICT Division',
      email: `ict-${tag}@city.example`,
      phone: '+82 2 120 0000',
    },
    city: {
      name: o.name ?? `Webville ${tag}`,
      country: o.country ?? 'KR',
      region: o.region ?? 'asia',
      population: '1 234 567',
      website: 'https://webville.example',
    },
    mayor: { name: 'Mayor Park', officeEmail: `mayor-${tag}@city.example` },
    signatory: { isMayor: true, day: '3', month: '2', year: '2026' },
    motivation: 'We want to share our open data portal.\nAnd learn from other cities.',
  };
}
export type CityAnswers = ReturnType<typeof cityAnswers>;

export const applyUrl = (lang: Language, path = '') => `${siteUrl()}/${lang}/apply${path}`;

/** Presses a form's button and waits for the page it leads to. */
export async function press(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);
}

const CONTINUE = 'form button[type=submit]:not([name])';

/** Chooses a radio as a person does, by its label (the styled radio covers the native input). */
async function choose(page: Page, name: string, value: string): Promise<void> {
  const id = await page.getAttribute(`input[name=${name}][value=${value}]`, 'id');
  await page.click(`label[for="${id}"]`);
}

export async function answerContact(page: Page, a: CityAnswers): Promise<void> {
  await page.fill('#contact-name', a.contact.name);
  await page.fill('#contact-title', a.contact.title);
  await page.fill('#contact-email', a.contact.email);
  await page.fill('#contact-phone', a.contact.phone);
}

export async function answerCity(page: Page, a: CityAnswers): Promise<void> {
  await page.fill('#city-name', a.city.name);
  await page.selectOption('#city-country', a.city.country);
  await choose(page, 'city-region', a.city.region);
  await page.fill('#city-population', a.city.population);
  await page.fill('#city-website', a.city.website);
}

export async function answerMayor(page: Page, a: CityAnswers): Promise<void> {
  await page.fill('#mayor-name', a.mayor.name);
  await page.fill('#mayor-officeEmail', a.mayor.officeEmail);
}

export async function answerSignatory(page: Page, a: CityAnswers): Promise<void> {
  await choose(page, 'signatory-isMayor', a.signatory.isMayor ? 'yes' : 'no');
  await page.fill('#signatory-signedOn', a.signatory.day);
  await page.fill('#signatory-signedOn-month', a.signatory.month);
  await page.fill('#signatory-signedOn-year', a.signatory.year);
}

export async function answerMotivation(page: Page, a: CityAnswers): Promise<void> {
  await page.fill('#motivation', a.motivation);
}

export const STEP_ANSWERS = [
  ['contact', answerContact],
  ['city', answerCity],
  ['mayor', answerMayor],
  ['signatory', answerSignatory],
  ['motivation', answerMotivation],
] as const;

/** A real small PDF: the signed form the browser tests upload. */
export const SIGNED_FORM_PDF = join(import.meta.dirname, '../fixtures/files/signed-form.pdf');
/** A JPEG photo, to give a file that is not a PDF. */
export const NOT_A_PDF = join(import.meta.dirname, '../fixtures/images/photo.jpg');

/**
 * Uploads a file on the signed form's page as a person does: the form posts it straight to the S3
 * stand-in, which sends the browser back to the page, which attaches it and goes on (or shows why not).
 * A JPEG is given the name signed-form.pdf, so only its bytes tell it apart.
 */
export async function uploadSignedForm(page: Page, file = SIGNED_FORM_PDF): Promise<void> {
  await page.setInputFiles('#signed-form-file', {
    name: 'signed-form.pdf',
    mimeType: 'application/pdf',
    buffer: readFileSync(file),
  });
  await press(page, 'form[enctype="multipart/form-data"] button[type=submit]');
}

/** Answers the question pages from the first, checking each lands where it should, uploads the signed
 * form; ends on the check page. */
export async function answerAll(
  page: Page,
  lang: Language,
  a: CityAnswers,
  each?: (step: string) => Promise<void>,
): Promise<void> {
  await page.goto(applyUrl(lang));
  await press(page, `a[href="/${lang}/apply/contact"]`);
  for (const [step, answer] of STEP_ANSWERS) {
    expect(new URL(page.url()).pathname).toBe(`/${lang}/apply/${step}`);
    await answer(page, a);
    await each?.(step);
    await press(page, CONTINUE);
  }
  expect(new URL(page.url()).pathname).toBe(`/${lang}/apply/signed-form`);
  await each?.('signed-form');
  await uploadSignedForm(page);
  expect(new URL(page.url()).pathname).toBe(`/${lang}/apply/check`);
}

/** Submits from the check page; returns the reference the confirmation shows. */
export async function submitFromCheck(page: Page, lang: Language): Promise<string> {
  await press(page, 'form button[type=submit]');
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(new RegExp(`^/${lang}/apply/confirmation/[0-9a-f-]{36}$`));
  const reference = (await page.textContent('.panel__reference'))?.trim() ?? '';
  expect(path.endsWith(reference)).toBe(true);
  return reference;
}

export const saveAndContinue = (page: Page) => press(page, CONTINUE);
export const saveForLater = (page: Page) => press(page, 'button[name=then][value=later]');

/** The link the draft's email carries, read back from the inbox. */
export async function resumeLinkFor(address: string): Promise<{ email: InboxEmail; link: URL }> {
  const email = await waitForEmail(
    (e) => e.destination.to.includes(address) && /apply\/resume/.test(e.body.text ?? ''),
  );
  const href = /(https?:\/\/\S+\/apply\/resume\?\S+)/.exec(email.body.text ?? '')?.[1];
  if (!href) throw new Error('the draft email has no resume link');
  return { email, link: new URL(href) };
}
