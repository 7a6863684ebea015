import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { assigneeIndex } from '../../functions/cps/keys.ts';
import type { Language } from '../../functions/shared/i18n.ts';
import { siteUrl } from './browser.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, db, type Role, tableName, tokenFor } from './support.ts';

/** What the officials' page tests share: a CPS city seeded through the API, requests, signing in. */
export interface Official {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly email: string;
}

export interface CpsCity {
  readonly id: string;
  readonly name: string;
  /** Every request goes to `roads` (the city default); the others are colleagues to hand over to. */
  readonly officials: Record<'roads' | 'general' | 'lights', Official>;
}

/** A CPS city; its officials read their emails and pages in `language` if given (else the default). */
export async function cpsCity(options: { language?: Language } = {}): Promise<CpsCity> {
  const form = applicationForm({ country: 'BR', region: 'americas' });
  const { id } = await associateCity(form);
  const token = await secretariat();
  const services = [
    { code: 'pothole', name: 'Potholes', slaHours: 48 },
    { code: 'streetlight', name: 'Street lights', slaHours: 24 },
  ];
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: { services } })).status).toBe(
    200,
  );
  const tag = randomUUID().slice(0, 8);
  const people = {
    roads: { name: 'Ana Souza', title: 'Head of Roads' },
    general: { name: 'Carla Dias', title: 'General Works' },
    lights: { name: 'Bruno Lima', title: 'Street Lighting' },
  };
  const officials = {} as Record<keyof typeof people, Official>;
  for (const [key, person] of Object.entries(people) as [keyof typeof people, (typeof people)['roads']][]) {
    const email = `${key}-${tag}@city.example`;
    const res = await call(`/cities/${id}/officials`, {
      method: 'POST',
      token,
      json: { ...person, email, ...options },
    });
    expect(res.status).toBe(201);
    officials[key] = { id: res.body.id, ...person, email };
  }
  const rules = [{ district: '*', service: '*', officialId: officials.roads.id }];
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
  return { id, name: form.city.name, officials };
}

export interface Filed {
  readonly id: string;
  readonly citizenEmail: string;
}

/** A citizen's request, routed to `roads`. */
export async function fileRequest(
  city: CpsCity,
  extra: {
    service?: string;
    district?: string;
    description?: string;
    attributes?: Record<string, string | string[]>;
  } = {},
): Promise<Filed> {
  const citizenEmail = `joana-${randomUUID().slice(0, 8)}@citizen.example`;
  const res = await call(`/cities/${city.id}/requests`, {
    method: 'POST',
    json: {
      service: extra.service ?? 'pothole',
      district: extra.district ?? 'Centro',
      description: extra.description ?? 'A deep pothole in front of number 12.\nCars swerve around it.',
      location: { lat: -23.5505, lng: -46.6333 },
      address: 'Rua Direita 12',
      contact: { name: 'Joana Silva', email: citizenEmail, phone: '+55 11 5555 0000' },
      ...(extra.attributes ? { attributes: extra.attributes } : {}),
    },
  });
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('assigned');
  return { id: res.body.id, citizenEmail };
}

/** Moves a request's due time into the past, as time passing would (and re-indexes it as the CPS does). */
export async function makeOverdue(id: string, email: string, hoursAgo = 5): Promise<void> {
  const past = new Date(Date.now() - hoursAgo * 3600_000).toISOString();
  const { gsi1sk } = assigneeIndex(email, 'assigned', past, id);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' },
      UpdateExpression: 'SET expectedAt = :past, gsi1sk = :queue, gsi3sk = :due',
      ExpressionAttributeValues: { ':past': past, ':queue': gsi1sk, ':due': `${past}#${id}` },
    }),
  );
}

/** Signs in through the (local) managed login, as a person does, and lands on `to`. */
export async function signIn(page: Page, email: string, roles: readonly Role[], to: string): Promise<void> {
  await page.goto(`${siteUrl()}/en/sign-in?return=${encodeURIComponent(to)}`);
  await page.fill('#email', email);
  for (const role of roles) await page.check(`input[value=${role}]`);
  await Promise.all([page.waitForURL(`${siteUrl()}${to}`), page.click('button[type=submit]')]);
}

/** A session without the sign-in pages: the cookie the callback would set, holding a valid token. */
export async function withSession(context: BrowserContext, role: Role, email: string): Promise<void> {
  const token = await tokenFor(role, email);
  await context.addCookies([{ name: 'wego-session', value: token, url: siteUrl() }]);
}

/** The rows of the queue page: each reference, in order. */
export const queueReferences = (page: Page) =>
  page.locator('table.table tbody tr td:first-child a').allTextContents();

/** Chooses a radio as a person does: by its label (the styled circle belongs to the label). */
export async function choose(page: Page, name: string, value: string): Promise<void> {
  const id = await page.locator(`input[name=${name}][value=${value}]`).getAttribute('id');
  await page.click(`label[for="${id}"]`);
}
