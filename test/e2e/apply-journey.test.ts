import { readFileSync } from 'node:fs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerAll,
  answerCity,
  answerContact,
  answerMayor,
  answerMotivation,
  answerSignatory,
  applyUrl,
  cityAnswers,
  NOT_A_PDF,
  press,
  resumeLinkFor,
  SIGNED_FORM_PDF,
  STEP_ANSWERS,
  saveAndContinue,
  saveForLater,
  submitFromCheck,
  uploadSignedForm,
} from './apply-support.ts';
import { launch, newContext, siteUrl } from './browser.ts';
import { secretariat } from './membership-support.ts';
import { call, db, tableName, waitForEmail } from './support.ts';

/**
 * A city applies on the site, in a real browser, with JavaScript on and off, in English and other
 * languages: the question pages, the API's refusals on the right field in the page's language, the
 * check page, the confirmation with the reference, and the acknowledgement read back from the inbox
 * in the language of the application. A draft is saved, resumed from its emailed link and submitted.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('a city applies on the site', () => {
  it.each([
    ['en', true, 'WeGO received the membership application of'],
    ['ko', false, 'WeGO가 '],
    ['ar', true, 'تلقّت WeGO طلب عضوية'],
    ['es', false, 'WeGO ha recibido la solicitud de adhesión de'],
  ] as const)(
    'in %s (JavaScript %s): confirmation with the reference, acknowledgement in that language',
    async (lang, javaScript, subject) => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      const a = cityAnswers();

      await answerAll(page, lang, a);
      // The check page shows every answer, the country by its name in the page's language.
      const check = (await page.textContent('main')) ?? '';
      const country = new Intl.DisplayNames([lang], { type: 'region' }).of('KR') ?? '';
      for (const shown of [a.contact.email, a.city.name, country, a.mayor.officeEmail, 'Mayor Park']) {
        expect(check).toContain(shown);
      }
      const reference = await submitFromCheck(page, lang);

      const ack = await waitForEmail(
        (e) => e.destination.to.includes(a.contact.email) && e.subject.includes(a.city.name),
      );
      expect(ack.subject).toContain(subject);
      expect(ack.body.text).toContain(reference);
      expect(ack.body.html).toContain(`lang="${lang}"`);
      const app = await call(`/applications/${reference}`, { token: await secretariat() });
      expect(app.body).toMatchObject({
        language: lang,
        status: 'submitted',
        city: { name: a.city.name, country: 'KR', region: 'asia', population: 1_234_567 },
        signatory: { isMayor: true, name: 'Mayor Park', signedOn: '2026-02-03' },
        contact: { title: a.contact.title },
      });
      // The signed form the browser uploaded, as the Secretariat downloads it.
      const pdf = await fetch(app.body.signedForm.downloadUrl);
      expect(Buffer.from(await pdf.arrayBuffer()).equals(readFileSync(SIGNED_FORM_PDF))).toBe(true);
      // The draft is gone from this browser: the first question is empty again.
      await page.goto(applyUrl(lang, '/contact'));
      expect(await page.inputValue('#contact-email')).toBe('');
      await context.close();
    },
  );

  it('names each refused answer on its field, in the page’s language, keeping what was typed (JavaScript off)', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(applyUrl('fr', '/contact'));
    await page.fill('#contact-email', 'pas-une-adresse');
    await saveAndContinue(page);

    expect(await page.title()).toMatch(/^Erreur :/);
    const summary = await page.locator('.error-summary a').allTextContents();
    expect(summary).toEqual([
      'Saisissez le nom complet de la personne de contact',
      'Saisissez une adresse électronique au bon format, comme nom@ville.example',
    ]);
    expect(await page.getAttribute('.error-summary a >> nth=0', 'href')).toBe('#contact-name');
    expect(await page.inputValue('#contact-email')).toBe('pas-une-adresse');
    expect(await page.getAttribute('#contact-email', 'aria-invalid')).toBe('true');

    const a = cityAnswers();
    await answerContact(page, a);
    await saveAndContinue(page);
    await answerCity(page, { ...a, city: { ...a.city, population: 'beaucoup' } });
    await saveAndContinue(page);
    expect(await page.locator('.error-summary a').allTextContents()).toEqual([
      'Saisissez la population sous la forme d’un nombre entier de 1 à 100 000 000',
    ]);
    expect(await page.inputValue('#city-population')).toBe('beaucoup');
    expect(await page.inputValue('#city-country')).toBe('KR');
    await page.fill('#city-population', '620.000');
    await saveAndContinue(page);
    await answerMayor(page, a);
    await saveAndContinue(page);
    await answerSignatory(page, { ...a, signatory: { isMayor: false, day: '1', month: '1', year: '2999' } });
    await saveAndContinue(page);
    expect(await page.locator('.error-summary a').allTextContents()).toEqual([
      'Saisissez le nom complet du signataire',
      'Saisissez la fonction du signataire',
      'La date de signature doit être aujourd’hui ou dans le passé',
    ]);
    await context.close();
  });

  it('refuses a file that is not a PDF on the signed form’s page, in its language, and replaces the form from the check page (JavaScript off)', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    const a = cityAnswers();
    await page.goto(applyUrl('ru'));
    await press(page, 'a[href="/ru/apply/contact"]');
    for (const [, answer] of STEP_ANSWERS) {
      await answer(page, a);
      await saveAndContinue(page);
    }
    expect(new URL(page.url()).pathname).toBe('/ru/apply/signed-form');
    expect(await page.textContent('main')).toContain('мэр или уполномоченный представитель города');

    await uploadSignedForm(page, NOT_A_PDF);
    expect(new URL(page.url()).pathname).toBe('/ru/apply/signed-form');
    expect(await page.title()).toMatch(/^Ошибка/);
    expect(await page.locator('.error-summary a').allTextContents()).toEqual([
      'Выбранный файл должен быть в формате PDF',
    ]);
    expect(await page.getAttribute('#signed-form-file', 'aria-invalid')).toBe('true');
    // S3's redirect is a page of the site: reloading it attaches nothing and shows the same refusal.
    await page.reload();
    expect(await page.locator('.error-summary a').allTextContents()).toHaveLength(1);

    await uploadSignedForm(page);
    expect(new URL(page.url()).pathname).toBe('/ru/apply/check');
    expect(await page.textContent('main')).toContain('PDF, 0,7');
    await press(page, 'a[href="/ru/apply/signed-form"] >> nth=-1');
    expect(await page.textContent('main')).toContain('Вы загрузили подписанную форму');
    await press(page, 'main a.button >> text=Продолжить с этим файлом');
    expect(new URL(page.url()).pathname).toBe('/ru/apply/check');
    await context.close();
  });

  it('takes a Change link from the check page back to the question, and back to the check page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const a = cityAnswers();
    await answerAll(page, 'en', a);
    await press(page, 'a[href^="/en/apply/mayor?return=check"] >> nth=0');
    expect(await page.inputValue('#mayor-name')).toBe('Mayor Park');
    await page.fill('#mayor-name', 'Mayor Park Jr');
    await saveAndContinue(page);
    expect(new URL(page.url()).pathname).toBe('/en/apply/check');
    expect(await page.textContent('main')).toContain('Mayor Park Jr');
    await context.close();
  });
});

describe('a long form is not lost', () => {
  it('saves the draft, emails its link in the page’s language, and resumes it in another browser', async () => {
    const first = await newContext(browser, { javaScript: false });
    const page = await first.newPage();
    const a = cityAnswers({ country: 'RU', region: 'europe' });
    await page.goto(applyUrl('ru', '/contact'));
    await answerContact(page, a);
    await saveAndContinue(page);
    await answerCity(page, a);
    await saveForLater(page);
    expect(new URL(page.url()).pathname).toBe('/ru/apply/saved');
    expect(await page.textContent('main')).toContain(a.contact.email);
    await first.close();

    const { email, link } = await resumeLinkFor(a.contact.email);
    expect(email.subject).toBe('Ваша заявка на членство в WeGO сохранена');
    expect(link.origin).toBe(siteUrl());
    expect(link.pathname).toBe('/ru/apply/resume');

    // Another device: no cookie; the link opens the draft where it was left.
    const second = await newContext(browser);
    const again = await second.newPage();
    await again.goto(link.toString());
    expect(new URL(again.url()).pathname).toBe('/ru/apply/mayor');
    expect(again.url()).not.toContain('token');
    await answerMayor(again, a);
    await saveAndContinue(again);
    await answerSignatory(again, a);
    await saveAndContinue(again);
    await answerMotivation(again, a);
    await saveAndContinue(again);
    await uploadSignedForm(again);
    expect(await again.textContent('main')).toContain(a.city.name);
    const reference = await submitFromCheck(again, 'ru');
    const ack = await waitForEmail(
      (e) => e.destination.to.includes(a.mayor.officeEmail) && e.body.text?.includes(reference) === true,
    );
    expect(ack.subject).toBe(`WeGO получила заявку на членство от города ${a.city.name}`);

    // The link keeps pointing at what it became: the confirmation, not the form again.
    await again.goto(link.toString());
    expect(new URL(again.url()).pathname).toBe(`/ru/apply/confirmation/${reference}`);
    await second.close();
  });

  it('refuses a forged token and an unknown draft, and says an expired link has expired', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const a = cityAnswers();
    await page.goto(applyUrl('en', '/contact'));
    await answerContact(page, a);
    await saveAndContinue(page);
    const { link } = await resumeLinkFor(a.contact.email);
    const id = link.searchParams.get('draft') ?? '';
    const token = link.searchParams.get('token') ?? '';

    const forged = new URL(link);
    forged.searchParams.set('token', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    const fresh = await newContext(browser);
    const visitor = await fresh.newPage();
    const refused = await visitor.goto(forged.toString());
    expect(refused?.status()).toBe(404);
    expect(await visitor.textContent('h1')).toBe('This link is not valid');
    expect((await fresh.cookies()).find((c) => c.name === 'wego-application')).toBeUndefined();
    const unknown = new URL(link);
    unknown.searchParams.set('draft', '00000000-0000-4000-8000-000000000000');
    expect((await visitor.goto(unknown.toString()))?.status()).toBe(404);

    // The API never shows the draft without its token, nor with another one.
    expect((await call(`/application-drafts/${id}`)).status).toBe(400);
    expect(
      (await call(`/application-drafts/${id}`, { headers: { 'draft-token': 'A'.repeat(43) } })).status,
    ).toBe(404);
    const own = await call(`/application-drafts/${id}`, { headers: { 'draft-token': token } });
    expect(own.status).toBe(200);
    expect(own.body.answers.contact.email).toBe(a.contact.email);
    expect(JSON.stringify(own.body)).not.toContain(token);

    // Thirty days later (the table's TTL removes it later still): 410 and a page that says so.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `DRAFT#${id}`, sk: 'DRAFT' },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const expired = await visitor.goto(link.toString());
    expect(expired?.status()).toBe(410);
    expect(await visitor.textContent('h1')).toBe('This link has expired');
    expect((await call(`/application-drafts/${id}`, { headers: { 'draft-token': token } })).status).toBe(410);
    // The browser that held it is told too, and starts again.
    const held = await page.goto(applyUrl('en', '/city'));
    expect(held?.status()).toBe(410);
    await fresh.close();
    await context.close();
  });
});
