import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerAll,
  applyUrl,
  cityAnswers,
  press,
  SIGNED_FORM_PDF,
  STEP_ANSWERS,
  saveAndContinue,
  submitFromCheck,
} from './apply-support.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import { signedIn } from './console-support.ts';
import { submit } from './membership-support.ts';

/**
 * The signed form from the city to the Secretariat: a city applies on the site with its PDF, and the
 * console's review of the application links to it for a few minutes; the link downloads the very
 * file. An application made without one says so.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the signed form on the console’s application review', () => {
  it.each([
    ['en', true, 'Download the signed form (PDF, 0.7 kB)'],
    ['ar', false, 'تنزيل الاستمارة الموقّعة'],
  ] as const)('links the PDF the city uploaded, in %s (JavaScript %s)', async (lang, javaScript, label) => {
    // Prepare: the city applies on the site, uploading its signed form.
    const city = await newContext(browser, { javaScript });
    const applicant = await city.newPage();
    await answerAll(applicant, lang, cityAnswers());
    const reference = await submitFromCheck(applicant, lang);
    await city.close();
    const { context, page } = await signedIn(browser, 'secretariat', 'reviewer@wego.example', { javaScript });

    // Act
    await page.goto(`${siteUrl()}/${lang}/console/cities/${reference}`);
    const link = page.locator('[data-signed-form] a');
    const href = (await link.getAttribute('href')) ?? '';
    const file = await fetch(href);

    // Assess
    expect(await link.textContent()).toContain(label);
    expect(new URL(href).pathname).toMatch(/\/private\/application-form\/[0-9a-f-]{36}\.pdf$/);
    expect(new URL(href).searchParams.get('X-Amz-Expires')).toBe('300');
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(readFileSync(SIGNED_FORM_PDF))).toBe(true);
    await checkA11y(page, `the application review with its signed form in ${lang}, JavaScript ${javaScript}`);
    await context.close();
  });

  it('says when an application has no signed form (one made through the API without it)', async () => {
    // Prepare
    const { id } = await submit();
    const { context, page } = await signedIn(browser, 'secretariat', 'reviewer@wego.example');

    // Act
    await page.goto(`${siteUrl()}/en/console/cities/${id}`);

    // Assess
    expect(await page.textContent('[data-signed-form]')).toBe(
      'No signed form is attached to this application.',
    );
    expect(await page.locator('[data-signed-form] a').count()).toBe(0);
    await context.close();
  });

  it('names a file over 10 MB on the field before sending it, with JavaScript (S3 would refuse it)', async () => {
    // Prepare
    const context = await newContext(browser, { javaScript: true });
    const page = await context.newPage();
    const a = cityAnswers();
    await page.goto(applyUrl('fr'));
    await press(page, 'a[href="/fr/apply/contact"]');
    for (const [, answer] of STEP_ANSWERS) {
      await answer(page, a);
      await saveAndContinue(page);
    }
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && !r.url().startsWith(siteUrl())) posted = true;
    });

    // Act
    await page.setInputFiles('#signed-form-file', {
      name: 'formulaire.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25),
    });
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');

    // Assess
    expect(new URL(page.url()).pathname).toBe('/fr/apply/signed-form');
    expect(await page.isVisible('[data-too-big]')).toBe(true);
    expect(await page.textContent('[data-too-big]')).toContain(
      'Le fichier sélectionné doit faire 10 Mo au plus',
    );
    expect(await page.getAttribute('#signed-form-file', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#signed-form-file', 'aria-describedby')).toContain(
      'signed-form-file-too-big',
    );
    expect(posted).toBe(false);
    await checkA11y(page, 'the signed form with a file too big');
    await context.close();
  });
});
