import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat, submit } from './membership-support.ts';
import { call, inbox, tokenFor, waitForEmail } from './support.ts';

describe('submitting the Membership Application Form', () => {
  it('stores it as submitted and emails the acknowledgement to the contact and the Mayor’s office', async () => {
    const form = applicationForm();
    const res = await call('/applications', { method: 'POST', json: form });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'submitted' });
    for (const to of [form.contact.email, form.mayor.officeEmail]) {
      const ack = await waitForEmail((e) => e.destination.to.includes(to));
      expect(ack.destination.to).toEqual([to]);
      expect(ack.subject).toContain(form.city.name);
    }
  });

  it('answers 409 to a second live application for the same city and country, whatever the accents and case', async () => {
    const form = applicationForm({ name: `São Tomé ${randomUUID().slice(0, 6)}` });
    await submit(form);
    const again = applicationForm({ name: form.city.name.toUpperCase().replace('SÃO', 'SAO') });
    const res = await call('/applications', { method: 'POST', json: again });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 400 naming each bad field, and stores nothing', async () => {
    const token = await secretariat();
    const before = (await call('/applications?status=submitted&limit=100', { token })).body.items.length;
    const form = applicationForm();
    const bad = {
      ...form,
      city: { ...form.city, country: 'XX', region: 'mars', population: -5 },
      signatory: { ...form.signatory, signedOn: '2999-01-01' },
      extra: 'field',
    };
    const res = await call('/applications', { method: 'POST', json: bad });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.city.country',
        'body.city.region',
        'body.city.population',
        'body.signatory.signedOn',
        'body.extra',
      ]),
    );
    expect((await call('/applications?status=submitted&limit=100', { token })).body.items.length).toBe(
      before,
    );
  });

  it('returns the first answer to a retry with the same Idempotency-Key and creates nothing new', async () => {
    const form = applicationForm();
    const key = randomUUID();
    const first = await call('/applications', {
      method: 'POST',
      json: form,
      headers: { 'idempotency-key': key },
    });
    const retry = await call('/applications', {
      method: 'POST',
      json: form,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });
});

describe('the Secretariat’s decisions', () => {
  it('accepts an application: the city is an Associate Member, the Mayor’s office is told, the history says who', async () => {
    const { id, form } = await submit();
    const token = await secretariat();
    const res = await call(`/applications/${id}/accept`, { method: 'POST', token });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('associate');
    const email = await waitForEmail(
      (e) => e.destination.to.includes(form.mayor.officeEmail) && e.subject.includes('Associate Member'),
    );
    expect(email.body.html).toContain(form.city.name);

    const history = await call(`/applications/${id}/history`, { token });
    expect(history.body.items.map((e: { from: string; to: string }) => [e.from, e.to])).toEqual([
      [null, 'submitted'],
      ['submitted', 'associate'],
    ]);
    expect(history.body.items[1].actor).toBe('secretariat@wego.example');
  });

  it('answers 409 to accepting twice, and to two racing accepts exactly one wins', async () => {
    const token = await secretariat();
    const { id } = await submit();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => call(`/applications/${id}/accept`, { method: 'POST', token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await call(`/applications/${id}/accept`, { method: 'POST', token })).status).toBe(409);
    const history = await call(`/applications/${id}/history`, { token });
    expect(history.body.items).toHaveLength(2);
  });

  it('rejects with a reason: the Mayor’s office gets the reason and the city may apply again', async () => {
    const { id, form } = await submit();
    const token = await secretariat();
    const reason = 'The form was signed by someone <b>without</b> authority.';
    const res = await call(`/applications/${id}/reject`, { method: 'POST', token, json: { reason } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    const email = await waitForEmail(
      (e) => e.destination.to.includes(form.mayor.officeEmail) && (e.body.text ?? '').includes(reason),
    );
    expect(email.body.html).toContain('&lt;b&gt;without&lt;/b&gt;');
    expect((await call('/applications', { method: 'POST', json: form })).status).toBe(201);
  });

  it('requires a reason to reject', async () => {
    const { id } = await submit();
    const res = await call(`/applications/${id}/reject`, {
      method: 'POST',
      token: await secretariat(),
      json: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.reason');
  });

  it('withdraws a member: it leaves the directory', async () => {
    const { id, form } = await associateCity();
    const token = await secretariat();
    const res = await call(`/members/${id}/withdraw`, {
      method: 'POST',
      token,
      json: { reason: 'left WeGO' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    const directory = await call(`/members?region=${form.city.region}&limit=100`);
    expect(directory.body.items.map((m: { id: string }) => m.id)).not.toContain(id);
    expect(
      (await call(`/members/${id}/withdraw`, { method: 'POST', token, json: { reason: 'again' } })).status,
    ).toBe(409);
  });

  it('answers 404 for an unknown application and 403 to a committee member', async () => {
    expect((await call(`/applications/${randomUUID()}`, { token: await secretariat() })).status).toBe(404);
    expect((await call('/applications', { token: await tokenFor('committee') })).status).toBe(403);
  });
});

describe('lists', () => {
  it('pages through applications by status with an opaque cursor, and refuses a forged one', async () => {
    const token = await secretariat();
    await Promise.all([submit(), submit(), submit()]);
    const first = await call('/applications?status=submitted&limit=2', { token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(
      `/applications?status=submitted&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { token },
    );
    expect(second.status).toBe(200);
    const firstIds = first.body.items.map((a: { id: string }) => a.id);
    expect(second.body.items.some((a: { id: string }) => firstIds.includes(a.id))).toBe(false);

    const [payload, mac] = first.body.nextCursor.split('.');
    const edited = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), gsi1sk: 'z' }),
    ).toString('base64url');
    const forged = await call(`/applications?status=submitted&limit=2&cursor=${edited}.${mac}`, { token });
    expect(forged.status).toBe(400);
    const otherList = await call(
      `/applications?status=associate&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { token },
    );
    expect(otherList.status).toBe(400);
    expect((await call('/applications?limit=101', { token })).status).toBe(400);
  });

  it('shows members in the public directory without personal data', async () => {
    const { id, form } = await associateCity(applicationForm({ region: 'oceania', country: 'NZ' }));
    const res = await call('/members?region=oceania&status=associate&limit=100');
    expect(res.status).toBe(200);
    const entry = res.body.items.find((m: { id: string }) => m.id === id);
    expect(entry).toEqual({
      id,
      city: { name: form.city.name, country: 'NZ', region: 'oceania' },
      status: 'associate',
      memberSince: expect.any(String),
    });
    expect(res.text).not.toContain('@city.example');
  });

  it('does not list submitted applications in the directory', async () => {
    const { id } = await submit();
    const res = await call('/members?limit=100');
    expect(res.body.items.map((m: { id: string }) => m.id)).not.toContain(id);
    expect((await inbox()).length).toBeGreaterThan(0);
  });
});
