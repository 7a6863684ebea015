import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat, submit } from './membership-support.ts';
import { call, db, inbox, tableName, tokenFor, waitForEmail } from './support.ts';

interface City {
  id: string;
  officials: Record<'roads' | 'general' | 'lights', { id: string; email: string }>;
}

const official = (key: string) => ({
  name: `Official ${key}`,
  title: `Head of ${key}`,
  email: `${key}-${Date.now()}@city.example`,
});

/** A member city with three matters' worth of officials and rules: Centro potholes, lights anywhere, a default. */
async function cpsCity(): Promise<City> {
  const { id } = await associateCity(applicationForm({ country: 'BR', region: 'americas' }));
  const token = await secretariat();
  const services = [
    { code: 'pothole', name: 'Potholes', slaHours: 48, group: 'Roads' },
    { code: 'streetlight', name: 'Street lights', slaHours: 24 },
  ];
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: { services } })).status).toBe(
    200,
  );
  const officials = {} as City['officials'];
  for (const key of ['roads', 'general', 'lights'] as const) {
    const res = await call(`/cities/${id}/officials`, { method: 'POST', token, json: official(key) });
    expect(res.status).toBe(201);
    officials[key] = { id: res.body.id, email: res.body.email };
  }
  const rules = [
    { district: 'Centro', service: 'pothole', officialId: officials.roads.id },
    { district: '*', service: 'streetlight', officialId: officials.lights.id },
    { district: '*', service: '*', officialId: officials.general.id },
  ];
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
  return { id, officials };
}

const fileRequest = (cityId: string, body: Record<string, unknown>) =>
  call(`/cities/${cityId}/requests`, { method: 'POST', json: body });

const pothole = (extra: Record<string, unknown> = {}) => ({
  service: 'pothole',
  district: 'centro',
  description: 'A deep pothole in front of number 12.',
  location: { lat: -23.55, lng: -46.63 },
  address: 'Rua Direita 12',
  contact: { name: 'Joana', email: `joana-${Date.now()}@citizen.example`, phone: '+55 11 5555 0000' },
  ...extra,
});

let city: City;
beforeAll(async () => {
  city = await cpsCity();
});

describe('a civic request, from the citizen to the official and back', () => {
  it('is routed to the official of the most specific rule, who is emailed at once; the citizen follows it', async () => {
    const body = pothole();
    const res = await fileRequest(city.id, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'assigned',
      assignedTo: { name: 'Official roads', title: 'Head of roads' },
    });
    expect(Date.parse(res.body.expectedAt) - Date.now()).toBeGreaterThan(47 * 3600_000);
    const id = res.body.id as string;

    const assignment = await waitForEmail(
      (e) => e.destination.to.includes(city.officials.roads.email) && e.subject.includes(id),
    );
    expect(assignment.body.text).toContain('Rua Direita 12');
    await waitForEmail(
      (e) => e.destination.to.includes(body.contact.email) && (e.body.text ?? '').includes(id),
    );

    const roads = await tokenFor('official', city.officials.roads.email);
    const queue = await call('/officials/me/requests?status=assigned', { token: roads });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id);

    const update = await call(`/requests/${id}/updates`, {
      method: 'POST',
      token: roads,
      json: { status: 'in_progress', note: 'A crew is on its way.', public: true },
    });
    expect(update.status).toBe(201);
    await call(`/requests/${id}/updates`, {
      method: 'POST',
      token: roads,
      json: { status: 'in_progress', note: 'Internal: needs asphalt truck', public: false },
    });
    await waitForEmail(
      (e) =>
        e.destination.to.includes(body.contact.email) &&
        (e.body.text ?? '').includes('A crew is on its way.'),
    );

    const seen = await call(`/requests/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('in_progress');
    expect(seen.body.updates.map((u: { note: string }) => u.note)).toContain('A crew is on its way.');
    expect(seen.text).not.toContain('Internal: needs asphalt truck');
    expect(seen.text).not.toContain(body.contact.email);
    expect(seen.text).not.toContain('+55 11');
    expect(seen.text).not.toContain(city.officials.roads.email);

    const full = await call(`/requests/${id}`, { token: roads });
    expect(full.body.contact).toEqual(body.contact);
    expect(full.text).toContain('Internal: needs asphalt truck');
  });

  it('falls back to the city default rule when nothing more specific matches', async () => {
    const res = await fileRequest(city.id, pothole({ district: 'Norte' }));
    expect(res.body.assignedTo.name).toBe('Official general');
    const lights = await fileRequest(city.id, pothole({ service: 'streetlight', district: 'Norte' }));
    expect(lights.body.assignedTo.name).toBe('Official lights');
  });

  it('is handed over with a reason: the new official is emailed and the previous one can no longer act', async () => {
    const { body } = await fileRequest(city.id, pothole());
    const roads = await tokenFor('official', city.officials.roads.email);
    const handed = await call(`/requests/${body.id}/assign`, {
      method: 'POST',
      token: roads,
      json: {
        officialId: city.officials.general.id,
        reason: 'This street belongs to the general works team',
      },
    });
    expect(handed.status).toBe(200);
    expect(handed.body.assignedTo.email).toBe(city.officials.general.email);
    await waitForEmail(
      (e) => e.destination.to.includes(city.officials.general.email) && e.subject.includes(body.id),
    );
    const again = await call(`/requests/${body.id}/updates`, {
      method: 'POST',
      token: roads,
      json: { status: 'resolved', note: 'done' },
    });
    expect(again.status).toBe(403);
    const general = await tokenFor('official', city.officials.general.email);
    const resolved = await call(`/requests/${body.id}/updates`, {
      method: 'POST',
      token: general,
      json: { status: 'resolved', note: 'Filled.', public: true },
    });
    expect(resolved.status).toBe(201);
  });
});

describe('object- and property-level checks', () => {
  it('another official sees only the public view and may not update the request (403)', async () => {
    const { body } = await fileRequest(city.id, pothole());
    const lights = await tokenFor('official', city.officials.lights.email);
    const seen = await call(`/requests/${body.id}`, { token: lights });
    expect(seen.status).toBe(200);
    expect(seen.body.contact).toBeUndefined();
    const update = await call(`/requests/${body.id}/updates`, {
      method: 'POST',
      token: lights,
      json: { status: 'closed', note: 'not mine' },
    });
    expect(update.status).toBe(403);
    const assign = await call(`/requests/${body.id}/assign`, {
      method: 'POST',
      token: lights,
      json: { officialId: city.officials.lights.id, reason: 'mine now' },
    });
    expect(assign.status).toBe(403);
  });

  it('refuses a citizen who tries to set the status or the assignee, and stores nothing', async () => {
    const marker = `forged-${Date.now()}`;
    const res = await fileRequest(
      city.id,
      pothole({ description: marker, status: 'closed', assignedTo: 'me' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.assignedTo',
      'body.status',
    ]);
    const roads = await tokenFor('official', city.officials.roads.email);
    const queue = await call('/officials/me/requests?limit=100', { token: roads });
    expect(queue.text).not.toContain(marker);
    await new Promise((r) => setTimeout(r, 500));
    expect((await inbox()).some((e) => (e.body.text ?? '').includes(marker))).toBe(false);
  });

  it('refuses a move the status rules do not allow', async () => {
    const { body } = await fileRequest(city.id, pothole());
    const roads = await tokenFor('official', city.officials.roads.email);
    expect(
      (
        await call(`/requests/${body.id}/updates`, {
          method: 'POST',
          token: roads,
          json: { status: 'closed', note: 'dup' },
        })
      ).status,
    ).toBe(201);
    const reopen = await call(`/requests/${body.id}/updates`, {
      method: 'POST',
      token: roads,
      json: { status: 'in_progress', note: 'reopen' },
    });
    expect(reopen.status).toBe(409);
  });

  it('escapes citizen HTML in the email to the official', async () => {
    const attack = '<img src=x onerror=alert(1)><script>alert("x")</script>';
    const { body } = await fileRequest(city.id, pothole({ description: attack }));
    const email = await waitForEmail(
      (e) => e.destination.to.includes(city.officials.roads.email) && e.subject.includes(body.id),
    );
    expect(email.body.html).not.toContain('<img src=x');
    expect(email.body.html).not.toContain('<script>alert');
    expect(email.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.body.text).toContain(attack);
  });
});

describe('cities that may not use the CPS, and requests nobody is in charge of', () => {
  it('answers 409 for a city that is not a member', async () => {
    const { id } = await submit();
    expect((await fileRequest(id, pothole())).status).toBe(409);
    const services = { services: [{ code: 'pothole', name: 'Potholes', slaHours: 1 }] };
    expect(
      (await call(`/cities/${id}/services`, { method: 'PUT', token: await secretariat(), json: services }))
        .status,
    ).toBe(409);
  });

  it('leaves a request submitted and emails the Secretariat when no rule matches', async () => {
    const { id } = await associateCity();
    const token = await secretariat();
    await call(`/cities/${id}/services`, {
      method: 'PUT',
      token,
      json: { services: [{ code: 'noise', name: 'Noise', slaHours: 12 }] },
    });
    const res = await fileRequest(id, {
      service: 'noise',
      district: 'Sul',
      description: 'Loud music all night',
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('submitted');
    expect(res.body.assignedTo).toBeUndefined();
    await waitForEmail(
      (e) => e.destination.to.includes('secretariat@wego.example') && e.subject.includes(res.body.id),
    );
  });
});

describe('escalation', () => {
  it('marks an open request past its expected time overdue and emails the Secretariat once, however often the schedule runs', async () => {
    const { body } = await fileRequest(city.id, pothole());
    // Time travel: the request was due a minute ago (the schedule reads the due index, gsi3).
    const past = new Date(Date.now() - 60_000).toISOString();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `REQUEST#${body.id}`, sk: 'REQUEST' },
        UpdateExpression: 'SET expectedAt = :past, gsi3sk = :due',
        ExpressionAttributeValues: { ':past': past, ':due': `${past}#${body.id}` },
      }),
    );
    const overdue = (e: { subject: string; destination: { to: string[] } }) =>
      e.destination.to.includes('secretariat@wego.example') &&
      e.subject.includes(body.id) &&
      /overdue/i.test(e.subject);
    await waitForEmail(overdue, 20_000);
    // Let the schedule fire a few more times: still one email.
    await new Promise((r) => setTimeout(r, 3 * Number(process.env.E2E_SCHEDULE_MS ?? 1000) + 500));
    expect((await inbox()).filter(overdue)).toHaveLength(1);
    expect((await call(`/requests/${body.id}`)).body.overdue).toBe(true);
  });
});
