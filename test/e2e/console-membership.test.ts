import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, siteUrl } from './browser.ts';
import {
  clickAndLoad,
  expectAtMostTwoCalls,
  mainText,
  type Renders,
  signedIn,
  signInThroughLogin,
} from './console-support.ts';
import { applicationForm, mayorEmail, submit, waitForStatus } from './membership-support.ts';
import { waitForEmail } from './support.ts';

/**
 * The Secretariat runs membership from the console, in a real browser: it signs in through the
 * managed login, reviews and accepts an application (the Mayor's office is told "Associate Member"),
 * rejects another with a reason, sets the Executive Committee and starts the vote; one committee
 * member votes from /committee, another from the emailed ballot link, and the city becomes a Full
 * Member. No page render needs more than two API calls.
 */
let browser: Browser;
let secretariat: { page: Page; renders: Renders };
const allRenders: Renders[] = [];

beforeAll(async () => {
  browser = await launch();
  const signed = await signInThroughLogin(browser, 'clerk@wego.example', ['secretariat'], '/en/console');
  secretariat = signed;
  allRenders.push(signed.renders);
});
afterAll(() => browser?.close());

const committee = [
  { name: 'Ana Committee', email: `ana-${Date.now()}@committee.example` },
  { name: 'Ben Committee', email: `ben-${Date.now()}@committee.example` },
];

describe('the Secretariat in the console', () => {
  it('signs in through the managed login and lands on the overview', async () => {
    const { page } = secretariat;
    expect(page.url()).toBe(`${siteUrl()}/en/console`);
    expect(await page.textContent('h1')).toBe('Secretariat console');
    expect(await page.textContent('.site-header__account')).toContain('clerk@wego.example');
  });

  it('reviews an application from the overview and accepts it: the Mayor’s office is told "Associate Member"', async () => {
    const { page } = secretariat;
    const { id, form } = await submit(applicationForm({ name: `Reviewville ${Date.now()}` }));
    await page.goto(`${siteUrl()}/en/console`);
    await clickAndLoad(page, `a[href="/en/console/cities/${id}"]`);
    const review = await mainText(page);
    // Every field of the form is there to review, and its history.
    for (const value of [
      form.city.name,
      form.mayor.name,
      form.mayor.officeEmail,
      form.signatory.title,
      form.contact.email,
      form.contact.phone,
      form.motivation,
      'Signed application form',
      'History',
    ]) {
      expect(review).toContain(value);
    }
    await clickAndLoad(page, 'form[action$="/accept"] button');
    expect(page.url()).toBe(`${siteUrl()}/en/console/cities/${id}?done=accepted`);
    expect(await page.textContent('.notification')).toContain(`${form.city.name} is now an Associate Member`);
    expect(await page.textContent('.summary-list')).toContain('Associate Member');
    await mayorEmail(form, /Associate Member/);
  });

  it('rejects another application with a reason, after being asked for one', async () => {
    const { page } = secretariat;
    const { id, form } = await submit(applicationForm({ name: `Turnedaway ${Date.now()}` }));
    await page.goto(`${siteUrl()}/en/console/cities/${id}`);
    await clickAndLoad(page, `a[href="/en/console/cities/${id}/reject"]`);
    await clickAndLoad(page, 'main form button');
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.textContent('.error-summary')).toContain('Enter the reason');
    await page.fill('#reason', 'The city is not a local government.');
    await clickAndLoad(page, 'main form button');
    expect(page.url()).toBe(`${siteUrl()}/en/console/cities/${id}?done=rejected`);
    expect(await mainText(page)).toContain('The city is not a local government.');
    await waitForEmail(
      (e) =>
        e.destination.to.includes(form.mayor.officeEmail) &&
        (e.body.text ?? '').includes('The city is not a local government.'),
    );
  });

  it('sets the Executive Committee, starts the vote, and the city becomes a Full Member by two votes: one from /committee, one from the emailed ballot', async () => {
    const { page } = secretariat;
    const { id, form } = await submit(applicationForm({ name: `Fullville ${Date.now()}` }));
    // Both members are signed in before the vote opens: the vote is short in these tests.
    const member = await signedIn(browser, 'committee', committee[0]?.email ?? '');
    allRenders.push(member.renders);
    const ballotBrowser = await browser.newContext();

    await page.goto(`${siteUrl()}/en/console/committee`);
    const rows = await page.locator('fieldset[data-row]').count();
    for (let i = 0; i < rows; i++) {
      await page.fill(`#member-${i}-name`, '');
      await page.fill(`#member-${i}-email`, '');
    }
    await page.fill('#member-0-name', committee[0]?.name ?? '');
    await page.fill('#member-0-email', committee[0]?.email ?? '');
    await clickAndLoad(page, 'button[value=add]');
    await page.fill(`#member-${rows}-name`, committee[1]?.name ?? '');
    await page.fill(`#member-${rows}-email`, committee[1]?.email ?? '');
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.notification')).toContain('The Executive Committee has been saved');
    expect(await page.inputValue('#member-1-email')).toBe(committee[1]?.email);

    await page.goto(`${siteUrl()}/en/console/cities/${id}`);
    await clickAndLoad(page, 'form[action$="/accept"] button');
    await clickAndLoad(page, 'form[action$="/full-membership"] button');
    expect(page.url()).toMatch(/\/en\/console\/votes\/[0-9a-f-]+\?done=started$/);
    expect(await mainText(page)).toContain(`Full Membership vote: ${form.city.name}`);

    // One member votes from the committee's pages.
    // The vote shows on the committee's page once its ballots are out (the workflow issues them).
    const voteLink = member.page.locator(`a:has-text("${form.city.name}")`);
    for (let i = 0; i < 40 && (await voteLink.count()) === 0; i++) {
      await member.page.goto(`${siteUrl()}/en/committee`);
      if ((await voteLink.count()) === 0) await member.page.waitForTimeout(250);
    }
    await clickAndLoad(member.page, `a:has-text("${form.city.name}")`);
    expect(await mainText(member.page)).toContain(form.motivation);
    expect(await member.page.textContent('.summary-list')).toContain('Not voted yet');
    await clickAndLoad(member.page, 'button[value=approve]');
    expect(await member.page.textContent('.notification')).toContain('Your vote is recorded');
    expect(await member.page.textContent('.summary-list')).toContain('You approved');

    // The other through the ballot link emailed to them, as always.
    const ballotEmail = await waitForEmail(
      (e) =>
        e.destination.to.includes(committee[1]?.email ?? '') && (e.body.text ?? '').includes(form.city.name),
    );
    const link = /https?:\/\/\S+\/ballots\/[A-Za-z0-9_-]{43}/.exec(ballotEmail.body.text ?? '')?.[0];
    expect(link).toBeDefined();
    const ballot = await ballotBrowser.newPage();
    await ballot.goto(link ?? '');
    await clickAndLoad(ballot, 'button[value=approve]');
    expect(await ballot.content()).toContain('your vote is recorded');

    await waitForStatus(id, 'full');
    await mayorEmail(form, /Full Member/);
    await page.goto(`${siteUrl()}/en/console/cities/${id}`);
    expect(await page.textContent('.summary-list')).toContain('Full Member');
    await member.context.close();
    await ballotBrowser.close();
  });

  it('never needed more than two API calls to render a page', () => {
    for (const renders of allRenders) expectAtMostTwoCalls(renders, 1);
    expect(allRenders.flatMap((r) => r.seen).length).toBeGreaterThan(15);
  });
});
