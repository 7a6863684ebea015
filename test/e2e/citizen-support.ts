import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type Language, translator } from '../../functions/shared/i18n.ts';
import { citizen } from '../../functions/web/citizen/messages.ts';
import { siteUrl } from './browser.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, db, type InboxEmail, tableName, tokenFor } from './support.ts';

/**
 * A member city that takes reports, seeded through the API as the Secretariat would: two services,
 * an official for each, and routing (potholes in one district, the rest anywhere).
 */
export interface ReportingCity {
  readonly id: string;
  readonly name: string;
  readonly roads: { readonly id: string; readonly email: string; readonly title: string };
  readonly general: { readonly id: string; readonly email: string; readonly title: string };
}

export async function reportingCity(): Promise<ReportingCity> {
  const form = applicationForm({ country: 'KR', region: 'asia' });
  const { id } = await associateCity(form);
  const token = await secretariat();
  const services = [
    { code: 'pothole', name: 'Potholes', description: 'Holes in roads and pavements', slaHours: 48 },
    { code: 'streetlight', name: 'Street lights', slaHours: 24 },
  ];
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: { services } })).status).toBe(
    200,
  );
  const tag = randomUUID().slice(0, 8);
  const official = async (key: string, title: string) => {
    const res = await call(`/cities/${id}/officials`, {
      method: 'POST',
      token,
      json: { name: `Official ${key}`, title, email: `${key}-${tag}@city.example` },
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email: res.body.email as string, title };
  };
  const roads = await official('roads', 'Head of Roads');
  const general = await official('general', 'Duty Officer');
  const rules = [
    { district: 'Jongno', service: 'pothole', officialId: roads.id },
    { district: '*', service: '*', officialId: general.id },
  ];
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
  return { id, name: form.city.name, roads, general };
}

/** The requests in an official's queue. */
export async function queueOf(email: string): Promise<{ id: string; description: string }[]> {
  const res = await call('/officials/me/requests?limit=100', { token: await tokenFor('official', email) });
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Tile requests never leave the machine: answered as unreachable, as on a closed network. */
export async function offlineTiles(page: Page, seen: { referer?: string }[] = []) {
  await page.route('https://tile.openstreetmap.org/**', async (route) => {
    seen.push({ referer: (await route.request().headerValue('referer')) ?? undefined });
    await route.abort('internetdisconnected');
  });
  return seen;
}

/** An email to `address` about request `id` (its subject names it), with `text` in it if given. */
export const emailTo = (address: string, id: string, text?: string) => (e: InboxEmail) =>
  e.destination.to.includes(address) &&
  e.subject.includes(id) &&
  (!text || (e.body.text ?? '').includes(text));

/** The token of a link of an email (`.../requests/<id>/<page>?token=...`). */
export function tokenOf(email: InboxEmail, id: string, page: 'feedback' | 'contact'): string {
  const found = new RegExp(`/requests/${id}/${page}\\?token=([A-Za-z0-9_-]{43})`).exec(email.body.text ?? '');
  if (!found?.[1]) throw new Error(`no ${page} link in "${email.subject}"`);
  return found[1];
}

/** The official in charge marks the request resolved, with a public note: the citizen is asked "is it fixed?". */
export async function resolveRequest(officialEmail: string, id: string, note: string): Promise<void> {
  const res = await call(`/requests/${id}/updates`, {
    method: 'POST',
    token: await tokenFor('official', officialEmail),
    json: { status: 'resolved', note, public: true },
  });
  expect(res.status).toBe(201);
}

/** A request's partition as stored: the request, its history, its token hashes. */
export const storedPartition = async (id: string) =>
  (
    await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `REQUEST#${id}` },
      }),
    )
  ).Items ?? [];

/** A report as a person fills it in: the city by its name, potholes, then where, what and who. */
export interface Report {
  readonly cityName: string;
  /** The title of the official the city routes it to, which the confirmation names. */
  readonly officialTitle: string;
  readonly district: string;
  readonly address?: string;
  readonly description: string;
  /** Photos to add on the photos step: files as a browser sends them. */
  readonly photos?: readonly { readonly name: string; readonly mimeType: string; readonly buffer: Buffer }[];
  readonly email?: string;
}

/**
 * Chooses the city on the report's first step as a person does: a radio when the platform has few
 * member cities, the list (a select) past 20 — which is what a suite that has made many cities shows.
 */
export async function chooseCity(page: Page, cityId: string): Promise<void> {
  if ((await page.locator('select#city').count()) > 0) await page.selectOption('#city', cityId);
  else await page.check(`input[name=city][value="${cityId}"]`, { force: true });
}

/** Continue (or send) on a step of the report, and wait for the next page. */
async function next(page: Page) {
  await Promise.all([
    page.waitForNavigation(),
    page.locator('form[data-report] button[type=submit].button:not(.button--secondary)').click(),
  ]);
}

/**
 * Through every step of `/<lang>/report` the way a person does it with a mouse (with JavaScript, a pin
 * dropped on the map too); ends on the confirmation and returns the request's reference.
 */
export async function reportThroughSite(
  page: Page,
  lang: Language,
  javaScript: boolean,
  r: Report,
): Promise<string> {
  const t = translator(lang, citizen);
  await page.goto(`${siteUrl()}/${lang}/report`);
  expect(await page.textContent('h1')).toBe(t('city.title'));
  if ((await page.locator('select#city').count()) > 0) {
    const option = page.locator('#city option', { hasText: r.cityName }).first();
    await page.selectOption('#city', (await option.getAttribute('value')) ?? '');
  } else await page.locator('label', { hasText: r.cityName }).click();
  await next(page);

  expect(await page.textContent('h1')).toBe(t('matter.title'));
  await page.check('input[name=service][value=pothole]', { force: true });
  await next(page);

  expect(await page.textContent('h1')).toBe(t('where.title'));
  await page.fill('#district', r.district);
  if (r.address) await page.fill('#address', r.address);
  expect(await page.isVisible('[data-map]')).toBe(javaScript);
  if (javaScript) {
    await page.click('[data-map-drop]');
    expect(await page.textContent('[data-map-status]')).toContain(
      t('where.map.pinAt', { position: '' }).slice(0, 6),
    );
  }
  await next(page);

  expect(await page.textContent('h1')).toBe(t('description.title'));
  await page.fill('#description', r.description);
  await next(page);

  expect(await page.textContent('h1')).toBe(t('photos.title'));
  for (const [i, photo] of (r.photos ?? []).entries()) {
    await page.setInputFiles('#photo', photo);
    await Promise.all([page.waitForNavigation(), page.click('.report button.button--secondary')]);
    expect(await page.textContent('main')).toContain(t('photos.added', { count: i + 1 }));
  }
  await next(page);

  expect(await page.textContent('h1')).toBe(t('contact.title'));
  if (r.email) await page.fill('#email', r.email);
  await next(page);

  expect(await page.textContent('h1')).toBe(t('check.title'));
  const answers = await page.textContent('.summary-list');
  expect(answers).toContain(r.cityName);
  expect(answers).toContain(r.district);
  expect(answers).toContain(r.description);
  expect(answers).toContain(t('photos.added', { count: r.photos?.length ?? 0 }));
  if (javaScript) expect(answers).not.toContain(t('check.noPin'));
  await next(page);

  await page.waitForURL(/\/report\/sent\//);
  const id = (await page.textContent('.panel__reference'))?.trim() ?? '';
  expect(id).toMatch(/^[0-9A-Z]{12}$/);
  expect(await page.textContent('.panel__title')).toBe(t('sent.title'));
  expect(await page.textContent('main')).toContain(t('sent.assigned', { title: r.officialTitle }));
  return id;
}
