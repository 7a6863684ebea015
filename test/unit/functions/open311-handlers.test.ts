import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpEvent, HttpResponse } from '../../../functions/shared/http.ts';
import { type RouteSpec, routeKey } from '../../../functions/shared/route.ts';
import { claimsOf, httpEvent, lambdaContext } from '../support/http-event.ts';

// Handler modules read their configuration and create their clients at module scope.
vi.stubEnv('AWS_REGION', 'eu-west-1');
vi.stubEnv('TABLE_NAME', 'wego-unit');
vi.stubEnv('PUBLIC_BASE_URL', 'https://api.wego.example');
vi.stubEnv('SECRETARIAT_EMAIL', 'secretariat@wego.example');
vi.stubEnv('CURSOR_SECRET', 'unit-test-cursor-secret');
vi.stubEnv('UPLOADS_BUCKET', 'wego-unit-uploads');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
const { handler: open311 } = await import('../../../functions/open311/api.ts');
const {
  getDocumentRoute: documentGet,
  getServiceDefinitionRoute: serviceGet,
  getOneRequestRoute: requestGet,
  postRequestRoute: requestsPost,
  createApiKeyRoute: keysCreate,
  getTokenRoute: tokenGet,
  anyOpen311Route: anyRoute,
} = await import('../../../functions/open311/routes.ts');
const { verifyKey } = await import('../../../functions/open311/keys.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const xml = new XMLParser({
  isArray: (n) => ['request', 'service', 'error', 'attribute', 'request_update'].includes(n),
  parseTagValue: false,
});

const CITY = 'city-1';
const cityItem = (status = 'associate') => ({
  pk: `CITY#${CITY}`,
  sk: 'PROFILE',
  id: CITY,
  status,
  city: { name: 'Testville', country: 'KR', region: 'asia' },
  submittedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  memberSince: '2026-01-02T00:00:00.000Z',
});
const pothole = {
  code: 'pothole',
  name: 'Pothole',
  description: 'Holes in the road',
  group: 'streets',
  slaHours: 48,
};
const storedRequest = (over: Record<string, unknown> = {}) => ({
  pk: 'REQUEST#K7Q2M9XW4T1B',
  sk: 'REQUEST',
  id: 'K7Q2M9XW4T1B',
  cityId: CITY,
  cityName: 'Testville',
  service: 'pothole',
  serviceName: 'Pothole',
  district: 'North',
  description: 'A deep pothole',
  location: { lat: 37.5, lng: 127 },
  contact: { name: 'Ana Citizen', email: 'ana@citizen.example', phone: '+82 10 1234 5678' },
  status: 'assigned',
  assignedTo: { officialId: 'o-1', name: 'Kim Roads', title: 'Head of Roads', email: 'kim@city.example' },
  createdAt: '2026-05-01T10:00:00.000Z',
  updatedAt: '2026-05-01T10:00:00.000Z',
  expectedAt: '2026-05-03T10:00:00.000Z',
  ...over,
});

/** Calls the feature's function as API Gateway does for `route`: the route key names the route. */
const invoke = (route: RouteSpec, event: HttpEvent): Promise<HttpResponse> =>
  open311(
    {
      ...event,
      routeKey: routeKey(route),
      requestContext: { ...event.requestContext, routeKey: routeKey(route) },
    },
    lambdaContext,
  );

function get(path: string, pathParameters: Record<string, string>, query?: Record<string, string>) {
  return httpEvent({ method: 'GET', path, pathParameters, ...(query ? { query } : {}) });
}

const documentEvent = (document: string, query?: Record<string, string>) =>
  get(`/open311/v2/${CITY}/${document}`, { cityId: CITY, document }, query);

function postEvent(document: string, body: string, contentType = 'application/x-www-form-urlencoded') {
  return httpEvent({
    method: 'POST',
    path: `/open311/v2/${CITY}/${document}`,
    pathParameters: { cityId: CITY, document },
    headers: { 'content-type': contentType },
    body,
  });
}

const API_KEY = 'k'.repeat(43);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The city is a member, the key is valid, the service exists, no routing rule. */
function memberCityWithKey(status = 'associate') {
  ddb.on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: 'PROFILE' } }).resolves({ Item: cityItem(status) });
  ddb
    .on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: `APIKEY#${sha(API_KEY)}` } })
    .resolves({ Item: { pk: 'x' } });
}

const jsonOf = (res: HttpResponse) => {
  expect(res.headers?.['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(res.body ?? '');
};
const xmlOf = (res: HttpResponse) => {
  expect(res.headers?.['content-type']).toBe('text/xml; charset=utf-8');
  expect(XMLValidator.validate(res.body ?? '')).toBe(true);
  return xml.parse(res.body ?? '');
};

beforeEach(() => {
  // vitest undoes env stubs before each test; the links in emails read this one when a request is filed.
  vi.stubEnv('PUBLIC_BASE_URL', 'https://api.wego.example');
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [] } });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('GET /open311/v2/{cityId}/{document}', () => {
  it('answers an unknown document with an Open311 404, without reading the table', async () => {
    const res = await invoke(documentGet, documentEvent('requests.html'));

    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)).toEqual([{ code: 404, description: expect.stringContaining('requests.html') }]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers a city that is not a member as jurisdiction not found (404), in XML for .xml', async () => {
    ddb
      .on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: 'PROFILE' } })
      .resolves({ Item: cityItem('submitted') });

    const res = await invoke(documentGet, documentEvent('services.xml'));

    expect(res.statusCode).toBe(404);
    expect(xmlOf(res).errors.error[0]).toEqual({
      code: '404',
      description: expect.stringMatching(/jurisdiction/),
    });
  });

  it('answers an unknown city as jurisdiction not found (404)', async () => {
    const res = await invoke(documentGet, documentEvent('discovery.json'));
    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)[0].description).toMatch(/jurisdiction city-1 was not found/);
  });

  it('serves discovery with the changeset of the last change of the services', async () => {
    memberCityWithKey();
    ddb
      .on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: 'SERVICES' } })
      .resolves({ Item: { updatedAt: '2026-03-04T05:06:07.890Z' } });

    const res = await invoke(documentGet, documentEvent('discovery.xml'));

    expect(res.statusCode).toBe(200);
    const doc = xmlOf(res).discovery;
    expect(doc.changeset).toBe('2026-03-04T05:06:07Z');
    expect(doc.endpoints.endpoint.url).toBe('https://api.wego.example/open311/v2/city-1/');
    expect(doc.endpoints.endpoint.formats.format).toEqual(['application/json', 'text/xml']);
  });

  it('serves the service list', async () => {
    memberCityWithKey();
    ddb
      .on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: 'SERVICES' } })
      .resolves({ Item: { pk: `CITY#${CITY}`, sk: 'SERVICES', version: 1, items: [pothole] } });

    const res = await invoke(documentGet, documentEvent('services.json'));

    expect(jsonOf(res)).toEqual([
      {
        service_code: 'pothole',
        service_name: 'Pothole',
        description: 'Holes in the road',
        metadata: true,
        type: 'realtime',
        keywords: 'pothole, streets',
        group: 'streets',
      },
    ]);
  });

  it('lists requests from the gsi2 month partitions, newest first, without contact details', async () => {
    memberCityWithKey();
    ddb
      .on(QueryCommand, {
        IndexName: 'gsi2',
        ExpressionAttributeValues: { ':pk': `CITY#${CITY}#REQ#2026-05` },
      })
      // The request carries its latest public note: the list reads no update.
      .resolves({ Items: [{ ...storedRequest(), publicNote: 'Assigned to Kim Roads' }] });

    const res = await invoke(
      documentGet,
      documentEvent('requests.xml', { start_date: '2026-04-20T00:00:00Z', end_date: '2026-05-10T00:00:00Z' }),
    );

    expect(res.statusCode).toBe(200);
    const requests = xmlOf(res).service_requests.request;
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      service_request_id: 'K7Q2M9XW4T1B',
      status: 'open',
      status_notes: 'Assigned to Kim Roads',
      agency_responsible: 'Head of Roads',
    });
    expect(res.body).not.toContain('ana@citizen.example');
    expect(res.body).not.toContain('kim@city.example');
    const months = ddb
      .commandCalls(QueryCommand)
      .map((c) => c.args[0].input)
      .filter((i) => i.IndexName === 'gsi2')
      .map((i) => i.ExpressionAttributeValues?.[':pk']);
    expect(months).toEqual([`CITY#${CITY}#REQ#2026-05`, `CITY#${CITY}#REQ#2026-04`]);
  });

  it('filters by status and service_code in the Query', async () => {
    memberCityWithKey();

    await invoke(documentGet, documentEvent('requests.json', { status: 'closed', service_code: 'pothole' }));

    const query = ddb.commandCalls(QueryCommand).find((c) => c.args[0].input.IndexName === 'gsi2')
      ?.args[0].input;
    expect(query?.FilterExpression).toBe('#service IN (:c0) AND #status IN (:s0, :s1)');
    expect(query?.ExpressionAttributeValues).toMatchObject({
      ':c0': 'pothole',
      ':s0': 'resolved',
      ':s1': 'closed',
    });
    expect(query?.ScanIndexForward).toBe(false);
  });

  it('reads requests by service_request_id and leaves out those of other cities', async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        'wego-unit': [storedRequest(), storedRequest({ pk: 'REQUEST#OTHER', id: 'OTHER', cityId: 'city-2' })],
      },
    });

    const res = await invoke(
      documentGet,
      documentEvent('requests.json', { service_request_id: 'K7Q2M9XW4T1B,OTHER' }),
    );

    expect(jsonOf(res).map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      'K7Q2M9XW4T1B',
    ]);
  });

  it('answers a bad date with an Open311 400', async () => {
    const res = await invoke(documentGet, documentEvent('requests.json', { start_date: '2026-13-01' }));

    expect(res.statusCode).toBe(400);
    expect(jsonOf(res)).toEqual([{ code: 400, description: expect.stringMatching(/^start_date: /) }]);
  });
});

describe('GET /open311/v2/{cityId}/services/{serviceFile}', () => {
  const event = (file: string) =>
    get(`/open311/v2/${CITY}/services/${file}`, { cityId: CITY, serviceFile: file });

  it('serves the definition with the district attribute, optional when the service does not define it', async () => {
    memberCityWithKey();
    ddb
      .on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: 'SERVICES' } })
      .resolves({ Item: { pk: `CITY#${CITY}`, sk: 'SERVICES', version: 1, items: [pothole] } });

    const res = await invoke(serviceGet, event('pothole.xml'));

    const definition = xmlOf(res).service_definition;
    expect(definition.service_code).toBe('pothole');
    expect(definition.attributes.attribute[0]).toMatchObject({
      code: 'district',
      required: 'false',
      order: '1',
    });
  });

  it('answers an unknown service_code with an Open311 404', async () => {
    memberCityWithKey();

    const res = await invoke(serviceGet, event('nope.json'));

    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)).toEqual([{ code: 404, description: 'service_code nope was not found' }]);
  });
});

describe('GET /open311/v2/{cityId}/requests/{requestFile}', () => {
  const event = (file: string) =>
    get(`/open311/v2/${CITY}/requests/${file}`, { cityId: CITY, requestFile: file });

  it('serves one request as a one-item list, with the latest public note', async () => {
    memberCityWithKey();
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REQUEST#K7Q2M9XW4T1B' } }).resolves({
      Items: [
        { ...storedRequest(), publicNote: 'Assigned' },
        {
          pk: 'REQUEST#K7Q2M9XW4T1B',
          sk: 'UPDATE#2026-05-01T10:00:00.000Z#a',
          at: '2026-05-01T10:00:00.000Z',
          note: 'Assigned',
          public: true,
          status: 'assigned',
          actor: 'citizen',
        },
        {
          pk: 'REQUEST#K7Q2M9XW4T1B',
          sk: 'UPDATE#2026-05-02T10:00:00.000Z#b',
          at: '2026-05-02T10:00:00.000Z',
          note: 'call kim@city.example',
          public: false,
          status: 'assigned',
          actor: 'kim@city.example',
        },
      ],
    });

    const res = await invoke(requestGet, event('K7Q2M9XW4T1B.json'));

    expect(res.statusCode).toBe(200);
    const body = jsonOf(res);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ service_request_id: 'K7Q2M9XW4T1B', status_notes: 'Assigned' });
    expect(res.body).not.toContain('kim@city.example');
    expect(res.body).not.toContain('ana@citizen.example');
  });

  it("answers another city's request as not found", async () => {
    memberCityWithKey();
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REQUEST#K7Q2M9XW4T1B' } })
      .resolves({ Items: [storedRequest({ cityId: 'city-2' })] });

    const res = await invoke(requestGet, event('K7Q2M9XW4T1B.xml'));

    expect(res.statusCode).toBe(404);
    expect(xmlOf(res).errors.error[0].description).toBe('service_request_id K7Q2M9XW4T1B was not found');
  });
});

describe('POST /open311/v2/{cityId}/requests.{format}', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const valid = {
    api_key: API_KEY,
    service_code: 'pothole',
    lat: '37.5',
    long: '127',
    'attribute[district]': 'North',
  };

  it('answers a missing api_key with 403 ("Missing or Invalid API Key")', async () => {
    memberCityWithKey();
    const { api_key: _, ...noKey } = valid;

    const res = await invoke(requestsPost, postEvent('requests.json', form(noKey)));

    expect(res.statusCode).toBe(403);
    expect(jsonOf(res)).toEqual([{ code: 403, description: expect.stringMatching(/api_key is missing/) }]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers a wrong api_key with 403, before looking at the other fields', async () => {
    memberCityWithKey();

    const res = await invoke(
      requestsPost,
      postEvent('requests.xml', form({ ...valid, api_key: 'wrong', lat: 'north' })),
    );

    expect(res.statusCode).toBe(403);
    expect(xmlOf(res).errors.error[0]).toEqual({
      code: '403',
      description: "Invalid api_key received -- can't proceed with create_request",
    });
  });

  it('checks the key as a SHA-256 hash under the city', async () => {
    memberCityWithKey();
    await invoke(requestsPost, postEvent('requests.json', form(valid)));

    const keyRead = ddb
      .commandCalls(GetCommand)
      .find((c) => String(c.args[0].input.Key?.sk).startsWith('APIKEY#'));
    expect(keyRead?.args[0].input.Key).toEqual({ pk: `CITY#${CITY}`, sk: `APIKEY#${sha(API_KEY)}` });
  });

  it('answers JSON bodies with 415 in the Open311 format', async () => {
    const res = await invoke(
      requestsPost,
      postEvent('requests.json', JSON.stringify(valid), 'application/json'),
    );

    expect(res.statusCode).toBe(415);
    expect(jsonOf(res)[0].code).toBe(415);
  });

  it('refuses a bad field with 400, naming it as the form does', async () => {
    memberCityWithKey();

    const res = await invoke(requestsPost, postEvent('requests.json', form({ ...valid, lat: 'north' })));

    expect(res.statusCode).toBe(400);
    expect(jsonOf(res)).toEqual([{ code: 400, description: 'lat: must be a decimal number (WGS84)' }]);
  });

  it('answers a POST to another document with 404', async () => {
    const res = await invoke(requestsPost, postEvent('services.json', form(valid)));
    expect(res.statusCode).toBe(404);
  });

  it('answers an unknown service_code with 404 (POST Service Request, Possible Errors)', async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [cityItem()] } });

    const res = await invoke(requestsPost, postEvent('requests.json', form(valid)));

    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)).toEqual([{ code: 404, description: 'service_code pothole was not found' }]);
  });

  it('files the request with the district attribute and answers 201 with the id', async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        'wego-unit': [cityItem(), { pk: `CITY#${CITY}`, sk: 'SERVICES', version: 1, items: [pothole] }],
      },
    });

    const res = await invoke(
      requestsPost,
      postEvent(
        'requests.xml',
        form({ ...valid, email: 'ana@citizen.example', first_name: 'Ana', account_id: 'a-9' }),
      ),
    );

    expect(res.statusCode).toBe(201);
    const created = xmlOf(res).service_requests.request[0];
    expect(created.service_request_id).toMatch(/^[0-9A-Z]{12}$/);
    expect(created.account_id).toBe('a-9');
    expect(res.headers?.location).toBe(`/open311/v2/${CITY}/requests/${created.service_request_id}.xml`);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const stored = items.find((i) => i.Put?.Item?.sk === 'REQUEST')?.Put?.Item;
    expect(stored).toMatchObject({
      district: 'North',
      service: 'pothole',
      cityId: CITY,
      contact: { name: 'Ana', email: 'ana@citizen.example' },
      location: { lat: 37.5, lng: 127 },
    });
  });
});

describe('POST /cities/{cityId}/open311-keys', () => {
  const event = (body?: string, groups = ['secretariat']) =>
    httpEvent({
      method: 'POST',
      path: `/cities/${CITY}/open311-keys`,
      pathParameters: { cityId: CITY },
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      claims: claimsOf('clerk@wego.example', groups),
      ...(body === undefined ? {} : { body }),
    });

  it('issues a 32-byte base64url key, shows it once and stores only its SHA-256', async () => {
    memberCityWithKey();

    const res = await invoke(keysCreate, event(JSON.stringify({ label: 'FixMyStreet' })));

    expect(res.statusCode).toBe(201);
    const body = JSON.parse(res.body ?? '');
    expect(body).toEqual({
      apiKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      id: sha(body.apiKey),
      createdAt: expect.any(String),
      label: 'FixMyStreet',
    });
    expect(res.headers?.['cache-control']).toBe('no-store');
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.ConditionCheck?.Key).toEqual({ pk: `CITY#${CITY}`, sk: 'PROFILE' });
    const stored = items[1]?.Put?.Item;
    expect(stored).toMatchObject({
      pk: `CITY#${CITY}`,
      sk: `APIKEY#${sha(body.apiKey)}`,
      createdBy: 'clerk@wego.example',
      label: 'FixMyStreet',
    });
    expect(JSON.stringify(items)).not.toContain(body.apiKey);
  });

  it('takes no body at all', async () => {
    memberCityWithKey();
    const res = await invoke(keysCreate, event());
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body ?? '').label).toBeUndefined();
  });

  it('issues a different key each time', async () => {
    memberCityWithKey();
    const a = JSON.parse((await invoke(keysCreate, event())).body ?? '').apiKey;
    const b = JSON.parse((await invoke(keysCreate, event())).body ?? '').apiKey;
    expect(a).not.toBe(b);
  });

  it('refuses unknown fields with a problem+json 400', async () => {
    memberCityWithKey();
    const res = await invoke(keysCreate, event(JSON.stringify({ label: 'x', scope: 'all' })));
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 409 for a city that is not a member', async () => {
    memberCityWithKey('rejected');
    const res = await invoke(keysCreate, event());
    expect(res.statusCode).toBe(409);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('is for the Secretariat only', async () => {
    const res = await invoke(keysCreate, event(undefined, ['official']));
    expect(res.statusCode).toBe(403);
  });
});

describe('verifyKey', () => {
  it('is nothing for no key or a key too long to be one, without reading the table', async () => {
    expect(await verifyKey(CITY, undefined)).toBeUndefined();
    expect(await verifyKey(CITY, 'x'.repeat(300))).toBeUndefined();
    expect(ddb.calls()).toHaveLength(0);
  });

  it('is the key (its hash and label) only when the hash is stored under that city', async () => {
    memberCityWithKey();
    expect(await verifyKey(CITY, API_KEY)).toEqual({ hash: sha(API_KEY) });
    expect(await verifyKey('city-2', API_KEY)).toBeUndefined();
  });
});

describe('POST requests.{format}: what civic apps send', () => {
  const services = {
    pk: `CITY#${CITY}`,
    sk: 'SERVICES',
    version: 1,
    items: [
      {
        ...pothole,
        attributes: [
          {
            code: 'size',
            datatype: 'singlevaluelist',
            required: true,
            description: 'How big?',
            values: [{ key: 'big', name: 'Big' }],
          },
        ],
      },
    ],
  };
  const routable = () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [cityItem(), services] } });
  };
  const storedOf = () =>
    ddb
      .commandCalls(TransactWriteCommand)[0]
      ?.args[0].input.TransactItems?.find((i) => i.Put?.Item?.sk === 'REQUEST')?.Put?.Item;

  it('takes the api_key from the query string (the Python open311 library) and keeps media, attributes and extras', async () => {
    routable();
    const body =
      'service_code=pothole&address_id=%23NOTPINPOINTED%23&attribute[size]=big&attribute[uprn]=10002&deviceid=app&media_url=https%3A%2F%2Fa.example%2F1.jpeg&media_url=https%3A%2F%2Fa.example%2F2.jpeg';
    const event = {
      ...postEvent('requests.json', body),
      queryStringParameters: { api_key: API_KEY, jurisdiction_id: '' },
    };

    const res = await invoke(requestsPost, event);

    expect(res.statusCode).toBe(201);
    expect(storedOf()).toMatchObject({
      addressId: '#NOTPINPOINTED#',
      district: 'unspecified',
      mediaUrls: ['https://a.example/1.jpeg', 'https://a.example/2.jpeg'],
      attributes: { size: 'big', uprn: '10002' },
      extra: { deviceid: 'app' },
      description: 'No description given.',
    });
    expect(JSON.stringify(storedOf())).not.toContain(API_KEY);
  });

  it("refuses an answer that is not one of the attribute's values, and a missing required one, as attribute[code]", async () => {
    routable();
    const form = (extra: string) =>
      postEvent('requests.xml', `api_key=${API_KEY}&service_code=pothole&lat=1&long=2${extra}`);

    const wrong = await invoke(requestsPost, form('&attribute[size]=huge'));
    expect(wrong.statusCode).toBe(400);
    expect(xmlOf(wrong).errors.error[0].description).toBe('attribute[size]: huge is not one of its values');

    const missing = await invoke(requestsPost, form(''));
    expect(xmlOf(missing).errors.error[0].description).toBe('attribute[size]: is required for this service');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 403 to another query-string parameter only after the key, and 400 to it', async () => {
    memberCityWithKey();
    const event = {
      ...postEvent('requests.json', `api_key=${API_KEY}&service_code=pothole&lat=1&long=2`),
      queryStringParameters: { format: 'json' },
    };
    const res = await invoke(requestsPost, event);
    expect(res.statusCode).toBe(400);
    expect(jsonOf(res)[0].description).toBe('format: is not a parameter of this method');
  });
});

describe('GET requests.{format}: reads at the scale of a real integration', () => {
  it('reads 1,000 ids in BatchGetItems of 100, sent together', async () => {
    memberCityWithKey();
    const ids = Array.from({ length: 1000 }, (_, i) => `ID${String(i).padStart(6, '0')}`);

    const res = await invoke(
      documentGet,
      documentEvent('requests.json', { service_request_id: ids.join(',') }),
    );

    expect(res.statusCode).toBe(200);
    const batches = ddb
      .commandCalls(BatchGetCommand)
      .map((c) => c.args[0].input.RequestItems?.['wego-unit']?.Keys);
    expect(batches).toHaveLength(10);
    expect(batches.every((keys) => keys?.length === 100)).toBe(true);
  });

  it('answers page_size and page as a slice of the newest first list', async () => {
    memberCityWithKey();
    const items = Array.from({ length: 7 }, (_, i) =>
      storedRequest({ id: `R${i}`, pk: `REQUEST#R${i}`, createdAt: `2026-05-0${i + 1}T10:00:00.000Z` }),
    );
    ddb.on(QueryCommand, { IndexName: 'gsi2' }).resolves({ Items: items });
    const page = async (query: Record<string, string>) =>
      jsonOf(
        await invoke(
          documentGet,
          documentEvent('requests.json', {
            start_date: '2026-05-01T00:00:00Z',
            end_date: '2026-05-20T00:00:00Z',
            ...query,
          }),
        ),
      ).map((r: { service_request_id: string }) => r.service_request_id);

    expect(await page({ page_size: '3' })).toEqual(['R6', 'R5', 'R4']);
    expect(await page({ page_size: '3', page: '3' })).toEqual(['R0']);
    expect(await page({ page_size: '3', page: '4' })).toEqual([]);
  });
});

describe('GET tokens/{token}.{format}', () => {
  const event = (file: string) =>
    get(`/open311/v2/${CITY}/tokens/${file}`, { cityId: CITY, tokenFile: file });

  it('resolves a token at once to the request id it is', async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [storedRequest()] } });

    const res = await invoke(tokenGet, event('K7Q2M9XW4T1B.xml'));

    expect(res.statusCode).toBe(200);
    expect(xmlOf(res).service_requests.request).toEqual([
      { service_request_id: 'K7Q2M9XW4T1B', token: 'K7Q2M9XW4T1B' },
    ]);
  });

  it("answers an unknown token, or another city's, with 404", async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [storedRequest({ cityId: 'city-2' })] } });
    const res = await invoke(tokenGet, event('K7Q2M9XW4T1B.json'));
    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)).toEqual([{ code: 404, description: 'token K7Q2M9XW4T1B was not found' }]);
    expect((await invoke(tokenGet, event('not#a#token.json'))).statusCode).toBe(404);
  });
});

describe('servicerequestupdates.{format} (FixMyStreet)', () => {
  it("lists the city's public updates of the window, oldest first, from the gsi2 UPD partitions", async () => {
    memberCityWithKey();
    const update = (at: string, id: string, status: string, note: string) => ({
      pk: 'REQUEST#K7Q2M9XW4T1B',
      sk: `UPDATE#${at}#${id}`,
      at,
      status,
      note,
      public: true,
      actor: 'kim@city.example',
    });
    ddb.on(QueryCommand, { IndexName: 'gsi2' }).resolves({
      Items: [
        update('2026-05-15T11:00:00.000Z', 'u-1', 'in_progress', 'Crew sent'),
        update('2026-05-15T11:30:00.000Z', 'u-2', 'resolved', 'Filled'),
      ],
    });

    const res = await invoke(
      documentGet,
      documentEvent('servicerequestupdates.xml', {
        start_date: '2026-05-15T10:00:00Z',
        end_date: '2026-05-15T12:00:00Z',
        api_key: 'ignored',
        jurisdiction_id: CITY,
      }),
    );

    expect(res.statusCode).toBe(200);
    expect(xmlOf(res).service_request_updates.request_update).toEqual([
      {
        update_id: 'u-1',
        service_request_id: 'K7Q2M9XW4T1B',
        status: 'open',
        description: 'Crew sent',
        media_url: '',
        updated_datetime: '2026-05-15T11:00:00Z',
      },
      expect.objectContaining({ update_id: 'u-2', status: 'closed' }),
    ]);
    expect(res.body).not.toContain('kim@city.example');
    const query = ddb.commandCalls(QueryCommand).find((c) => c.args[0].input.IndexName === 'gsi2')
      ?.args[0].input;
    expect(query?.ExpressionAttributeValues).toMatchObject({ ':pk': `CITY#${CITY}#UPD#2026-05` });
  });

  const comment = (fields: Record<string, string> = {}) =>
    new URLSearchParams({
      api_key: API_KEY,
      service_request_id: 'K7Q2M9XW4T1B',
      update_id: '4321',
      status: 'OPEN',
      updated_datetime: '2026-05-15T10:00:00Z',
      description: 'Still there',
      first_name: 'Ana',
      last_name: 'Citizen',
      email: 'ana@citizen.example',
      ...fields,
    }).toString();

  it('adds the comment as an internal update, marked as from the app, answering its update_id', async () => {
    memberCityWithKey();
    ddb
      .on(GetCommand, { Key: { pk: `CITY#${CITY}`, sk: `APIKEY#${sha(API_KEY)}` } })
      .resolves({ Item: { pk: 'x', label: 'FixMyStreet' } });
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [storedRequest()] } });

    const res = await invoke(requestsPost, postEvent('servicerequestupdates.xml', comment()));

    expect(res.statusCode).toBe(201);
    const [posted] = xmlOf(res).service_request_updates.request_update;
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const marker = items[0]?.Put?.Item;
    const update = items[1]?.Put?.Item;
    expect(marker?.sk).toMatch(/^APPUPDATE#[0-9a-f]{64}$/);
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(update).toMatchObject({
      pk: 'REQUEST#K7Q2M9XW4T1B',
      note: 'Still there',
      public: false,
      status: 'assigned',
      actor: 'app:FixMyStreet',
      app: {
        app: 'FixMyStreet',
        updateId: '4321',
        reportedStatus: 'OPEN',
        author: { name: 'Ana Citizen', email: 'ana@citizen.example' },
      },
    });
    expect(update?.sk).toBe(`UPDATE#${update?.at}#${posted.update_id}`);
    // Internal: never in the city's public feed.
    expect(update).not.toHaveProperty('gsi2pk');
  });

  it('answers a retry of the same comment with the same update_id and adds nothing', async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [storedRequest()] } });
    const first = await invoke(requestsPost, postEvent('servicerequestupdates.json', comment()));
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );

    const again = await invoke(requestsPost, postEvent('servicerequestupdates.json', comment()));

    expect(again.statusCode).toBe(200);
    expect(jsonOf(again)).toEqual(jsonOf(first));
  });

  it('answers a request of another city, or none, with 404; a wrong key with 403; a bad form with 400', async () => {
    memberCityWithKey();
    ddb.on(BatchGetCommand).resolves({ Responses: { 'wego-unit': [storedRequest({ cityId: 'city-2' })] } });
    const other = await invoke(requestsPost, postEvent('servicerequestupdates.json', comment()));
    expect(other.statusCode).toBe(404);
    expect(jsonOf(other)[0].description).toBe('service_request_id K7Q2M9XW4T1B was not found');

    const wrongKey = await invoke(
      requestsPost,
      postEvent('servicerequestupdates.json', comment({ api_key: 'x', status: 'DONE' })),
    );
    expect(wrongKey.statusCode).toBe(403);

    const bad = await invoke(
      requestsPost,
      postEvent('servicerequestupdates.json', comment({ status: 'DONE' })),
    );
    expect(bad.statusCode).toBe(400);
    expect(jsonOf(bad)[0].description).toMatch(/^status: must be one of OPEN, CLOSED/);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('ANY /open311/{proxy+}: everything else under /open311/', () => {
  const event = (method: string, path: string) =>
    httpEvent({
      method,
      routePath: '/open311/{proxy+}',
      path,
      pathParameters: { proxy: path.slice('/open311/'.length) },
    });

  it('answers an unknown path with an Open311 404 in the format of its extension', async () => {
    const json = await invoke(anyRoute, event('GET', `/open311/v2/${CITY}/a/b/c.json`));
    expect(json.statusCode).toBe(404);
    expect(jsonOf(json)[0]).toEqual({ code: 404, description: expect.stringContaining('was not found') });
    const res = await invoke(anyRoute, event('DELETE', '/open311/nothing.xml'));
    expect(res.statusCode).toBe(404);
    expect(xmlOf(res).errors.error[0].code).toBe('404');
  });

  it('answers a method a document does not take with 405 and Allow', async () => {
    const res = await invoke(anyRoute, event('PUT', `/open311/v2/${CITY}/requests.xml`));
    expect(res.statusCode).toBe(405);
    expect(res.headers?.allow).toBe('GET, POST, HEAD, OPTIONS');
    expect(xmlOf(res).errors.error[0].code).toBe('405');
    const options = await invoke(anyRoute, event('OPTIONS', `/open311/v2/${CITY}/services/pothole.json`));
    expect(options).toEqual({ statusCode: 204, headers: { allow: 'GET, HEAD, OPTIONS' } });
  });

  it('serves HEAD of a document as its GET, without the body', async () => {
    memberCityWithKey();
    const res = await invoke(anyRoute, event('HEAD', `/open311/v2/${CITY}/discovery.xml`));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body).toBeUndefined();
    const missing = await invoke(anyRoute, event('HEAD', `/open311/v2/${CITY}/nothing.json`));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBeUndefined();
  });
});
