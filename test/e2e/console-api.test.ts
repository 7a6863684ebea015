import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applicationForm,
  associateCity,
  committee,
  secretariat,
  setRoster,
  startVote,
  submit,
} from './membership-support.ts';
import { call, db, tableName, tokenFor } from './support.ts';

/**
 * The API the Secretariat's console and the committee pages read: the overview of what needs doing,
 * a committee member's own votes, a city's whole CPS setup with a routing preview, Open311 keys listed
 * and revoked, applications filtered by region and country.
 */
let token: string;
beforeAll(async () => {
  token = await secretariat();
});

/** Polls until `check` passes on what `get` answers (lists read from indexes may lag a write). */
async function eventually<T>(get: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let value = await get();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await get();
  }
  expect(check(value)).toBe(true);
  return value;
}

describe('GET /secretariat/overview', () => {
  const overview = async () => (await call('/secretariat/overview', { token })).body;

  it('lists a new application to review, newest first', async () => {
    const { id, form } = await submit();
    const body = await overview();
    expect(body.applications.items[0]).toEqual({
      id,
      city: { name: form.city.name, country: form.city.country, region: form.city.region },
      submittedAt: expect.any(String),
    });
    // The overview carries no personal data of the application.
    expect(JSON.stringify(body.applications)).not.toContain(form.mayor.officeEmail);
  });

  it('lists an open vote with its tally and deadline, and drops it once decided', async () => {
    const { id, form } = await associateCity();
    await setRoster();
    const { approvalId, votingClosesAt } = await startVote(id);
    const member = await tokenFor('committee', committee[0]?.email);
    const vote = await eventually(
      () =>
        call(`/approvals/${approvalId}/votes`, {
          method: 'POST',
          token: member,
          json: { decision: 'approve' },
        }),
      (res) => res.status === 201,
    );
    expect(vote.body.tally.approve).toBe(1);
    const body = await overview();
    expect(body.votes.items).toContainEqual(
      expect.objectContaining({
        id: approvalId,
        cityId: id,
        cityName: form.city.name,
        status: 'open',
        closesAt: votingClosesAt,
        tally: { approve: 1, reject: 0, committeeSize: committee.length },
      }),
    );
    const second = await tokenFor('committee', committee[1]?.email);
    await call(`/approvals/${approvalId}/votes`, {
      method: 'POST',
      token: second,
      json: { decision: 'approve' },
    });
    await eventually(overview, (o) => !o.votes.items.some((v: { id: string }) => v.id === approvalId));
  });

  it('lists an open request once it is escalated as overdue, and no longer (nor calls it overdue) once it is resolved', async () => {
    const city = await cpsCity();
    const filed = await call(`/cities/${city.id}/requests`, {
      method: 'POST',
      json: {
        service: 'pothole',
        district: 'Centro',
        description: 'Deep pothole',
        contact: { email: 'c@citizen.example' },
      },
    });
    expect(filed.status).toBe(201);
    // Time travel: due a minute ago; the schedule escalates it.
    const past = new Date(Date.now() - 60_000).toISOString();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `REQUEST#${filed.body.id}`, sk: 'REQUEST' },
        UpdateExpression: 'SET expectedAt = :past, gsi3sk = :due',
        ExpressionAttributeValues: { ':past': past, ':due': `${past}#${filed.body.id}` },
      }),
    );
    const listed = (o: { overdueRequests: { items: { id: string }[] } }) =>
      o.overdueRequests.items.find((r) => r.id === filed.body.id);
    const body = await eventually(overview, (o) => !!listed(o));
    expect(listed(body)).toEqual({
      id: filed.body.id,
      cityId: city.id,
      cityName: expect.any(String),
      serviceName: 'Potholes',
      district: 'Centro',
      status: 'assigned',
      expectedAt: past,
      escalatedAt: expect.any(String),
      assignedTo: { name: 'Ana Souza', title: 'Head of Roads' },
    });
    expect(JSON.stringify(body.overdueRequests)).not.toContain('c@citizen.example');
    const resolved = await call(`/requests/${filed.body.id}/updates`, {
      method: 'POST',
      token,
      json: { status: 'resolved', note: 'Filled', public: true },
    });
    expect(resolved.status).toBe(201);
    expect(listed(await overview())).toBeUndefined();
    // Dealt with, it is no longer called overdue anywhere (its public view feeds the citizen's page).
    expect((await call(`/requests/${filed.body.id}`)).body).toMatchObject({
      status: 'resolved',
      overdue: false,
    });
  });

  it('lists an email that keeps failing, with its tries and the error name, once its retries are over', async () => {
    // An outbox email the notifier cannot send (its recipient is not an address), written 20 minutes ago.
    const at = new Date(Date.now() - 20 * 60_000).toISOString();
    const pk = `OUTBOX#${randomUUID()}`;
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk,
          sk: 'EMAIL',
          type: 'email',
          to: ['not an address'],
          subject: 'Undeliverable',
          html: '<p>x</p>',
          text: 'x',
          createdAt: at,
          gsi3pk: 'EMAIL#UNSENT',
          gsi3sk: `${at}#${pk}`,
        },
      }),
    );
    const failed = (o: { failedEmails: { items: { id: string; attempts: number }[] } }) =>
      o.failedEmails.items.find((e) => e.id === pk.slice('OUTBOX#'.length));
    const body = await eventually(overview, (o) => (failed(o)?.attempts ?? 0) >= 1);
    expect(failed(body)).toMatchObject({
      to: ['not an address'],
      subject: 'Undeliverable',
      createdAt: at,
      lastError: 'ZodError',
      lastAttemptAt: expect.any(String),
    });
  });

  it('lists no email that was sent', async () => {
    const { form } = await submit();
    const body = await overview();
    expect(JSON.stringify(body.failedEmails)).not.toContain(form.mayor.officeEmail);
  });

  it('is for the Secretariat only', async () => {
    expect((await call('/secretariat/overview')).status).toBe(401);
    for (const role of ['committee', 'official', 'member'] as const) {
      expect((await call('/secretariat/overview', { token: await tokenFor(role) })).status, role).toBe(403);
    }
  });
});

describe("a committee member's votes", () => {
  it('lists the open vote with the application and the ballot state, before and after voting', async () => {
    const { id, form } = await associateCity();
    await setRoster();
    const { approvalId } = await startVote(id);
    const member = await tokenFor('committee', committee[2]?.email);
    const mine = (body: { items: { approvalId: string; ballot: { state: string } }[] }) =>
      body.items.find((v) => v.approvalId === approvalId);
    const before = await eventually(
      async () => (await call('/committee/me/votes', { token: member })).body,
      (b) => mine(b)?.ballot.state === 'pending',
    );
    expect(mine(before)).toMatchObject({
      status: 'open',
      city: { id, name: form.city.name, country: form.city.country, population: form.city.population },
      motivation: form.motivation,
      memberSince: expect.any(String),
      tally: { approve: 0, reject: 0, committeeSize: committee.length },
    });
    // No personal data of the application.
    expect(JSON.stringify(before)).not.toContain(form.mayor.officeEmail);
    expect(JSON.stringify(before)).not.toContain(form.contact.email);

    const voted = await call(`/approvals/${approvalId}/votes`, {
      method: 'POST',
      token: member,
      json: { decision: 'reject' },
    });
    expect(voted.status).toBe(201);
    const one = await call(`/committee/me/votes/${approvalId}`, { token: member });
    expect(one.status).toBe(200);
    expect(one.body.ballot).toEqual({ state: 'voted', decision: 'reject', votedAt: expect.any(String) });

    // Someone of the committee role who was not on the roster when the vote opened.
    const outsider = await tokenFor('committee', 'late-joiner@committee.example');
    const theirs = await call(`/committee/me/votes/${approvalId}`, { token: outsider });
    expect(theirs.body.ballot).toEqual({ state: 'not-eligible' });
  });

  it('answers 404 for a vote that does not exist, and 403 to the Secretariat', async () => {
    const member = await tokenFor('committee', committee[0]?.email);
    expect((await call(`/committee/me/votes/${randomUUID()}`, { token: member })).status).toBe(404);
    expect((await call('/committee/me/votes', { token })).status).toBe(403);
  });
});

describe('GET /applications filtered by region and country', () => {
  it('lists only the cities of the region and country asked for', async () => {
    const ru = await associateCity(applicationForm({ country: 'RU', region: 'europe' }));
    const fr = await associateCity(applicationForm({ country: 'FR', region: 'europe' }));
    const kr = await associateCity(applicationForm({ country: 'KR', region: 'asia' }));
    const ids = async (query: string) =>
      (
        (await call(`/applications?status=associate&limit=100&${query}`, { token })).body.items as {
          id: string;
        }[]
      ).map((a) => a.id);
    const europe = await ids('region=europe');
    expect(europe).toEqual(expect.arrayContaining([ru.id, fr.id]));
    expect(europe).not.toContain(kr.id);
    const russia = await ids('country=ru&region=europe');
    expect(russia).toContain(ru.id);
    expect(russia).not.toContain(fr.id);
    expect((await call('/applications?country=XX', { token })).status).toBe(400);
  });
});

interface CpsCity {
  id: string;
  roads: string;
  general: string;
}

/** A member city set up with two services, two officials and two rules. */
async function cpsCity(): Promise<CpsCity> {
  const { id } = await associateCity(applicationForm({ country: 'BR', region: 'americas' }));
  const services = [
    { code: 'pothole', name: 'Potholes', slaHours: 48 },
    { code: 'graffiti', name: 'Graffiti', slaHours: 72 },
  ];
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: { services } })).status).toBe(
    200,
  );
  const add = async (name: string, title: string) => {
    const res = await call(`/cities/${id}/officials`, {
      method: 'POST',
      token,
      json: { name, title, email: `${randomUUID().slice(0, 8)}@city.example` },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const roads = await add('Ana Souza', 'Head of Roads');
  const general = await add('Bruno Lima', 'City Clerk');
  const rules = [
    { district: 'Centro', service: 'pothole', officialId: roads },
    { district: '*', service: '*', officialId: general },
  ];
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
  return { id, roads, general };
}

describe("a city's CPS setup and the routing preview", () => {
  let city: CpsCity;
  beforeAll(async () => {
    city = await cpsCity();
  });

  it('answers the city, its services, officials and rules in one', async () => {
    const res = await call(`/cities/${city.id}/setup`, { token });
    expect(res.status).toBe(200);
    expect(res.body.city).toMatchObject({ id: city.id, country: 'BR', status: 'associate' });
    expect(res.body.services.map((s: { code: string }) => s.code)).toEqual(['graffiti', 'pothole']);
    expect(res.body.officials.map((o: { name: string }) => o.name)).toEqual(['Ana Souza', 'Bruno Lima']);
    expect(res.body.rules).toEqual([
      { district: 'Centro', service: 'pothole', officialId: city.roads },
      { district: '*', service: '*', officialId: city.general },
    ]);
  });

  it('previews by the saved rules where a request goes, and a request filed then goes there', async () => {
    const preview = await call(`/cities/${city.id}/routing/preview`, {
      method: 'POST',
      token,
      json: { district: 'céntro', service: 'pothole' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      district: 'céntro',
      service: { code: 'pothole', name: 'Potholes', slaHours: 48 },
      rule: { district: 'Centro', service: 'pothole', officialId: city.roads },
      official: { id: city.roads, name: 'Ana Souza', title: 'Head of Roads' },
    });
    const filed = await call(`/cities/${city.id}/requests`, {
      method: 'POST',
      json: { service: 'pothole', district: 'céntro', description: 'Deep pothole' },
    });
    expect(filed.body.assignedTo).toEqual({ name: 'Ana Souza', title: 'Head of Roads' });
  });

  it('previews rules being edited without saving them, and says when none matches', async () => {
    const draft = [{ district: 'Norte', service: 'graffiti', officialId: city.roads }];
    const preview = await call(`/cities/${city.id}/routing/preview`, {
      method: 'POST',
      token,
      json: { district: 'Sul', service: 'graffiti', rules: draft },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      district: 'Sul',
      service: { code: 'graffiti', name: 'Graffiti', slaHours: 72 },
    });
    // Nothing was saved.
    expect((await call(`/cities/${city.id}/routing`, { token })).body.rules).toHaveLength(2);
  });

  it('refuses a preview for a service the city does not have, or rules naming an unknown official', async () => {
    const unknownService = await call(`/cities/${city.id}/routing/preview`, {
      method: 'POST',
      token,
      json: { district: 'Centro', service: 'noise' },
    });
    expect(unknownService.status).toBe(400);
    expect(unknownService.body.errors).toEqual([
      { path: 'body.service', message: 'is not a service of this city' },
    ]);
    const unknownOfficial = await call(`/cities/${city.id}/routing/preview`, {
      method: 'POST',
      token,
      json: {
        district: 'Centro',
        service: 'pothole',
        rules: [{ district: '*', service: '*', officialId: 'nobody' }],
      },
    });
    expect(unknownOfficial.status).toBe(400);
    expect(unknownOfficial.body.errors).toEqual([
      { path: 'body.rules.0.officialId', message: 'is not an official of this city' },
    ]);
  });

  it('is for member cities and the Secretariat only', async () => {
    const { id } = await submit();
    expect((await call(`/cities/${id}/setup`, { token })).status).toBe(409);
    expect((await call(`/cities/${randomUUID()}/setup`, { token })).status).toBe(404);
    const official = await tokenFor('official');
    expect((await call(`/cities/${city.id}/setup`, { token: official })).status).toBe(403);
    expect(
      (
        await call(`/cities/${city.id}/routing/preview`, {
          method: 'POST',
          token: official,
          json: { district: 'x', service: 'pothole' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('Open311 keys listed and revoked', () => {
  it('lists a key without the key itself, and refuses a request posted with it once revoked', async () => {
    const city = await cpsCity();
    const issued = await call(`/cities/${city.id}/open311-keys`, {
      method: 'POST',
      token,
      json: { label: 'FixMyStreet' },
    });
    expect(issued.status).toBe(201);
    const list = await call(`/cities/${city.id}/open311-keys`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { id: issued.body.id, createdAt: issued.body.createdAt, label: 'FixMyStreet' },
    ]);
    expect(list.text).not.toContain(issued.body.apiKey);

    const post = () =>
      call(`/open311/v2/${city.id}/requests.json`, {
        method: 'POST',
        body: new URLSearchParams({
          api_key: issued.body.apiKey,
          service_code: 'pothole',
          'attribute[district]': 'Centro',
          description: 'Pothole',
          lat: '1',
          long: '1',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post()).status).toBe(201);
    const revoked = await call(`/cities/${city.id}/open311-keys/${issued.body.id}`, {
      method: 'DELETE',
      token,
    });
    expect(revoked.status).toBe(204);
    expect((await post()).status).toBe(403);
    expect((await call(`/cities/${city.id}/open311-keys`, { token })).body.items).toEqual([]);
    expect(
      (await call(`/cities/${city.id}/open311-keys/${issued.body.id}`, { method: 'DELETE', token })).status,
    ).toBe(404);
  });

  it('answers 404 for an unknown city and 400 for a malformed key id, and only to the Secretariat', async () => {
    expect((await call(`/cities/${randomUUID()}/open311-keys`, { token })).status).toBe(404);
    expect((await call(`/cities/x/open311-keys/not-a-key`, { method: 'DELETE', token })).status).toBe(400);
    const member = await tokenFor('committee');
    expect((await call(`/cities/x/open311-keys`, { token: member })).status).toBe(403);
    expect(
      (await call(`/cities/x/open311-keys/${'a'.repeat(64)}`, { method: 'DELETE', token: member })).status,
    ).toBe(403);
  });
});
