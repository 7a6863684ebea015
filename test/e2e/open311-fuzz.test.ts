import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, db, tableName } from './support.ts';

/**
 * Property-based fuzzing of the Open311 form bodies (POST requests and servicerequestupdates, JSON and
 * XML): mutated valid forms (fields dropped, repeated, replaced by nasty text, unknown fields and
 * attributes added), raw noise and other media types. Never a 5xx; every refusal in Open311's format,
 * in the format the path asks for, without internals; and no write behind a refusal.
 */
const RUNS = 40;

const xml = new XMLParser({ isArray: (name) => name === 'error', parseTagValue: false });

const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\r\n',
    'a\r\nBcc: x@evil.example',
    '\u0000',
    '\u2028',
    '\uFEFF',
    '<script>alert(1)</script>',
    ']]><x>',
    '&amp;&#0;',
    "' OR '1'='1",
    '#NOTPINPOINTED#',
    '9999-12-31T23:00:00-05:00',
    '10000-01-01T00:00:00Z',
    'PO.01',
    '1e309',
    '-0',
    'javascript:alert(1)',
    'https://fms.example/photo.jpeg',
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const fieldName = fc.oneof(
  nasty,
  fc.constantFrom(
    'api_key',
    'service_code',
    'lat',
    'long',
    'media_url',
    'attribute[district]',
    'attribute[size]',
    'attribute[size][]',
    'attribute[]',
    'attribute[__proto__]',
    'deviceid',
    'account_id',
    'service_request_id',
    'update_id',
    'status',
    'updated_datetime',
    'description',
  ),
);

type Form = Record<string, string | string[]>;

interface Change {
  kind: 'drop' | 'replace' | 'repeat' | 'add';
  at: number;
  name: string;
  value: string | string[];
}

const change: fc.Arbitrary<Change> = fc.record({
  kind: fc.constantFrom('drop', 'replace', 'repeat', 'add'),
  at: fc.nat({ max: 100 }),
  name: fieldName,
  value: fc.oneof(nasty, fc.array(nasty, { maxLength: 12 })),
});

function changed(valid: Form, changes: Change[]): Form {
  const form: Form = { ...valid };
  for (const c of changes) {
    const names = Object.keys(form);
    const name = names[c.at % Math.max(1, names.length)] ?? c.name;
    if (c.kind === 'drop') delete form[name];
    else if (c.kind === 'replace') form[name] = c.value;
    else if (c.kind === 'repeat') form[name] = [...[form[name] ?? []].flat(), ...[c.value].flat()];
    else form[c.name] = c.value;
  }
  return form;
}

const encode = (form: Form) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  return body.toString();
};

/** A body and its content type: mostly changed valid forms, some noise, some other media types. */
const requests = (valid: () => Form) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(change, { maxLength: 3 })
        .map((cs) => ({ body: encode(changed(valid(), cs)), type: 'application/x-www-form-urlencoded' })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((body) => ({
        body,
        type: 'application/x-www-form-urlencoded; charset=utf-8',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%', '%zz', 'a=%C3%28', '=&=&', 'a&a&a', '%FF=%FE', 'api_key')
        .map((body) => ({ body, type: 'application/x-www-form-urlencoded' })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        body: fc.constantFrom('{"service_code":"pothole"}', '<x/>', ''),
        type: fc.constantFrom(
          'application/json',
          'text/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded; charset=latin1',
        ),
      }),
    },
  );

/** How many items a key or index holds: what a refused call must leave as it was. */
async function count(input: { index?: string; pk: string }) {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      ...(input.index ? { IndexName: input.index } : {}),
      KeyConditionExpression: `${input.index ? `${input.index}pk` : 'pk'} = :pk`,
      ExpressionAttributeValues: { ':pk': input.pk },
      Select: 'COUNT',
      ...(input.index ? {} : { ConsistentRead: true }),
    }),
  );
  return out.Count ?? 0;
}

let cityId: string;
let apiKey: string;
let requestId: string;

beforeAll(async () => {
  const city = await associateCity(applicationForm({ country: 'PT', region: 'europe' }));
  cityId = city.id;
  const token = await secretariat();
  const services = [
    {
      code: 'pothole',
      name: 'Potholes',
      slaHours: 48,
      attributes: [
        {
          code: 'size',
          datatype: 'singlevaluelist',
          required: false,
          description: 'How big?',
          values: [{ key: 'big', name: 'Big' }],
        },
      ],
    },
  ];
  expect(
    (await call(`/cities/${cityId}/services`, { method: 'PUT', token, json: { services } })).status,
  ).toBe(200);
  apiKey = (await call(`/cities/${cityId}/open311-keys`, { method: 'POST', token })).body.apiKey;
  const filed = await call(`/open311/v2/${cityId}/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encode({ api_key: apiKey, service_code: 'pothole', address_string: 'Rua Augusta 1' }),
  });
  expect(filed.status).toBe(201);
  requestId = filed.body[0].service_request_id;
}, 60_000);

describe('fuzzing the Open311 form bodies (fast-check)', () => {
  const targets = [
    {
      document: 'requests',
      valid: (): Form => ({
        api_key: apiKey,
        service_code: 'pothole',
        lat: '38.71',
        long: '-9.14',
        'attribute[district]': 'Baixa',
        'attribute[size]': 'big',
        description: 'fuzz',
        email: 'fuzz@citizen.example',
        media_url: ['https://fms.example/1.jpeg', 'https://fms.example/2.jpeg'],
        deviceid: 'fuzz',
      }),
      footprint: () =>
        count({ index: 'gsi2', pk: `CITY#${cityId}#REQ#${new Date().toISOString().slice(0, 7)}` }),
    },
    {
      document: 'servicerequestupdates',
      valid: (): Form => ({
        api_key: apiKey,
        service_request_id: requestId,
        update_id: `fuzz-${Math.random()}`,
        status: 'OPEN',
        updated_datetime: '2026-05-15T10:00:00Z',
        description: 'fuzz comment',
        first_name: 'Fuzz',
        last_name: '-',
        media_url: 'https://fms.example/c.jpeg',
      }),
      footprint: () => count({ pk: `REQUEST#${requestId}` }),
    },
  ];

  it.each(targets)(
    'POST $document, as JSON and XML: never a 5xx, every refusal in Open311 format, no write behind a refusal',
    async ({ document, valid, footprint }) => {
      const counts = { accepted: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(requests(valid), fc.constantFrom('json', 'xml'), async ({ body, type }, format) => {
          const before = await footprint();
          const res = await call(`/open311/v2/${cityId}/${document}.${format}`, {
            method: 'POST',
            headers: { 'content-type': type },
            body,
          });
          const what = `${document}.${format} ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status < 400) {
            counts.accepted++;
            return;
          }
          counts.refused++;
          expect(res.text, what).not.toMatch(/\bat\s+\S+\s+\(|\w+Exception\b|node_modules|\.(ts|js|mjs):\d+/);
          if (format === 'json') {
            expect(res.headers.get('content-type'), what).toBe('application/json; charset=utf-8');
            expect(res.body, what).toEqual(
              expect.arrayContaining([{ code: res.status, description: expect.any(String) }]),
            );
          } else {
            expect(res.headers.get('content-type'), what).toBe('text/xml; charset=utf-8');
            expect(XMLValidator.validate(res.text), what).toBe(true);
            expect(xml.parse(res.text).errors.error[0].code, what).toBe(String(res.status));
          }
          expect(await footprint(), `${what}: a refused call wrote`).toBe(before);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      console.log(`${document}: ${counts.accepted} accepted, ${counts.refused} refused`);
      expect(counts.accepted + counts.refused).toBe(RUNS);
    },
    240_000,
  );
});
