import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import {
  answerCity,
  answerContact,
  answerMayor,
  answerMotivation,
  answerSignatory,
  applyUrl,
  cityAnswers,
  NOT_A_PDF,
  press,
  saveAndContinue,
  saveForLater,
  submitFromCheck,
  uploadSignedForm,
} from './apply-support.ts';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';

/**
 * Every page of the application, and the member directory, in all seven languages, with JavaScript
 * on and off: axe-core's WCAG 2.1 AA rules and best practices find nothing, on the pages as they are
 * first shown and as they are with errors.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe.each(LANGUAGES)('the application pages in %s', (lang) => {
  it.each([true, false])(
    'pass axe-core with no violation, JavaScript %s',
    async (javaScript) => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      const a = cityAnswers({ country: 'BR', region: 'americas' });
      const seen: string[] = [];
      const check = async (label: string) => {
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        await checkA11y(page, `${label} in ${lang}, JavaScript ${javaScript ? 'on' : 'off'}`);
        seen.push(label);
      };

      await page.goto(applyUrl(lang));
      await check('start');
      await press(page, `a[href="/${lang}/apply/contact"]`);
      await check('contact');
      await saveAndContinue(page);
      await check('contact with errors');
      await answerContact(page, a);
      await saveAndContinue(page);
      await check('city');
      await saveAndContinue(page);
      await check('city with errors');
      await answerCity(page, a);
      await saveAndContinue(page);
      await check('mayor');
      await answerMayor(page, a);
      await saveAndContinue(page);
      await check('signatory');
      await saveAndContinue(page);
      await check('signatory with errors');
      await answerSignatory(page, a);
      await saveAndContinue(page);
      await check('motivation');
      await answerMotivation(page, a);
      await saveForLater(page);
      await check('saved');
      await press(page, 'main a.button');
      expect(new URL(page.url()).pathname).toBe(`/${lang}/apply/signed-form`);
      await check('signed form');
      await uploadSignedForm(page, NOT_A_PDF);
      await check('signed form with errors');
      await uploadSignedForm(page);
      expect(new URL(page.url()).pathname).toBe(`/${lang}/apply/check`);
      await check('check answers');
      await submitFromCheck(page, lang);
      await check('confirmation');
      await page.goto(`${applyUrl(lang, '/resume')}?draft=nothing&token=nothing`);
      await check('a link that is not valid');
      await page.goto(`${siteUrl()}/${lang}/members?region=americas`);
      await check('member cities');
      expect(seen).toHaveLength(16);
      await context.close();
    },
    180_000,
  );
});
