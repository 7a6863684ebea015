import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launch, newContext, siteUrl } from './browser.ts';
import {
  clickAndLoad,
  countRenders,
  expectAtMostTwoCalls,
  mainText,
  type Renders,
  signedIn,
} from './console-support.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, inbox, tokenFor, waitForEmail } from './support.ts';

/**
 * The knowledge pages between cities in real Chromium, on two member cities made through the API
 * (Lima, whose practice is published, and Seoul): Seoul's representative writes to Lima from its
 * practice's page (JavaScript off and on), Lima reads the relayed email (no address of Seoul's in it)
 * and replies on the conversation's page, Seoul gets the reply; Seoul marks "we adopted this" with its
 * own practice and Lima's page lists Seoul; the Secretariat hides Seoul's answer with a reason, the
 * public page loses it and Seoul's inbox has the reason; `/knowledge/my` lists each city's own
 * practices in every state and no other city's. Every new page passes axe-core in English and Arabic,
 * and no page render needs more than two API calls.
 */
const tag = randomUUID().slice(0, 8);
let browser: Browser;
const ids = {
  lima: '',
  limaDraft: '',
  seoul: '',
  seoulDraft: '',
  question: '',
  answer: '',
  offTopic: '',
  conversation: '',
};
const people = { lima: '', seoul: '' };
const names = { lima: `Lima ${tag}`, seoul: `Seoul ${tag}` };
const renders: Renders[] = [];

const url = (lang: string, path: string) => `${siteUrl()}/${lang}/knowledge${path}`;

async function practice(token: string, title: string, language = 'en') {
  const created = await call('/practices', {
    method: 'POST',
    token,
    json: {
      title,
      summary: `${title}: what it is.`,
      language,
      themes: ['open-inclusive-city'],
      sections: { problem: 'A problem.', solution: 'A solution.' },
    },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function publish(id: string, token: string) {
  expect((await call(`/practices/${id}/submit`, { method: 'POST', token })).status).toBe(200);
  const sec = await secretariat();
  expect((await call(`/practices/${id}/publish`, { method: 'POST', token: sec })).status).toBe(200);
}

beforeAll(async () => {
  browser = await launch();
  const lima = await associateCity(applicationForm({ name: names.lima, country: 'PE', region: 'americas' }));
  const seoul = await associateCity(applicationForm({ name: names.seoul, country: 'KR', region: 'asia' }));
  people.lima = lima.form.contact.email;
  people.seoul = seoul.form.contact.email;
  const lim = await tokenFor('member', people.lima);
  const seo = await tokenFor('member', people.seoul);
  ids.lima = await practice(lim, `Participatory budget ${tag}`);
  await publish(ids.lima, lim);
  ids.limaDraft = await practice(lim, `One-stop shop draft ${tag}`);
  ids.seoul = await practice(seo, `Seoul budget ${tag}`);
  await publish(ids.seoul, seo);
  ids.seoulDraft = await practice(seo, `Seoul draft ${tag}`);
  const question = await call('/questions', {
    method: 'POST',
    token: lim,
    json: { title: `Which voting tool? ${tag}`, body: 'We compare tools.', themes: ['open-inclusive-city'] },
  });
  expect(question.status).toBe(201);
  ids.question = question.body.id;
  const offTopic = await call('/questions', {
    method: 'POST',
    token: lim,
    json: { title: `Anyone for football? ${tag}`, body: 'Off topic.', themes: ['mobility'] },
  });
  expect(offTopic.status).toBe(201);
  ids.offTopic = offTopic.body.id;
  const answer = await call(`/questions/${ids.question}/answers`, {
    method: 'POST',
    token: seo,
    json: { body: `Buy our product at spam.example ${tag}` },
  });
  expect(answer.status).toBe(201);
  ids.answer = answer.body.id;
}, 180_000);

afterAll(async () => {
  for (const r of renders) expectAtMostTwoCalls(r);
  await browser?.close();
});

async function as(role: 'member' | 'secretariat', email: string, options: { javaScript?: boolean } = {}) {
  const session = await signedIn(browser, role, email, options);
  renders.push(session.renders);
  return session;
}

describe('contacting the city behind a practice', () => {
  it('shows a visitor how to get access, not a form', async () => {
    const context = await newContext(browser, { javaScript: false });
    renders.push(countRenders(context));
    const page = await context.newPage();
    await page.goto(url('en', `/practices/${ids.lima}`));
    const text = await mainText(page);
    expect(text).toContain('Representatives of member cities can write to the city');
    expect(await page.locator('main a[href$="/contact"]').count()).toBe(0);
    // The sign-in link comes back to the practice, through the (local) managed login.
    const signIn = page.locator('main a[href*="/sign-in?return="]');
    expect(await signIn.getAttribute('href')).toBe(
      `/en/sign-in?return=${encodeURIComponent(`/en/knowledge/practices/${ids.lima}`)}`,
    );
    await clickAndLoad(page, 'main a[href*="/sign-in?return="]');
    expect(page.url()).toContain('/oauth2/authorize');
    const form = await page.goto(url('en', `/practices/${ids.lima}/contact`));
    expect(form?.status()).toBe(401);
    expect(await page.locator('main textarea').count()).toBe(0);
    await context.close();
  });

  it('is not offered to the practice’s own city', async () => {
    const { context, page } = await as('member', people.lima);
    await page.goto(url('en', `/practices/${ids.lima}`));
    expect(await page.locator('main a[href$="/contact"]').count()).toBe(0);
    expect(await page.locator('main a[href$="/adopt"]').count()).toBe(0);
    const own = await page.goto(url('en', `/practices/${ids.lima}/contact`));
    expect(own?.status()).toBe(403);
    expect(await mainText(page)).toContain('This is a practice of your own city');
    await context.close();
  });

  for (const javaScript of [false, true]) {
    it(`relays Seoul's message to Lima and Lima's reply back, no address shown (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const message = `How did you reach older residents? ${tag} ${javaScript ? 'js' : 'nojs'}`;
      const seoul = await as('member', people.seoul, { javaScript });
      await seoul.page.goto(url('en', `/practices/${ids.lima}`));
      await clickAndLoad(seoul.page, `main a:has-text("Contact ${names.lima}")`);
      expect(await seoul.page.textContent('h1')).toBe(`Write to ${names.lima}`);
      expect(await mainText(seoul.page)).toContain('email addresses are not shown');
      // An empty message is refused on the page, in words.
      await clickAndLoad(seoul.page, 'main form button[type=submit]');
      expect(await seoul.page.title()).toMatch(/^Error:/);
      expect(await seoul.page.textContent('.error-summary')).toContain('Enter your message');
      await seoul.page.fill('#message', message);
      await clickAndLoad(seoul.page, 'main form button[type=submit]');
      expect(seoul.page.url()).toMatch(/\/en\/knowledge\/conversations\/[^/?]+\?started=1$/);
      expect(await mainText(seoul.page)).toContain('Message sent');
      expect(await mainText(seoul.page)).toContain(message);
      const conversation = new URL(seoul.page.url()).pathname;
      ids.conversation = conversation.split('/').pop() as string;

      // Lima's representative gets the message by email, from the relay, without Seoul's address.
      const relayed = await waitForEmail(
        (e) => e.destination.to.includes(people.lima) && (e.body.text ?? '').includes(message),
      );
      expect(JSON.stringify(relayed)).not.toContain(people.seoul);
      expect(relayed.body.text).toContain(conversation.replace('/en', ''));
      // Lima replies on the conversation's page.
      const lima = await as('member', people.lima, { javaScript });
      await lima.page.goto(`${siteUrl()}${conversation}`);
      expect(await mainText(lima.page)).not.toContain('@');
      const reply = `Through libraries ${tag} ${javaScript ? 'js' : 'nojs'}`;
      await lima.page.fill('#message', reply);
      await clickAndLoad(lima.page, 'main form button[type=submit]');
      expect(await mainText(lima.page)).toContain('Reply sent');
      const back = await waitForEmail(
        (e) => e.destination.to.includes(people.seoul) && (e.body.text ?? '').includes(reply),
      );
      expect(JSON.stringify(back)).not.toContain(people.lima);
      await seoul.context.close();
      await lima.context.close();
    }, 120_000);
  }
});

describe('"we adopted this"', () => {
  it('records Seoul’s adoption with its own practice, and Lima’s page lists Seoul', async () => {
    const { context, page } = await as('member', people.seoul, { javaScript: false });
    await page.goto(url('en', `/practices/${ids.lima}`));
    await clickAndLoad(page, 'main a:has-text("We adopted this")');
    expect(await page.textContent('h1')).toBe('We adopted this practice');
    // The choices are Seoul's own practices, never another city's.
    const options = await page.locator('#practiceId option').allTextContents();
    expect(options).toContain(`Seoul budget ${tag}`);
    expect(options).toContain(`Seoul draft ${tag} (Draft)`);
    expect(options.join()).not.toContain('Participatory budget');
    await clickAndLoad(page, 'main form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('Enter what your city adopted');
    await page.selectOption('#practiceId', ids.seoul);
    await page.fill('#note', `Adopted in 2026 ${tag}`);
    await clickAndLoad(page, 'main form button[type=submit]');
    expect(page.url()).toContain(`/practices/${ids.lima}?adopted=1`);
    const text = await mainText(page);
    expect(text).toContain('Adoption recorded');
    expect(text).toContain(`${names.seoul}, South Korea`);
    expect(text).toContain(`Adopted in 2026 ${tag}`);
    expect(await page.getAttribute('.knowledge-adoptions a', 'href')).toBe(
      `/en/knowledge/practices/${ids.seoul}`,
    );
    // The public sees it too; a second adoption by the same city is refused in words.
    expect((await call(`/practices/${ids.lima}`)).body.adoptions).toEqual([
      expect.objectContaining({
        city: expect.objectContaining({ name: names.seoul }),
        practiceId: ids.seoul,
      }),
    ]);
    await page.goto(url('en', `/practices/${ids.lima}/adopt`));
    await page.fill('#note', 'Again');
    await clickAndLoad(page, 'main form button[type=submit]');
    expect(await page.textContent('h1')).toBe('Your city already adopted this practice');
    await context.close();
  });
});

describe('the Secretariat hides an answer', () => {
  it('asks for a reason, hides it from the public and emails its author the reason', async () => {
    const { context, page } = await as('secretariat', 'secretariat@wego.example', { javaScript: false });
    await page.goto(url('en', `/questions/${ids.question}`));
    const answer = page.locator(`article:has(#answer-${ids.answer})`);
    expect(await answer.locator('summary').textContent()).toBe('Hide this answer');
    // No reason: the form comes back on its own page, with the answer it would hide.
    await answer.locator('summary').click();
    await clickAndLoad(page, `form[action$="/answers/${ids.answer}/hide"] button`);
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.textContent('.error-summary')).toContain('Enter the reason for hiding it');
    expect(await mainText(page)).toContain(`Buy our product at spam.example ${tag}`);
    await checkA11y(page, 'en hide refused');
    const reason = `Advertising is not allowed ${tag}`;
    await page.fill(`#hide-${ids.answer}`, reason);
    await clickAndLoad(page, `form[action$="/answers/${ids.answer}/hide"] button`);
    expect(await mainText(page)).toContain('Answer hidden');
    // The Secretariat still sees it, marked; the public does not.
    expect(await mainText(page)).toContain(`Hidden by the Secretariat: ${reason}`);
    const visitor = await newContext(browser, { javaScript: false });
    const publicPage = await visitor.newPage();
    await publicPage.goto(url('en', `/questions/${ids.question}`));
    expect(await mainText(publicPage)).not.toContain('spam.example');
    expect(await publicPage.locator('details').count()).toBe(0);
    // Nor does the list count it.
    const listed = (await call('/questions?limit=100')).body.items.find(
      (q: { id: string }) => q.id === ids.question,
    );
    expect(listed.answerCount).toBe(0);
    await visitor.close();
    const email = await waitForEmail(
      (e) => e.destination.to.includes(people.seoul) && (e.body.text ?? '').includes(reason),
    );
    expect(email.subject).toMatch(/hidden/i);
    // Hiding it again changes nothing and emails nobody.
    const before = (await inbox()).filter((e) => (e.body.text ?? '').includes(reason)).length;
    const again = await call(`/questions/${ids.question}/answers/${ids.answer}/hide`, {
      method: 'POST',
      token: await secretariat(),
      json: { reason },
    });
    expect(again.status).toBe(409);
    expect((await inbox()).filter((e) => (e.body.text ?? '').includes(reason)).length).toBe(before);
    await context.close();
  });

  it('hides a question with a reason: gone from the public, listed with the reason for its author', async () => {
    const { context, page } = await as('secretariat', 'secretariat@wego.example');
    await page.goto(url('en', `/questions/${ids.offTopic}`));
    await page.locator('main details summary:has-text("Hide this question")').click();
    const reason = `Off topic for the network ${tag}`;
    await page.fill('#hide-question', reason);
    await clickAndLoad(page, `form[action$="/questions/${ids.offTopic}/hide"] button`);
    expect(await mainText(page)).toContain('Question hidden');
    await context.close();
    expect((await call(`/questions/${ids.offTopic}`)).status).toBe(404);
    await waitForEmail((e) => e.destination.to.includes(people.lima) && (e.body.text ?? '').includes(reason));
    // Its author finds it among the questions they asked, with the reason.
    const lima = await as('member', people.lima, { javaScript: false });
    await lima.page.goto(url('en', '/my'));
    await clickAndLoad(lima.page, 'main a[href="/en/knowledge/my/questions"]');
    const text = await mainText(lima.page);
    expect(text).toContain(`Anyone for football? ${tag}`);
    expect(text).toContain(`Hidden by the Secretariat: ${reason}`);
    expect(text).toContain(`Which voting tool? ${tag}`);
    await lima.context.close();
    // Seoul asked nothing.
    const seoul = await as('member', people.seoul);
    await seoul.page.goto(url('en', '/my/questions'));
    expect(await mainText(seoul.page)).toContain('You have not asked the network a question yet.');
    await seoul.context.close();
  });

  it('offers the form to the Secretariat only', async () => {
    const { context, page } = await as('member', people.lima);
    await page.goto(url('en', `/questions/${ids.question}`));
    expect(await page.locator('form[action$="/hide"]').count()).toBe(0);
    const post = await page.request.post(url('en', `/questions/${ids.question}/hide`), {
      form: { reason: 'x' },
      headers: { origin: siteUrl() },
    });
    expect(post.status()).toBe(403);
    await context.close();
  });
});

describe('a representative’s own list', () => {
  it('lists the city’s drafts and published practices, and no other city’s', async () => {
    const { context, page } = await as('member', people.lima, { javaScript: false });
    await page.goto(url('en', ''));
    await clickAndLoad(page, 'main a[href="/en/knowledge/my"]');
    expect(await page.textContent('h1')).toBe(`Practices of ${names.lima}`);
    const rows = page.locator('table tbody tr');
    const text = await mainText(page);
    expect(text).toContain(`Participatory budget ${tag}`);
    expect(text).toContain(`One-stop shop draft ${tag}`);
    expect(text).not.toContain(`Seoul`);
    expect(await rows.count()).toBe(2);
    const draftRow = page.locator(`tr:has(a[href="/en/knowledge/practices/${ids.limaDraft}"])`);
    expect(await draftRow.textContent()).toContain('Draft');
    expect(await draftRow.locator(`a[href="/en/knowledge/practices/${ids.limaDraft}/edit"]`).count()).toBe(1);
    const publishedRow = page.locator(`tr:has(a[href="/en/knowledge/practices/${ids.lima}"])`);
    expect(await publishedRow.textContent()).toContain('Published');
    await context.close();
  });

  it('shows a returned practice with the Secretariat’s reason, and is for representatives only', async () => {
    const lim = await tokenFor('member', people.lima);
    expect((await call(`/practices/${ids.limaDraft}/submit`, { method: 'POST', token: lim })).status).toBe(
      200,
    );
    const reason = `Add figures ${tag}`;
    const returned = await call(`/practices/${ids.limaDraft}/return`, {
      method: 'POST',
      token: await secretariat(),
      json: { reason },
    });
    expect(returned.status).toBe(200);
    const { context, page } = await as('member', people.lima);
    await page.goto(url('en', '/my'));
    expect(await mainText(page)).toContain(`Returned for changes`);
    expect(await mainText(page)).toContain(`Reason: ${reason}`);
    await context.close();
    const official = await signedIn(browser, 'official', `official-${tag}@city.example`);
    renders.push(official.renders);
    expect((await official.page.goto(url('en', '/my')))?.status()).toBe(403);
    await official.context.close();
    const stranger = await as('member', `stranger-${tag}@x.example`);
    expect((await stranger.page.goto(url('en', '/my')))?.status()).toBe(403);
    expect(await mainText(stranger.page)).toContain('You do not represent a member city');
    await stranger.context.close();
  });
});

describe('accessibility', () => {
  it('passes axe-core on each new page in English and Arabic, JavaScript on and off', {
    timeout: 300_000,
  }, async () => {
    const check = async (page: Page, path: string, label: string, status = 200) => {
      for (const lang of ['en', 'ar']) {
        const response = await page.goto(url(lang, path));
        expect(response?.status(), `${lang}${path}`).toBe(status);
        if (lang === 'ar') expect(await page.getAttribute('html', 'dir')).toBe('rtl');
        await checkA11y(page, `${lang} ${label}`);
      }
    };
    for (const javaScript of [true, false]) {
      const js = `JS ${javaScript ? 'on' : 'off'}`;
      const seoul = await as('member', people.seoul, { javaScript });
      await check(seoul.page, `/practices/${ids.lima}`, `practice, other city's representative ${js}`);
      await check(seoul.page, `/practices/${ids.lima}/contact`, `contact form ${js}`);
      await check(seoul.page, `/practices/${ids.lima}/adopt`, `adoption form ${js}`);
      await check(seoul.page, '/my', `own list ${js}`);
      await seoul.context.close();
      const lima = await as('member', people.lima, { javaScript });
      await check(lima.page, '/my/questions', `questions asked ${js}`);
      await lima.context.close();
      const seoulAgain = await as('member', people.seoul, { javaScript });
      await check(
        seoulAgain.page,
        `/conversations/${ids.conversation}?started=1`,
        `conversation started ${js}`,
      );
      await seoulAgain.context.close();
      const sec = await as('secretariat', 'secretariat@wego.example', { javaScript });
      await check(sec.page, `/questions/${ids.question}`, `question with the hiding forms ${js}`);
      await sec.context.close();
      const visitor = await newContext(browser, { javaScript });
      renders.push(countRenders(visitor));
      const page = await visitor.newPage();
      await check(page, `/practices/${ids.lima}`, `practice, visitor ${js}`);
      await check(page, `/practices/${ids.lima}/contact`, `contact, visitor ${js}`, 401);
      await visitor.close();
    }
  });
});
