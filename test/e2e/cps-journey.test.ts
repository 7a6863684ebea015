import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, translator } from '../../functions/shared/i18n.ts';
import { answers } from '../../functions/web/citizen/answer-messages.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { official } from '../../functions/web/official/messages.ts';
import { common } from '../../functions/web/shell/messages.ts';
import { launch, newContext, siteUrl } from './browser.ts';
import { emailTo, offlineTiles, reportThroughSite, tokenOf } from './citizen-support.ts';
import { choose, cpsCity, fileRequest, queueReferences } from './official-support.ts';
import { call, type InboxEmail, waitForEmail } from './support.ts';

/**
 * The whole CPS journey across roles, in real Chromium, every step taken from a page or from a link
 * read back from the inbox: a citizen reports through the site; the official follows the emailed link,
 * signs in and posts a public update; the citizen's page shows it; the official resolves it; the
 * citizen answers "not fixed" from the emailed link, and the request is back in the official's queue
 * with the citizen's note. In English, Korean and Arabic (citizen and official in the same language),
 * the citizen with JavaScript on and off.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** The link of an email that leads to `path` (after the site and language), as the email gives it. */
function linkTo(email: InboxEmail, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(
    `https?://[^\\s"<>]+/[a-z]{2}${escaped}(?:\\?token=[A-Za-z0-9_-]+)?(?=[\\s"<>]|$)`,
  ).exec(email.body.text ?? '');
  if (!found) throw new Error(`no link to ${path} in "${email.subject}"`);
  return found[0];
}

/** Clicks a submit button and waits for the page its form leads to. */
async function submit(page: Page, selector: string) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

const JOURNEYS: [Language, boolean][] = [
  ['en', true],
  ['en', false],
  ['ko', true],
  ['ko', false],
  ['ar', true],
  ['ar', false],
];

describe('a citizen’s report, worked by its official and answered "not fixed"', () => {
  it.each(JOURNEYS)(
    'in %s, the citizen with JavaScript %s',
    async (lang, javaScript) => {
      const tc = translator(lang, citizen, answers);
      const to = translator(lang, official);
      const city = await cpsCity({ language: lang });
      const { roads } = city.officials;
      const citizenEmail = `citizen-${randomUUID().slice(0, 8)}@citizen.example`;
      const description = `The pavement is broken (${lang}, ${javaScript}).`;

      // The citizen reports through the site.
      const citizenContext = await newContext(browser, { javaScript });
      const mine = await citizenContext.newPage();
      await offlineTiles(mine);
      const id = await reportThroughSite(mine, lang, javaScript, {
        cityName: city.name,
        officialTitle: roads.title,
        district: 'Centro',
        description,
        email: citizenEmail,
      });
      const confirmation = await waitForEmail(emailTo(citizenEmail, id));
      expect(confirmation.body.html).toContain(`<html lang="${lang}"`);

      // The official follows the emailed link, signs in, and lands on the request.
      const assignment = await waitForEmail(emailTo(roads.email, id));
      const requestLink = linkTo(assignment, `/official/requests/${id}`);
      expect(requestLink).toBe(`${siteUrl()}/${lang}/official/requests/${id}`);
      const officialContext = await newContext(browser, { javaScript });
      const theirs = await officialContext.newPage();
      expect((await theirs.goto(requestLink))?.status()).toBe(401);
      await theirs.click(`main a.button:has-text("${translator(lang, common)('error.signIn.button')}")`);
      await theirs.fill('#email', roads.email);
      await theirs.check('input[value=official]');
      await Promise.all([theirs.waitForURL(requestLink), theirs.click('button[type=submit]')]);
      expect(await theirs.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await theirs.textContent('main')).toContain(citizenEmail);

      // A public update, which the citizen is emailed and reads on the request's page.
      const progress = `A crew comes on Monday (${lang}).`;
      await choose(theirs, 'status', 'in_progress');
      await choose(theirs, 'audience', 'public');
      await theirs.fill('#note', progress);
      await Promise.all([theirs.waitForURL(/sent=public/), theirs.click('button[value=send]')]);
      expect(await theirs.textContent('.notification')).toContain(to('update.sent.public.title'));

      const news = await waitForEmail(emailTo(citizenEmail, id, progress));
      const followLink = linkTo(news, `/requests/${id}`);
      expect(followLink).toBe(`${siteUrl()}/${lang}/requests/${id}`);
      await mine.goto(followLink);
      const followed = (await mine.textContent('main')) ?? '';
      expect(followed).toContain(progress);
      expect(followed).toContain(tc('timeline.in_progress'));
      expect(followed).not.toContain(citizenEmail);

      // The official resolves it; it leaves the open queue; the citizen is asked "is it fixed?".
      const fixedNote = `The hole is filled (${lang}).`;
      await choose(theirs, 'status', 'resolved');
      await choose(theirs, 'audience', 'public');
      await theirs.fill('#note', fixedNote);
      await Promise.all([theirs.waitForURL(/sent=public/), theirs.click('button[value=send]')]);
      await theirs.goto(`${siteUrl()}/${lang}/official`);
      expect(await queueReferences(theirs)).toEqual([]);

      const question = await waitForEmail(
        (e) => emailTo(citizenEmail, id, fixedNote)(e) && (e.body.text ?? '').includes('/feedback?token='),
      );
      const feedbackLink = linkTo(question, `/requests/${id}/feedback`);
      expect(feedbackLink).toBe(
        `${siteUrl()}/${lang}/requests/${id}/feedback?token=${tokenOf(question, id, 'feedback')}`,
      );

      // The citizen answers "not fixed", with a note for the official.
      await mine.goto(feedbackLink);
      expect(await mine.textContent('main h1')).toBe(tc('fixed.title'));
      expect(await mine.textContent('.summary-list')).toContain(fixedNote);
      const stillWrong = `Still a hole after the rain (${lang}).`;
      await choose(mine, 'answer', 'no');
      await mine.fill('#note', stillWrong);
      expect((await submit(mine, 'form[data-once] button[type=submit]'))?.status()).toBe(200);
      expect(await mine.textContent('.panel__title')).toBe(tc('fixed.done.reopened.title'));
      expect(await mine.textContent('main')).toContain(roads.title);
      await mine.goto(followLink);
      expect(await mine.textContent('main')).toContain(tc('timeline.reopened'));
      expect(await mine.textContent('main')).not.toContain(stillWrong);

      // Back in the official's queue, first, ahead of a request filed since; the note in its history.
      await waitForEmail(emailTo(roads.email, id, stillWrong));
      const newer = await fileRequest(city);
      await theirs.goto(`${siteUrl()}/${lang}/official`);
      expect(await queueReferences(theirs)).toEqual([id, newer.id]);
      const row = (await theirs.locator('table.table tbody tr').first().textContent()) ?? '';
      expect(row).toContain(to('status.assigned'));
      await Promise.all([
        theirs.waitForURL(requestLink),
        theirs.click(`a[href="/${lang}/official/requests/${id}"]`),
      ]);
      const history = (await theirs.textContent('main')) ?? '';
      expect(history).toContain(stillWrong);
      expect(history).toContain(to('request.history.by', { actor: to('request.history.citizen') }));
      expect((await call(`/requests/${id}`)).body.status).toBe('assigned');

      await Promise.all([citizenContext.close(), officialContext.close()]);
    },
    120_000,
  );
});
