import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { apiUrl, call, db, inbox, tableName, tokenFor, waitForEmail } from './support.ts';

/**
 * What an attacker or a careless client did that the platform once got wrong: a retried
 * Idempotency-Key that created a second record, one citizen's malformed text that cost other people
 * their emails, sets whose replacement overflowed a transaction, districts that collided, and dates
 * past the year 9999.
 */
interface City {
  id: string;
  officialEmail: string;
  officialId: string;
}

async function cpsCity(): Promise<City> {
  const { id } = await associateCity(applicationForm({ country: 'MX', region: 'americas' }));
  const token = await secretariat();
  const services = { services: [{ code: 'pothole', name: 'Potholes', slaHours: 48 }] };
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: services })).status).toBe(200);
  const officialEmail = `roads-${randomUUID().slice(0, 8)}@city.example`;
  const official = await call(`/cities/${id}/officials`, {
    method: 'POST',
    token,
    json: { name: 'Rosa Vial', title: 'Head of Roads', email: officialEmail },
  });
  expect(official.status).toBe(201);
  const rules = { rules: [{ district: '*', service: '*', officialId: official.body.id }] };
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: rules })).status).toBe(200);
  return { id, officialEmail, officialId: official.body.id };
}

let city: City;
beforeAll(async () => {
  city = await cpsCity();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const emailsTo = async (address: string) => (await inbox()).filter((e) => e.destination.to.includes(address));

describe('an Idempotency-Key never creates a second record', () => {
  const request = (description: string) => ({ service: 'pothole', district: 'Centro', description });

  it('replays the first request after the key was refused for another body, and sends its email once', async () => {
    const key = randomUUID();
    const b1 = request(`B1 ${key}`);
    const post = (json: unknown) =>
      call(`/cities/${city.id}/requests`, { method: 'POST', json, headers: { 'idempotency-key': key } });
    const first = await post(b1);
    const replay = await post(b1);
    const other = await post(request(`B2 ${key}`));
    const again = await post(b1);
    expect([first.status, replay.status, other.status, again.status]).toEqual([201, 201, 409, 201]);
    expect(replay.body.id).toBe(first.body.id);
    expect(again.body.id).toBe(first.body.id);
    await waitForEmail(
      (e) => e.destination.to.includes(city.officialEmail) && e.subject.includes(first.body.id),
    );
    await sleep(1500); // time for a duplicate, were there one, to reach the inbox
    const forThis = (await emailsTo(city.officialEmail)).filter((e) =>
      (e.body.text ?? '').includes(`B1 ${key}`),
    );
    expect(forThis).toHaveLength(1);
  });

  it('creates one request from 12 concurrent posts with one key; the rest replay it or are told it is in progress', async () => {
    const key = randomUUID();
    const body = request(`Concurrent ${key}`);
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        await sleep(i * 15);
        return call(`/cities/${city.id}/requests`, {
          method: 'POST',
          json: body,
          headers: { 'idempotency-key': key },
        });
      }),
    );
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    for (const a of answers) {
      expect([201, 409]).toContain(a.status);
      if (a.status === 409) expect(a.body.detail).toMatch(/in progress/);
    }
    await sleep(1500);
    const emails = (await emailsTo(city.officialEmail)).filter((e) =>
      (e.body.text ?? '').includes(`Concurrent ${key}`),
    );
    expect(emails).toHaveLength(1);
  });

  it('replays the 201 of POST /applications to a retry with the same key', async () => {
    const form = applicationForm();
    const key = randomUUID();
    const post = () =>
      call('/applications', { method: 'POST', json: form, headers: { 'idempotency-key': key } });
    const first = await post();
    expect(
      (
        await call('/applications', {
          method: 'POST',
          json: { ...form, motivation: 'other' },
          headers: { 'idempotency-key': key },
        })
      ).status,
    ).toBe(409);
    const retry = await post();
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });
});

describe('text that is not well formed is refused at the door', () => {
  it('answers 400 naming the field for a lone surrogate, and stores nothing', async () => {
    const marker = randomUUID();
    const res = await call(`/cities/${city.id}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"service":"pothole","district":"Centro","description":"${marker} \\ud800"}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'body.description', message: 'must be well-formed Unicode text' },
    ]);
    await sleep(500);
    expect((await inbox()).some((e) => (e.body.text ?? '').includes(marker))).toBe(false);
  });

  it('answers 400 for bytes that are not UTF-8 and 415 for another charset', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"service":"pothole","district":"Centro","description":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const notUtf8 = await fetch(`${apiUrl()}/cities/${city.id}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    expect(notUtf8.status).toBe(400);
    const latin1 = await fetch(`${apiUrl()}/cities/${city.id}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
      body: bytes,
    });
    expect(latin1.status).toBe(415);
  });

  it('sends every clean email even when poisoned outbox items arrive between them', async () => {
    // Items as a pre-fix release could have stored them: text with lone surrogates, interleaved with clean ones.
    const run = randomUUID().slice(0, 8);
    const now = new Date().toISOString();
    for (let i = 0; i < 10; i++) {
      const poisoned = i % 2 === 0;
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            pk: `OUTBOX#poison-test-${run}-${i}`,
            sk: 'EMAIL',
            type: 'email',
            to: [`clean-${run}-${i}@citizen.example`],
            subject: poisoned ? `Poisoned ${run} \ud800` : `Clean ${run} ${i}`,
            html: `<p>${poisoned ? 'bad \udc00' : `clean ${i}`}</p>`,
            text: poisoned ? 'bad \udc00' : `clean ${i}`,
            createdAt: now,
          },
        }),
      );
    }
    const deadline = Date.now() + 20_000;
    let clean: Awaited<ReturnType<typeof inbox>> = [];
    while (Date.now() < deadline) {
      clean = (await inbox()).filter((e) => e.subject.startsWith(`Clean ${run} `));
      if (clean.length === 5) break;
      await sleep(250);
    }
    expect(clean.map((e) => e.subject).sort()).toEqual([1, 3, 5, 7, 9].map((i) => `Clean ${run} ${i}`));
    for (const e of clean) {
      const i = e.subject.split(' ').at(-1);
      expect(e.destination.to).toEqual([`clean-${run}-${i}@citizen.example`]);
      expect(e.body.text).toBe(`clean ${i}`);
    }
  });
});

describe('set replacements of any size up to the documented maximum', () => {
  it('replaces 100 services with 100 others, and routes by 200 rules', async () => {
    const { id } = await associateCity(applicationForm({ country: 'CL', region: 'americas' }));
    const token = await secretariat();
    const services = (prefix: string) =>
      Array.from({ length: 100 }, (_, i) => ({
        code: `${prefix}-${i}`,
        name: `Service ${prefix} ${i}`,
        slaHours: 24,
      }));
    for (const prefix of ['a', 'b']) {
      const res = await call(`/cities/${id}/services`, {
        method: 'PUT',
        token,
        json: { services: services(prefix) },
      });
      expect(res.status, prefix).toBe(200);
    }
    const listed = (await call(`/cities/${id}/services`)).body.services as { code: string }[];
    expect(listed.map((s) => s.code).sort()).toEqual(
      services('b')
        .map((s) => s.code)
        .sort(),
    );
    const official = await call(`/cities/${id}/officials`, {
      method: 'POST',
      token,
      json: { name: 'Ana', title: 'Head', email: `head-${randomUUID().slice(0, 8)}@city.example` },
    });
    const rules = Array.from({ length: 200 }, (_, i) => ({
      district: `District ${Math.floor(i / 100)}-${i % 100}`,
      service: `b-${i % 100}`,
      officialId: official.body.id,
    }));
    expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
    const filed = await call(`/cities/${id}/requests`, {
      method: 'POST',
      json: { service: 'b-42', district: 'district 1 42', description: 'Routed by rule 142' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.assignedTo).toEqual({ name: 'Ana', title: 'Head' });
  });

  it('refuses two districts that differ only by accent, case or punctuation, naming both', async () => {
    const token = await secretariat();
    for (const [a, b] of [
      ['Centro', 'Céntro'],
      ['Centro', 'centro!'],
    ]) {
      const res = await call(`/cities/${city.id}/routing`, {
        method: 'PUT',
        token,
        json: {
          rules: [
            { district: a, service: 'pothole', officialId: city.officialId },
            { district: b, service: 'pothole', officialId: city.officialId },
          ],
        },
      });
      expect(res.status, `${a}/${b}`).toBe(400);
      expect(res.body.errors[0].path).toBe('body.rules.1.district');
      expect(res.body.errors[0].message).toContain(`rule 0 ("${a}")`);
    }
  });
});

describe('Open311 dates past the year 9999', () => {
  it('answers 400 in the Open311 format, in JSON and XML', async () => {
    for (const format of ['json', 'xml']) {
      const res = await call(
        `/open311/v2/${city.id}/requests.${format}?end_date=${encodeURIComponent('9999-12-31T23:00:00-05:00')}`,
      );
      expect(res.status, format).toBe(400);
      expect(res.text, format).toContain('end_date');
    }
  });
});

describe('personal data is kept only as long as it is needed', () => {
  it('removes the citizen’s contact from a request once it has been closed for the retention period, and says so', async () => {
    const contact = { name: 'Lucía Paz', email: `lucia-${randomUUID().slice(0, 8)}@citizen.example` };
    const filed = await call(`/cities/${city.id}/requests`, {
      method: 'POST',
      json: { service: 'pothole', district: 'Centro', description: 'Bache enorme', contact },
    });
    const official = await tokenFor('official', city.officialEmail);
    const closed = await call(`/requests/${filed.body.id}/updates`, {
      method: 'POST',
      token: official,
      json: { status: 'closed', note: 'Repaired', public: true },
    });
    expect(closed.status).toBe(201);
    expect((await call(`/requests/${filed.body.id}`, { token: official })).body.contact).toEqual(contact);

    const retentionMs = Number(process.env.E2E_CONTACT_RETENTION_SECONDS) * 1000;
    const deadline = Date.now() + retentionMs + 15_000;
    let seen = await call(`/requests/${filed.body.id}`, { token: official });
    while (!seen.body.contactRemovedAt && Date.now() < deadline) {
      await sleep(500);
      seen = await call(`/requests/${filed.body.id}`, { token: official });
    }
    expect(seen.body.contact).toEqual({});
    expect(seen.body.contactRemovedAt).toEqual(expect.any(String));
    expect(seen.body.status).toBe('closed');
    expect(seen.text).not.toContain(contact.email);
    const notes = seen.body.updates.map((u: { note: string }) => u.note);
    expect(notes).toContain('Repaired');
    expect(notes.some((n: string) => /contact details were removed/.test(n))).toBe(true);
    // The public timeline is what it was: the removal is an internal note.
    const publicView = await call(`/requests/${filed.body.id}`);
    expect(publicView.body.updates.map((u: { note: string }) => u.note)).not.toContain(
      "The citizen's contact details were removed at the end of the retention period",
    );
  });
});
