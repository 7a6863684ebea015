import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, siteUrl } from './browser.ts';
import { clickAndLoad, expectAtMostTwoCalls, mainText, type Renders, signedIn } from './console-support.ts';
import { applicationForm, associateCity } from './membership-support.ts';
import { call, tokenFor, waitForEmail } from './support.ts';

/**
 * A member city's CPS set up entirely in the console, in a browser without JavaScript (the forms work
 * without it): services with their hours, officials, routing rules with a preview of where a request
 * would go; then a request filed through the API goes where the preview said. Open311 keys are issued
 * and revoked in the console, and a revoked key is refused by the Open311 POST.
 */
let browser: Browser;
let page: Page;
let renders: Renders;
let cityId: string;
const tag = Date.now();
const roads = { name: 'Ana Souza', title: 'Head of Roads', email: `roads-${tag}@city.example` };
const clerk = { name: 'Bruno Lima', title: 'City Clerk', email: `clerk-${tag}@city.example` };

beforeAll(async () => {
  browser = await launch();
  ({ page, renders } = await signedIn(browser, 'secretariat', 'clerk@wego.example', { javaScript: false }));
  cityId = (await associateCity(applicationForm({ country: 'BR', region: 'americas' }))).id;
});
afterAll(() => browser?.close());

const cityPage = (path: string) => `${siteUrl()}/en/console/cities/${cityId}${path}`;

describe("a city's CPS, set up in the console", () => {
  it('sets the services with their hours, adding a row for the second, and says what it refused', async () => {
    await page.goto(cityPage('/services'));
    await page.fill('#service-0-code', 'pothole');
    await page.fill('#service-0-name', 'Potholes');
    await page.fill('#service-0-group', 'Roads');
    await page.fill('#service-0-slaHours', '48');
    await clickAndLoad(page, 'button[value=add]');
    expect(await page.inputValue('#service-0-code')).toBe('pothole');
    await page.fill('#service-1-code', 'Graffiti!');
    await page.fill('#service-1-name', 'Graffiti');
    await page.fill('#service-1-slaHours', 'soon');
    await clickAndLoad(page, 'button[value=save]');
    // Refused: both fields of the second service are named, and what was typed is kept.
    expect(await page.title()).toMatch(/^Error:/);
    const summary = await page.textContent('.error-summary');
    expect(summary).toContain('Enter a code for service 2');
    expect(summary).toContain('Enter the hours for service 2');
    expect(await page.inputValue('#service-1-name')).toBe('Graffiti');
    await page.fill('#service-1-code', 'graffiti');
    await page.fill('#service-1-slaHours', '72');
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.notification')).toContain('The services have been saved');
    const services = await call(`/cities/${cityId}/services`);
    expect(services.body.services).toEqual([
      { code: 'graffiti', name: 'Graffiti', slaHours: 72 },
      { code: 'pothole', name: 'Potholes', group: 'Roads', slaHours: 48 },
    ]);
  });

  it('refuses a save from a page shown before someone else saved, and saves once the change is seen', async () => {
    await page.goto(cityPage('/services'));
    // Meanwhile a colleague changes the services through the API.
    const token = await tokenFor('secretariat', 'colleague@wego.example');
    const before = (await call(`/cities/${cityId}/services`)).body.services;
    const theirs = before.map((s: { code: string }) => (s.code === 'graffiti' ? { ...s, slaHours: 24 } : s));
    expect(
      (await call(`/cities/${cityId}/services`, { method: 'PUT', token, json: { services: theirs } })).status,
    ).toBe(200);
    // This page still shows 72 hours for graffiti: its save would undo the colleague's 24.
    await page.fill('#service-0-name', 'Graffiti and tags');
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.error-summary')).toContain('changed');
    expect((await call(`/cities/${cityId}/services`)).body.services).toEqual(theirs);
    // Saved again knowingly, from the page that now stands for the current services.
    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.notification')).toContain('The services have been saved');
    const after = (await call(`/cities/${cityId}/services`)).body.services;
    expect(after.find((s: { code: string }) => s.code === 'graffiti').name).toBe('Graffiti and tags');
    // The API alone: a stale expectedUpdatedAt is a 409 and writes nothing.
    const stale = await call(`/cities/${cityId}/services`, {
      method: 'PUT',
      token,
      json: { services: theirs, expectedUpdatedAt: '2020-01-01T00:00:00.000Z' },
    });
    expect(stale.status).toBe(409);
    expect((await call(`/cities/${cityId}/services`)).body.services).toEqual(after);
  });

  it('adds officials, one after the other', async () => {
    for (const official of [roads, clerk]) {
      await page.goto(cityPage('/officials'));
      await page.fill('#official-name', official.name);
      await page.fill('#official-title', official.title);
      await page.fill('#official-email', official.email);
      await clickAndLoad(page, 'main form button');
      expect(await page.textContent('.notification')).toContain(`${official.name} has been added`);
    }
    const text = await mainText(page);
    expect(text).toContain(roads.email);
    expect(text).toContain(clerk.email);
    // The same email twice is refused, with what was typed kept.
    await page.fill('#official-name', 'Someone Else');
    await page.fill('#official-title', 'Deputy');
    await page.fill('#official-email', roads.email);
    await clickAndLoad(page, 'main form button');
    expect(await page.textContent('.error-summary')).toContain('already has an official with this email');
    expect(await page.inputValue('#official-name')).toBe('Someone Else');
  });

  it('writes the routing rules, previews where a pothole in Centro goes, and a request filed then goes there', async () => {
    await page.goto(cityPage('/routing'));
    await page.fill('#rule-0-district', 'Centro');
    await page.selectOption('#rule-0-service', 'pothole');
    await page.selectOption('#rule-0-officialId', { label: `${roads.name}, ${roads.title}` });
    await clickAndLoad(page, 'button[value=add]');
    await page.fill('#rule-1-district', '*');
    await page.selectOption('#rule-1-service', '*');
    await page.selectOption('#rule-1-officialId', { label: `${clerk.name}, ${clerk.title}` });

    // The preview of the rules as typed, before they are saved.
    await page.fill('#preview-district', 'centro');
    await page.selectOption('#preview-service', 'pothole');
    await clickAndLoad(page, 'button[value=preview]');
    expect(await page.textContent('#preview-result')).toContain(
      'A request for Potholes in centro goes to Ana Souza, Head of Roads.',
    );
    expect((await call(`/cities/${cityId}/routing`, { token: await secretariatToken() })).body.rules).toEqual(
      [],
    );

    await clickAndLoad(page, 'button[value=save]');
    expect(await page.textContent('.notification')).toContain('The routing rules have been saved');

    // The saved rules, previewed: graffiti in Norte falls to the city's default.
    await page.fill('#preview-district', 'Norte');
    await page.selectOption('#preview-service', 'graffiti');
    await clickAndLoad(page, 'button[value=preview]');
    expect(await page.textContent('#preview-result')).toContain('goes to Bruno Lima, City Clerk');

    await page.fill('#preview-district', 'Centro');
    await page.selectOption('#preview-service', 'pothole');
    await clickAndLoad(page, 'button[value=preview]');
    const previewed = await page.getAttribute(
      '#preview-result [data-preview-official]',
      'data-preview-official',
    );

    const filed = await call(`/cities/${cityId}/requests`, {
      method: 'POST',
      json: { service: 'pothole', district: 'Centro', description: 'A deep pothole by the school.' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.assignedTo).toEqual({ name: roads.name, title: roads.title });
    const official = (
      await call(`/cities/${cityId}/officials`, { token: await secretariatToken() })
    ).body.items.find((o: { email: string }) => o.email === roads.email);
    expect(previewed).toBe(official.id);
    await waitForEmail((e) => e.destination.to.includes(roads.email) && e.subject.includes(filed.body.id));
  });

  it('names the rule it refuses: a rule without an official', async () => {
    await page.goto(cityPage('/routing'));
    await page.fill('#rule-2-district', 'Sul');
    await clickAndLoad(page, 'button[value=save]');
    const summary = await page.textContent('.error-summary');
    expect(summary).toContain('rule 3');
    expect(await page.inputValue('#rule-2-district')).toBe('Sul');
  });
});

describe('Open311 keys in the console', () => {
  const post = (apiKey: string) =>
    call(`/open311/v2/${cityId}/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'pothole',
        'attribute[district]': 'Centro',
        description: 'Pothole reported through an app',
        lat: '-23.55',
        long: '-46.63',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('issues a key shown once, lists it by its label, and revokes it: the Open311 POST then refuses it', async () => {
    await page.goto(cityPage('/open311-keys'));
    expect(await mainText(page)).toContain('This city has no Open311 key.');
    await page.fill('#label', 'FixMyStreet');
    await clickAndLoad(page, 'main form button');
    const apiKey = ((await page.textContent('.panel__reference')) ?? '').trim();
    expect(apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await post(apiKey)).status).toBe(201);

    await clickAndLoad(page, 'a[href$="/open311-keys"]:has-text("Back to the keys")');
    const listed = await mainText(page);
    expect(listed).toContain('FixMyStreet');
    expect(listed).not.toContain(apiKey);
    await clickAndLoad(page, 'form[action$="/revoke"] button');
    expect(await page.textContent('.notification')).toContain('The key has been revoked');
    expect(await mainText(page)).toContain('This city has no Open311 key.');
    expect((await post(apiKey)).status).toBe(403);
  });

  it('refuses a label of more than one line of 100 characters, keeping what was typed', async () => {
    await page.goto(cityPage('/open311-keys'));
    await page.fill('#label', 'x'.repeat(101));
    await clickAndLoad(page, 'main form button');
    expect(await page.textContent('.error-summary')).toContain(
      'Enter a label of one line, up to 100 characters',
    );
    expect(await page.inputValue('#label')).toBe('x'.repeat(101));
  });

  it('never needed more than two API calls to render a page', () => {
    expectAtMostTwoCalls(renders, 20);
  });
});

const secretariatToken = () => tokenFor('secretariat', 'clerk@wego.example');
