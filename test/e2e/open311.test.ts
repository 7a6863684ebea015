import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat, submit } from './membership-support.ts';
import { call, db, tableName, tokenFor, waitForEmail } from './support.ts';

/**
 * Open311 GeoReport v2 journeys on the local stack: a civic app discovers a member city's endpoint,
 * reads its services, files a request with the API key the Secretariat issued, and follows it.
 * Section names in the test names are those of the spec (open311.org GeoReport v2).
 */
const xml = new XMLParser({
  isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'attribute'].includes(name),
  parseTagValue: false,
});

function parseXml(text: string) {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  return xml.parse(text);
}

const tag = Date.now();
const emails = {
  roads: `roads-${tag}@city.example`,
  general: `general-${tag}@city.example`,
  citizen: `maria-${tag}@citizen.example`,
};

interface City {
  id: string;
  base: string;
}

/** A member city with two services, two officials and two rules: Centro potholes, and a city default. */
async function memberCity(): Promise<City> {
  const { id } = await associateCity(applicationForm({ country: 'ES', region: 'europe' }));
  const token = await secretariat();
  const services = [
    { code: 'pothole', name: 'Potholes', description: 'Holes in the road', group: 'Roads', slaHours: 48 },
    { code: 'streetlight', name: 'Street lights', slaHours: 24 },
  ];
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: { services } })).status).toBe(
    200,
  );
  const officials: Record<string, string> = {};
  for (const [key, email] of [
    ['roads', emails.roads],
    ['general', emails.general],
  ] as const) {
    const res = await call(`/cities/${id}/officials`, {
      method: 'POST',
      token,
      json: { name: `Official ${key}`, title: `Head of ${key}`, email },
    });
    expect(res.status).toBe(201);
    officials[key] = res.body.id;
  }
  const rules = [
    { district: 'Centro', service: 'pothole', officialId: officials.roads },
    { district: '*', service: '*', officialId: officials.general },
  ];
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(200);
  return { id, base: `/open311/v2/${id}` };
}

async function issueKey(cityId: string, label?: string) {
  const res = await call(`/cities/${cityId}/open311-keys`, {
    method: 'POST',
    token: await secretariat(),
    ...(label ? { json: { label } } : {}),
  });
  expect(res.status).toBe(201);
  return res.body as { apiKey: string; createdAt: string; label?: string };
}

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });

/** GET until `check` passes: the city's request list is read from an index, which may lag a write. */
async function eventually<T>(get: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let value = await get();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await get();
  }
  return value;
}

let city: City;
let key: { apiKey: string; createdAt: string; label?: string };
/** Every answer of the Open311 routes, to check at the end that none shows the key or the contact. */
const seen: string[] = [];
const open311 = async (path: string, o: Parameters<typeof call>[1] = {}) => {
  const res = await call(path, o);
  seen.push(res.text);
  return res;
};

beforeAll(async () => {
  city = await memberCity();
  key = await issueKey(city.id, 'Civic app');
});

describe('Service Discovery', () => {
  it('serves discovery.json with the required fields and one production endpoint in both formats', async () => {
    const res = await open311(`${city.base}/discovery.json`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({
      changeset: expect.any(String),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          // With the trailing slash: FixMyStreet appends services.xml to it as it is.
          url: expect.stringMatching(new RegExp(`/open311/v2/${city.id}/$`)),
          changeset: expect.any(String),
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
  });

  it('serves discovery.xml as <discovery> with endpoints/endpoint/formats/format', async () => {
    const res = await open311(`${city.base}/discovery.xml`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const doc = parseXml(res.text).discovery;
    expect(doc.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(doc.endpoints.endpoint[0].formats.format).toEqual(['application/json', 'text/xml']);
  });
});

describe('GET Service List and GET Service Definition', () => {
  it('lists the services in JSON, each with metadata true and type realtime', async () => {
    const res = await open311(`${city.base}/services.json`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        service_code: 'pothole',
        service_name: 'Potholes',
        description: 'Holes in the road',
        metadata: true,
        type: 'realtime',
        keywords: 'pothole, Roads',
        group: 'Roads',
      },
      expect.objectContaining({ service_code: 'streetlight', service_name: 'Street lights', metadata: true }),
    ]);
  });

  it('lists the services in XML as <services><service>', async () => {
    const res = await open311(`${city.base}/services.xml`);

    const services = parseXml(res.text).services.service;
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(['pothole', 'streetlight']);
  });

  it('defines the district attribute of a service as it is enforced (optional here), in JSON and XML', async () => {
    const json = await open311(`${city.base}/services/pothole.json`);
    expect(json.status).toBe(200);
    expect(json.body).toEqual({
      service_code: 'pothole',
      attributes: [
        {
          variable: true,
          code: 'district',
          datatype: 'string',
          required: false,
          datatype_description: expect.stringContaining('routes the request'),
          order: 1,
          description: 'District',
        },
      ],
    });

    const res = await open311(`${city.base}/services/pothole.xml`);
    const definition = parseXml(res.text).service_definition;
    expect(definition.attributes.attribute[0]).toMatchObject({ code: 'district', required: 'false' });
  });

  it('answers an unknown service_code with 404 in the Open311 error format', async () => {
    const json = await open311(`${city.base}/services/sewer.json`);
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.body).toEqual([{ code: 404, description: 'service_code sewer was not found' }]);

    const res = await open311(`${city.base}/services/sewer.xml`);
    expect(res.status).toBe(404);
    expect(parseXml(res.text).errors.error).toEqual([
      { code: '404', description: 'service_code sewer was not found' },
    ]);
  });
});

describe('API keys (POST /cities/{cityId}/open311-keys)', () => {
  it('shows a new key once, and stores only its SHA-256', async () => {
    const issued = await issueKey(city.id);
    expect(issued.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.apiKey).not.toBe(key.apiKey);

    const items = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :keys)',
        ExpressionAttributeValues: { ':pk': `CITY#${city.id}`, ':keys': 'APIKEY#' },
      }),
    );
    const hash = createHash('sha256').update(issued.apiKey).digest('hex');
    expect(items.Items?.map((i) => i.sk)).toContain(`APIKEY#${hash}`);
    expect(JSON.stringify(items.Items)).not.toContain(issued.apiKey);
    expect(JSON.stringify(items.Items)).not.toContain(key.apiKey);
  });

  it('is for the Secretariat only, and for member cities only', async () => {
    const anonymous = await call(`/cities/${city.id}/open311-keys`, { method: 'POST' });
    expect(anonymous.status).toBe(401);

    const { id } = await submit(applicationForm());
    const res = await call(`/cities/${id}/open311-keys`, { method: 'POST', token: await secretariat() });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('POST Service Request', () => {
  const pothole = (extra: Record<string, string> = {}) => ({
    api_key: key.apiKey,
    service_code: 'pothole',
    lat: '40.4168',
    long: '-3.7038',
    address_string: 'Calle Mayor 1, Centro, Madrid',
    email: emails.citizen,
    first_name: 'María',
    last_name: 'López',
    phone: '+34 600 000 000',
    description: 'A deep pothole <b>near</b> the "bus stop" & the café.',
    'attribute[district]': 'Centro',
    ...extra,
  });

  it('files a request with the key, routes it by the district attribute and emails the official', async () => {
    const res = await open311(`${city.base}/requests.json`, {
      method: 'POST',
      body: new URLSearchParams(pothole({ account_id: 'app-user-7' })).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });

    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^[0-9A-Z]{12}$/),
        service_notice: expect.stringContaining('Head of roads'),
        account_id: 'app-user-7',
      },
    ]);
    const id = res.body[0].service_request_id as string;
    const email = await waitForEmail(
      (e) => e.destination.to.includes(emails.roads) && e.subject.includes(id),
    );
    expect(email.body.text).toContain('Calle Mayor 1');
    expect(email.body.text).toContain('María López');

    const followed = await open311(`${city.base}/requests/${id}.json`);
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        status_notes: 'Assigned to Official roads, Head of roads',
        service_code: 'pothole',
        service_name: 'Potholes',
        description: 'A deep pothole <b>near</b> the "bus stop" & the café.',
        agency_responsible: 'Head of roads',
        address: 'Calle Mayor 1, Centro, Madrid',
        lat: 40.4168,
        long: -3.7038,
        requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      }),
    ]);
  });

  it("answers in XML for requests.xml; with no district only the city's default rule matches", async () => {
    const { 'attribute[district]': _, ...noDistrict } = pothole();
    const res = await postForm(`${city.base}/requests.xml`, noDistrict);
    seen.push(res.text);

    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const created = parseXml(res.text).service_requests.request[0];
    expect(created.service_request_id).toMatch(/^[0-9A-Z]{12}$/);
    await waitForEmail(
      (e) => e.destination.to.includes(emails.general) && e.subject.includes(created.service_request_id),
    );
  });

  it('answers 403 without an api_key ("403 - Missing or Invalid API Key")', async () => {
    const { api_key: _, ...noKey } = pothole();
    const res = await postForm(`${city.base}/requests.json`, noKey);

    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
  });

  it('answers 403 to a wrong key, and to the key of another city', async () => {
    const wrong = await postForm(`${city.base}/requests.xml`, pothole({ api_key: 'not-a-key' }));
    expect(wrong.status).toBe(403);
    expect(parseXml(wrong.text).errors.error[0]).toEqual({
      code: '403',
      description: "Invalid api_key received -- can't proceed with create_request",
    });

    const other = await memberCity();
    const otherKey = await issueKey(other.id);
    const res = await postForm(`${city.base}/requests.json`, pothole({ api_key: otherKey.apiKey }));
    expect(res.status).toBe(403);
  });

  it('answers an unknown service_code with 404, and one that cannot be a code too', async () => {
    const unknown = await postForm(`${city.base}/requests.json`, pothole({ service_code: 'sewer' }));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: 'service_code sewer was not found' }]);

    const malformed = await postForm(`${city.base}/requests.xml`, pothole({ service_code: 'PO.01' }));
    expect(malformed.status).toBe(404);
    expect(parseXml(malformed.text).errors.error[0].description).toBe('service_code PO.01 was not found');
  });

  it('requires a location (lat & long, address_string or address_id)', async () => {
    const { lat: _lat, long: _long, address_string: _address, ...nowhere } = pothole();
    const res = await postForm(`${city.base}/requests.json`, nowhere);
    expect(res.status).toBe(400);
    expect(res.body[0].description).toMatch(/location is required/);
  });

  it('takes form-urlencoded only', async () => {
    const res = await call(`${city.base}/requests.json`, { method: 'POST', json: pothole() });
    expect(res.status).toBe(415);
    expect(res.body).toEqual([{ code: 415, description: expect.any(String) }]);
  });

  it('returns the first answer to a retry with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `open311-${tag}` };
    const first = await postForm(`${city.base}/requests.json`, pothole(), headers);
    const again = await postForm(`${city.base}/requests.json`, pothole(), headers);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });
});

describe('GET Service Requests and GET Service Request', () => {
  let id: string;
  beforeAll(async () => {
    const res = await postForm(`${city.base}/requests.json`, {
      api_key: key.apiKey,
      service_code: 'streetlight',
      address_string: 'Plaza Mayor',
      email: emails.citizen,
      phone: '+34 611 111 111',
      description: 'The lamp is out',
      'attribute[district]': 'Centro',
    });
    expect(res.status).toBe(201);
    id = res.body[0].service_request_id;
  });

  const ids = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id);

  it('lists the recent requests in JSON, newest first, without any contact details', async () => {
    const res = await eventually(
      () => open311(`${city.base}/requests.json`),
      (r) => Array.isArray(r.body) && ids(r.body).includes(id),
    );

    expect(res.status).toBe(200);
    expect(ids(res.body)[0]).toBe(id);
    const times = res.body.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body.find((r: { service_request_id: string }) => r.service_request_id === id)).toMatchObject({
      status: 'open',
      service_code: 'streetlight',
      agency_responsible: 'Head of general',
      address: 'Plaza Mayor',
      lat: null,
      long: null,
    });
    expect(res.text).not.toContain(emails.citizen);
    expect(res.text).not.toContain('611 111 111');
    expect(res.text).not.toContain(emails.general);
  });

  it('lists them in XML as <service_requests><request>, well-formed and without contact details', async () => {
    const res = await eventually(
      () => open311(`${city.base}/requests.xml`),
      (r) => r.text.includes(id),
    );

    expect(res.status).toBe(200);
    const requests = parseXml(res.text).service_requests.request;
    expect(requests.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const pothole = requests.find((r: { service_code: string }) => r.service_code === 'pothole');
    expect(pothole.description).toBe('A deep pothole <b>near</b> the "bus stop" & the café.');
    expect(res.text).not.toContain(emails.citizen);
    expect(res.text).not.toContain('María');
    expect(res.text).not.toContain('+34');
  });

  it('filters by service_code, status, dates and service_request_id', async () => {
    const lights = await open311(`${city.base}/requests.json?service_code=streetlight`);
    expect(lights.body.every((r: { service_code: string }) => r.service_code === 'streetlight')).toBe(true);
    expect(ids(lights.body)).toContain(id);

    expect(ids((await open311(`${city.base}/requests.json?status=open`)).body)).toContain(id);
    expect((await open311(`${city.base}/requests.json?status=closed`)).body).toEqual([]);

    const past = await open311(
      `${city.base}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`,
    );
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);

    const byId = await open311(
      `${city.base}/requests.json?service_request_id=${id},UNKNOWN0000&status=closed`,
    );
    expect(ids(byId.body)).toEqual([id]);
  });

  it('answers a bad date filter with 400 in the Open311 format', async () => {
    const res = await open311(`${city.base}/requests.xml?start_date=last-tuesday`);

    expect(res.status).toBe(400);
    expect(parseXml(res.text).errors.error[0]).toEqual({
      code: '400',
      description: expect.stringMatching(/^start_date: /),
    });

    const wide = await open311(
      `${city.base}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`,
    );
    expect(wide.status).toBe(400);
    expect(wide.body[0].description).toMatch(/90 days/);
  });

  it('serves one request in XML, and 404 for an id it does not have', async () => {
    const res = await open311(`${city.base}/requests/${id}.xml`);
    expect(res.status).toBe(200);
    const [request] = parseXml(res.text).service_requests.request;
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_name: 'Street lights' });
    expect(res.text).not.toContain(emails.citizen);

    const missing = await open311(`${city.base}/requests/NOSUCHREQ000.json`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([
      { code: 404, description: 'service_request_id NOSUCHREQ000 was not found' },
    ]);
  });
  it('shows as status_notes the latest public note, never an internal one, in the list and alone', async () => {
    const mine = await postForm(`${city.base}/requests.json`, {
      api_key: key.apiKey,
      service_code: 'streetlight',
      address_string: 'Calle Luna',
      description: 'Flickering lamp',
      'attribute[district]': 'Centro',
    });
    const requestId = mine.body[0].service_request_id as string;
    const official = await tokenFor('official', emails.general);
    for (const [note, isPublic] of [
      ['Crew sent', true],
      ['internal: the contractor is late', false],
    ] as const) {
      const res = await call(`/requests/${requestId}/updates`, {
        method: 'POST',
        token: official,
        json: { status: 'in_progress', note, public: isPublic },
      });
      expect(res.status).toBe(201);
    }
    const alone = await open311(`${city.base}/requests/${requestId}.json`);
    expect(alone.body[0].status_notes).toBe('Crew sent');
    const listed = await open311(`${city.base}/requests.json?service_request_id=${requestId}`);
    expect(listed.body[0].status_notes).toBe('Crew sent');
  });
});

describe('Errors', () => {
  it('answers a city that is not a member as a jurisdiction not found (404), in both formats', async () => {
    const { id } = await submit(applicationForm());

    const json = await open311(`/open311/v2/${id}/discovery.json`);
    expect(json.status).toBe(404);
    expect(json.body).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction') }]);

    const res = await open311(`/open311/v2/${id}/services.xml`);
    expect(res.status).toBe(404);
    expect(parseXml(res.text).errors.error[0].code).toBe('404');

    const post = await postForm(`/open311/v2/${id}/requests.json`, {
      api_key: key.apiKey,
      service_code: 'pothole',
      address_string: 'x',
    });
    expect(post.status).toBe(404);
  });

  it('answers an unknown document or format with 404, never with problem+json', async () => {
    for (const path of ['requests.html', 'tokens.json', 'discovery']) {
      const res = await open311(`${city.base}/${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).not.toContain('problem');
      expect(res.body[0].code).toBe(404);
    }
  });

  it('refuses an unknown query argument with 400', async () => {
    const res = await open311(`${city.base}/requests.json?stauts=open`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ code: 400, description: 'stauts: is not a parameter of this method' }]);
  });
});

describe('what no Open311 answer ever shows', () => {
  it("never shows an API key, nor the citizen's email", () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const text of seen) {
      expect(text).not.toContain(key.apiKey);
      expect(text).not.toContain(emails.citizen);
    }
  });
});
