import { beforeAll, describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call } from './support.ts';

/**
 * Per-service attributes through the JSON API: the Secretariat defines them with the services, the
 * answers of a request are checked against them whichever door it comes in, and they are the
 * official's to see (they may carry personal data), not the public's.
 */
const size = {
  code: 'size',
  datatype: 'singlevaluelist',
  required: true,
  description: 'How big is it?',
  values: [
    { key: 'small', name: 'Smaller than a hand' },
    { key: 'big', name: 'Bigger than a wheel' },
  ],
};
const seen = { code: 'seen', datatype: 'datetime', required: false, description: 'When did you see it?' };

let cityId: string;

beforeAll(async () => {
  cityId = (await associateCity(applicationForm({ country: 'BR', region: 'americas' }))).id;
  const services = [{ code: 'pothole', name: 'Potholes', slaHours: 48, attributes: [size, seen] }];
  const res = await call(`/cities/${cityId}/services`, {
    method: 'PUT',
    token: await secretariat(),
    json: { services },
  });
  expect(res.status).toBe(200);
});

describe('the Secretariat defines the attributes of a service', () => {
  it('serves them with the services', async () => {
    const res = await call(`/cities/${cityId}/services`);
    expect(res.body.services[0].attributes).toEqual([size, seen]);
  });

  it('refuses a definition that cannot be answered, naming it, and changes nothing', async () => {
    const bad = [
      { ...size, values: undefined },
      { ...seen, values: [{ key: 'a', name: 'A' }] },
      {
        code: 'district',
        datatype: 'multivaluelist',
        description: 'Districts',
        values: [{ key: 'a', name: 'A' }],
      },
      { ...seen, code: 'seen' },
    ];
    const res = await call(`/cities/${cityId}/services`, {
      method: 'PUT',
      token: await secretariat(),
      json: { services: [{ code: 'pothole', name: 'Potholes', slaHours: 48, attributes: bad }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'body.services.0.attributes.0.values',
        'body.services.0.attributes.1.values',
        'body.services.0.attributes.2.datatype',
        'body.services.0.attributes.3.code',
      ]),
    );
    expect((await call(`/cities/${cityId}/services`)).body.services[0].attributes).toEqual([size, seen]);
  });
});

describe('a request answers them (POST /cities/{cityId}/requests)', () => {
  const file = (attributes?: Record<string, unknown>) =>
    call(`/cities/${cityId}/requests`, {
      method: 'POST',
      json: {
        service: 'pothole',
        district: 'Centro',
        description: 'Deep',
        ...(attributes ? { attributes } : {}),
      },
    });

  it('refuses a missing required answer, a value not offered, a bad date and an attribute not defined', async () => {
    const missing = await file();
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: 'body.attributes.size', message: 'is required for this service' },
    ]);

    const wrong = await file({ size: 'huge', seen: 'yesterday', colour: 'red' });
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.attributes.size',
      'body.attributes.seen',
      'body.attributes.colour',
    ]);
  });

  it('keeps the answers for the official, not for the public', async () => {
    const filed = await file({ size: 'big', seen: '2026-05-01T08:00:00-03:00' });
    expect(filed.status).toBe(201);

    const official = await call(`/requests/${filed.body.id}`, { token: await secretariat() });
    expect(official.body.attributes).toEqual({ size: 'big', seen: '2026-05-01T08:00:00-03:00' });
    const anyone = await call(`/requests/${filed.body.id}`);
    expect(anyone.body.attributes).toBeUndefined();
    expect(anyone.text).not.toContain('2026-05-01T08:00:00-03:00');
  });
});
