import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, tokenFor } from './support.ts';

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
