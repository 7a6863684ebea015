import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS } from '../../lib/local/dynamodb.ts';
import { LOCAL_REGION, type LocalRoute } from '../../lib/local/template.ts';
import { call } from './api.ts';
import type { DdbCall, DdbProxy } from './ddb-proxy.ts';
import { knowledgeJourney, type MeasuredOp, type SetupCall } from './knowledge-journey.ts';

/** One API operation of a journey and the DynamoDB requests its function made while serving it. */
export interface Operation {
  readonly label: string;
  readonly routeKey: string;
  readonly functionId: string | undefined;
  readonly status: number | undefined;
  readonly expected: boolean;
  readonly calls: readonly DdbCall[];
}

/** Ids the journeys created, for the latency and cold-start phases. */
export interface JourneyIds {
  applicationId?: string;
  approvalId?: string;
  /** A ballot that is still unused (GET /ballots/{id} renders the voting page). */
  openBallotId?: string;
  cityId?: string;
  requestId?: string;
  officialEmail?: string;
  /** 1,000 request ids of the city (one filed through Open311, the others copies of it). */
  manyRequestIds?: readonly string[];
}

export interface JourneyContext {
  readonly apiUrl: string;
  readonly inboxUrl: string;
  /** DynamoDB Local itself (not the counting proxy) and the table: to seed data no journey measures. */
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly routes: readonly LocalRoute[];
  readonly proxy: DdbProxy;
  readonly token: (
    role: 'secretariat' | 'committee' | 'official' | 'member',
    email: string,
  ) => Promise<string>;
  readonly log: (line: string) => void;
}

const COMMITTEE = [1, 2, 3].map((n) => ({
  name: `Bench Member ${n}`,
  email: `bench-member${n}@committee.example`,
}));
const SECRETARIAT = 'secretariat@wego.example';
const BALLOT_LINK = /\/ballots\/([A-Za-z0-9_-]{43})/;

export function applicationForm(tag = randomUUID().slice(0, 8), country = 'KR') {
  return {
    city: {
      name: `Benchville ${tag}`,
      country,
      region: country === 'BR' ? 'americas' : 'asia',
      population: 250_000,
      website: 'https://benchville.example',
    },
    mayor: { name: 'Mayor Kim', officeEmail: `mayor-${tag}@city.example` },
    signatory: { name: 'Mayor Kim', title: 'Mayor', isMayor: true, signedOn: '2026-11-20' },
    contact: { name: 'Lee ICT', email: `ict-${tag}@city.example`, phone: '+82 2 1234 5678' },
    motivation: 'We want to share our e-government experience.',
  };
}

export const civicRequest = (extra: Record<string, unknown> = {}) => ({
  service: 'pothole',
  district: 'centro',
  description: 'A deep pothole in front of number 12.',
  attributes: { size: 'big' },
  location: { lat: -23.55, lng: -46.63 },
  address: 'Rua Direita 12',
  contact: {
    name: 'Joana',
    email: `joana-${randomUUID().slice(0, 8)}@citizen.example`,
    phone: '+55 11 5555 0000',
  },
  ...extra,
});

/**
 * A valid body per write route, for cold starts: sent with ids that do not exist, so the first call
 * reads DynamoDB and answers 404/409 without changing anything (POST /applications and PUT /committee
 * do write: a new application, the same roster). Routes not listed get `{}` (a 400 before any read).
 */
export function sampleBody(routeKey: string): { json?: unknown; form?: Record<string, string> } | undefined {
  switch (routeKey) {
    case 'POST /applications':
      return { json: applicationForm() };
    case 'PUT /committee':
      return { json: { members: COMMITTEE } };
    case 'POST /applications/{id}/accept':
    case 'POST /members/{id}/full-membership':
    case 'POST /cities/{cityId}/open311-keys':
      return undefined;
    case 'POST /applications/{id}/reject':
    case 'POST /members/{id}/withdraw':
      return { json: { reason: 'Benchmark.' } };
    case 'POST /approvals/{approvalId}/votes':
    case 'POST /ballots/{ballotId}':
      return { json: { decision: 'approve' } };
    case 'PUT /cities/{cityId}/services':
      return { json: { services: [{ code: 'pothole', name: 'Potholes', slaHours: 48 }] } };
    case 'POST /cities/{cityId}/officials':
      return { json: { name: 'Official', title: 'Head', email: 'official-bench@city.example' } };
    case 'PUT /cities/{cityId}/routing':
      return { json: { rules: [{ district: '*', service: '*', officialId: 'missing' }] } };
    case 'POST /cities/{cityId}/requests':
      return { json: civicRequest() };
    case 'POST /requests/{id}/updates':
      return { json: { status: 'in_progress', note: 'Benchmark.' } };
    case 'POST /requests/{id}/assign':
      return { json: { officialId: 'missing', reason: 'Benchmark.' } };
    case 'POST /requests/{id}/feedback':
      return { json: { token: 'A'.repeat(43), fixed: true } };
    case 'POST /requests/{id}/contact/removal':
      return { json: { token: 'A'.repeat(43) } };
    case 'POST /open311/v2/{cityId}/{document}':
      return {
        form: {
          api_key: 'missing',
          service_code: 'pothole',
          lat: '-23.55',
          long: '-46.63',
          'attribute[size]': 'big',
          description: 'Benchmark.',
        },
      };
    default:
      return { json: {} };
  }
}

/**
 * Drives the main journeys over HTTP, one request at a time, and attributes to each operation the
 * DynamoDB requests its route's function sent between the request and the answer. Operations whose
 * route is not in the template are skipped; routes never driven are listed by the caller.
 */
export async function runJourneys(
  ctx: JourneyContext,
): Promise<{ operations: Operation[]; ids: JourneyIds }> {
  const operations: Operation[] = [];
  const ids: JourneyIds = {};
  const routeOf = (routeKey: string) => ctx.routes.find((r) => `${r.method} ${r.path}` === routeKey);
  const secretariat = await ctx.token('secretariat', SECRETARIAT);

  /** A measured operation: `routeKey` names the template route, `path` is the concrete URL. */
  const op: MeasuredOp = async (label, routeKey, path, options, expected) => {
    const route = routeOf(routeKey);
    if (!route) {
      operations.push({
        label,
        routeKey,
        functionId: undefined,
        status: undefined,
        expected: true,
        calls: [],
      });
      return undefined;
    }
    const res = await call(ctx.apiUrl, path, {
      ...options,
      method: options.method ?? routeKey.split(' ')[0],
    });
    operations.push({
      label,
      routeKey,
      functionId: route.functionId,
      status: res.status,
      expected: expected.includes(res.status),
      calls: ctx.proxy.between(route.functionId, res.sentAt, res.doneAt),
    });
    if (!expected.includes(res.status)) ctx.log(`${label}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    return res;
  };
  /** An unmeasured setup call. */
  const setup: SetupCall = (method, path, options = {}) => call(ctx.apiUrl, path, { ...options, method });

  // --- Membership -----------------------------------------------------------------------------------
  await op(
    'set the committee roster',
    'PUT /committee',
    '/committee',
    {
      token: secretariat,
      json: { members: COMMITTEE },
    },
    [200],
  );
  await op('read the committee roster', 'GET /committee', '/committee', { token: secretariat }, [200]);

  const form = applicationForm();
  const idemKey = randomUUID();
  const submitted = await op(
    'submit an application (Idempotency-Key)',
    'POST /applications',
    '/applications',
    {
      json: form,
      headers: { 'idempotency-key': idemKey },
    },
    [201],
  );
  await op(
    'submit it again with the same Idempotency-Key',
    'POST /applications',
    '/applications',
    {
      json: form,
      headers: { 'idempotency-key': idemKey },
    },
    [201],
  );
  const appId = submitted?.body?.id as string | undefined;
  ids.applicationId = appId;
  await op('list applications', 'GET /applications', '/applications', { token: secretariat }, [200]);
  if (appId) {
    await op(
      'get an application',
      'GET /applications/{id}',
      `/applications/${appId}`,
      { token: secretariat },
      [200],
    );
    await op(
      'accept an application',
      'POST /applications/{id}/accept',
      `/applications/${appId}/accept`,
      {
        token: secretariat,
      },
      [200],
    );
    await op(
      'application history',
      'GET /applications/{id}/history',
      `/applications/${appId}/history`,
      {
        token: secretariat,
      },
      [200],
    );
  }
  await op('member directory', 'GET /members', '/members', {}, [200]);

  if (appId) {
    const started = await op(
      'start a Full Membership vote',
      'POST /members/{id}/full-membership',
      `/members/${appId}/full-membership`,
      { token: secretariat },
      [202],
    );
    const approvalId = started?.body?.approvalId as string | undefined;
    ids.approvalId = approvalId;
    if (approvalId) {
      await op(
        'get an approval',
        'GET /approvals/{approvalId}',
        `/approvals/${approvalId}`,
        {
          token: secretariat,
        },
        [200],
      );
      const ballots = await ballotsFor(
        ctx.inboxUrl,
        form.city.name,
        COMMITTEE.map((m) => m.email),
        20_000,
      );
      const [first, second, third] = COMMITTEE.map((m) => ballots.get(m.email));
      ctx.log(`ballot emails: ${ballots.size} of ${COMMITTEE.length}`);
      await op(
        'vote through the API',
        'POST /approvals/{approvalId}/votes',
        `/approvals/${approvalId}/votes`,
        {
          token: await ctx.token('committee', COMMITTEE[0]?.email ?? ''),
          json: { decision: 'approve' },
        },
        [201, 200],
      );
      if (second) {
        await op('view a ballot (public link)', 'GET /ballots/{ballotId}', `/ballots/${second}`, {}, [200]);
        // Reject, so that the vote stays open (1 for, 1 against) and the third ballot still renders.
        await op(
          'cast a ballot (public link)',
          'POST /ballots/{ballotId}',
          `/ballots/${second}`,
          {
            json: { decision: 'reject' },
          },
          [201],
        );
      }
      ids.openBallotId = third ?? first;
    }
  }

  const rejected = await setup('POST', '/applications', { json: applicationForm() });
  if (rejected.status === 201) {
    await op(
      'reject an application',
      'POST /applications/{id}/reject',
      `/applications/${rejected.body.id}/reject`,
      {
        token: secretariat,
        json: { reason: 'The form is not signed by the mayor.' },
      },
      [200],
    );
  }

  // --- CPS ------------------------------------------------------------------------------------------
  const cps = await setup('POST', '/applications', { json: applicationForm(undefined, 'BR') });
  const cityId = cps.body?.id as string | undefined;
  if (cityId) {
    await setup('POST', `/applications/${cityId}/accept`, { token: secretariat });
    ids.cityId = cityId;
    const services = [
      {
        code: 'pothole',
        name: 'Potholes',
        slaHours: 48,
        group: 'Roads',
        attributes: [
          {
            code: 'size',
            datatype: 'singlevaluelist',
            required: true,
            description: 'How big is it?',
            values: [
              { key: 'small', name: 'Smaller than a hand' },
              { key: 'big', name: 'Bigger than a wheel' },
            ],
          },
        ],
      },
      { code: 'streetlight', name: 'Street lights', slaHours: 24 },
    ];
    await op(
      'set the services of a city',
      'PUT /cities/{cityId}/services',
      `/cities/${cityId}/services`,
      {
        token: secretariat,
        json: { services },
      },
      [200],
    );
    await op(
      'list the services of a city',
      'GET /cities/{cityId}/services',
      `/cities/${cityId}/services`,
      {},
      [200],
    );
    const tag = randomUUID().slice(0, 8);
    const official = (key: string) => ({
      name: `Official ${key}`,
      title: `Head of ${key}`,
      email: `${key}-${tag}@city.example`,
    });
    const roads = await op(
      'create an official (Idempotency-Key)',
      'POST /cities/{cityId}/officials',
      `/cities/${cityId}/officials`,
      {
        token: secretariat,
        json: official('roads'),
        headers: { 'idempotency-key': randomUUID() },
      },
      [201],
    );
    const general = await setup('POST', `/cities/${cityId}/officials`, {
      token: secretariat,
      json: official('general'),
    });
    await op(
      'list the officials of a city',
      'GET /cities/{cityId}/officials',
      `/cities/${cityId}/officials`,
      {
        token: secretariat,
      },
      [200],
    );
    const rules = [
      { district: 'Centro', service: 'pothole', officialId: roads?.body?.id },
      { district: '*', service: '*', officialId: general.body?.id },
    ];
    await op(
      'set the routing rules',
      'PUT /cities/{cityId}/routing',
      `/cities/${cityId}/routing`,
      {
        token: secretariat,
        json: { rules },
      },
      [200],
    );
    await op(
      'get the routing rules',
      'GET /cities/{cityId}/routing',
      `/cities/${cityId}/routing`,
      {
        token: secretariat,
      },
      [200],
    );
    const filed = await op(
      'file a civic request (Idempotency-Key)',
      'POST /cities/{cityId}/requests',
      `/cities/${cityId}/requests`,
      {
        json: civicRequest(),
        headers: { 'idempotency-key': randomUUID() },
      },
      [201],
    );
    const requestId = filed?.body?.id as string | undefined;
    const roadsEmail = roads?.body?.email as string | undefined;
    ids.requestId = requestId;
    ids.officialEmail = roadsEmail;
    if (requestId && roadsEmail) {
      const roadsToken = await ctx.token('official', roadsEmail);
      await op('follow a request (anonymous)', 'GET /requests/{id}', `/requests/${requestId}`, {}, [200]);
      await op(
        'follow a request, signed in as its official',
        'GET /requests/{id}',
        `/requests/${requestId}`,
        {
          token: roadsToken,
        },
        [200],
      );
      await op(
        "an official's queue",
        'GET /officials/me/requests',
        '/officials/me/requests?status=assigned',
        {
          token: roadsToken,
        },
        [200],
      );
      await op(
        'update a request',
        'POST /requests/{id}/updates',
        `/requests/${requestId}/updates`,
        {
          token: roadsToken,
          json: { status: 'in_progress', note: 'A crew is on its way.', public: true },
        },
        [201],
      );
      // The citizen's links: "is it fixed?" answered with the token of the resolution's email.
      const citizen = (await setup('GET', `/requests/${requestId}`, { token: roadsToken })).body?.contact
        ?.email;
      await setup('POST', `/requests/${requestId}/updates`, {
        token: roadsToken,
        json: { status: 'resolved', note: 'Filled.', public: true },
      });
      const feedback = citizen
        ? await linkToken(ctx.inboxUrl, citizen, `/requests/${requestId}/feedback`, 15_000)
        : undefined;
      if (feedback) {
        await op(
          'answer "is it fixed?": not fixed',
          'POST /requests/{id}/feedback',
          `/requests/${requestId}/feedback`,
          { json: { token: feedback, fixed: false, note: 'Still there.' } },
          [200],
        );
        await op(
          'remove the contact details',
          'POST /requests/{id}/contact/removal',
          `/requests/${requestId}/contact/removal`,
          { json: { token: feedback } },
          [200],
        );
      }
      const other = await setup('POST', `/cities/${cityId}/requests`, { json: civicRequest() });
      if (other.body?.id && general.body?.id) {
        await op(
          'officials to hand a request over to',
          'GET /requests/{id}/assignees',
          `/requests/${other.body.id}/assignees`,
          { token: roadsToken },
          [200],
        );
        await op(
          'hand a request over',
          'POST /requests/{id}/assign',
          `/requests/${other.body.id}/assign`,
          {
            token: roadsToken,
            json: { officialId: general.body.id, reason: 'This street belongs to the general works team' },
          },
          [200],
        );
      }
    }

    // Open311 GeoReport v2, when the template has it.
    const keyed = await op(
      'issue an Open311 API key',
      'POST /cities/{cityId}/open311-keys',
      `/cities/${cityId}/open311-keys`,
      {
        token: secretariat,
      },
      [201],
    );
    const apiKey = keyed?.body?.apiKey as string | undefined;
    const o311 = `/open311/v2/${cityId}`;
    await op(
      'Open311 discovery.json',
      'GET /open311/v2/{cityId}/{document}',
      `${o311}/discovery.json`,
      {},
      [200],
    );
    await op(
      'Open311 services.json',
      'GET /open311/v2/{cityId}/{document}',
      `${o311}/services.json`,
      {},
      [200],
    );
    await op(
      'Open311 services/<code>.json',
      'GET /open311/v2/{cityId}/services/{serviceFile}',
      `${o311}/services/pothole.json`,
      {},
      [200],
    );
    await op(
      'Open311 requests.json (GET)',
      'GET /open311/v2/{cityId}/{document}',
      `${o311}/requests.json`,
      {},
      [200],
    );
    if (requestId) {
      await op(
        'Open311 requests/<id>.json',
        'GET /open311/v2/{cityId}/requests/{requestFile}',
        `${o311}/requests/${requestId}.json`,
        {},
        [200],
      );
    }
    if (apiKey) {
      const filedByApp = await op(
        'Open311 POST requests.json (form)',
        'POST /open311/v2/{cityId}/{document}',
        `${o311}/requests.json`,
        {
          form: {
            api_key: apiKey,
            service_code: 'pothole',
            lat: '-23.55',
            long: '-46.63',
            'attribute[district]': 'Centro',
            'attribute[size]': 'big',
            description: 'Pothole reported through Open311.',
            email: 'open311@citizen.example',
          },
        },
        [200, 201],
      );
      // FixMyStreet (perllib/Open311.pm) with multi_photos, use_service_as_deviceid and extra attributes.
      await op(
        'Open311 POST requests.xml (FixMyStreet: photos, deviceid, attributes)',
        'POST /open311/v2/{cityId}/{document}',
        `${o311}/requests.xml`,
        {
          form: {
            api_key: apiKey,
            jurisdiction_id: cityId,
            service_code: 'pothole',
            lat: '-23.550000',
            long: '-46.630000',
            first_name: 'Joana',
            last_name: 'Silva',
            email: 'fms@citizen.example',
            description: 'Deep pothole\n\nIn front of the bakery\n\nhttps://fms.example/report/42\n',
            media_url: [
              'https://fms.example/photo/42.0.full.jpeg',
              'https://fms.example/photo/42.1.full.jpeg',
            ],
            deviceid: 'Android',
            'attribute[size]': 'big',
            'attribute[uprn]': '100023336956',
          },
        },
        [201],
      );
      const appRequestId = (filedByApp?.body as { service_request_id?: string }[] | undefined)?.[0]
        ?.service_request_id;
      if (appRequestId) {
        await op(
          'Open311 POST servicerequestupdates.xml (a citizen comment)',
          'POST /open311/v2/{cityId}/{document}',
          `${o311}/servicerequestupdates.xml`,
          {
            form: {
              api_key: apiKey,
              jurisdiction_id: cityId,
              service_request_id: appRequestId,
              update_id: randomUUID(),
              status: 'OPEN',
              updated_datetime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
              description: 'Still there after the rain.',
              first_name: 'Joana',
              last_name: 'Silva',
            },
          },
          [201],
        );
        await op(
          'Open311 tokens/<token>.json',
          'GET /open311/v2/{cityId}/tokens/{tokenFile}',
          `${o311}/tokens/${appRequestId}.json`,
          {},
          [200],
        );
        ids.manyRequestIds = await seedCopies(ctx, appRequestId, 999);
        await op(
          'Open311 requests.json with 1,000 service_request_ids',
          'GET /open311/v2/{cityId}/{document}',
          `${o311}/requests.json?service_request_id=${ids.manyRequestIds.join(',')}`,
          {},
          [200],
        );
      }
      await op(
        'Open311 servicerequestupdates.xml (GET, the last 2 hours)',
        'GET /open311/v2/{cityId}/{document}',
        `${o311}/servicerequestupdates.xml?${new URLSearchParams({
          api_key: apiKey,
          start_date: new Date(Date.now() - 2 * 3600_000).toISOString(),
          end_date: new Date(Date.now() + 60_000).toISOString(),
        })}`,
        {},
        [200],
      );
      await op(
        'Open311 HEAD discovery.json (the catch-all route)',
        'ANY /open311/{proxy+}',
        `${o311}/discovery.json`,
        { method: 'HEAD' },
        [200],
      );
    }
  }

  // --- Knowledge sharing: two member cities, each with its contact person as first representative ----
  const member = async () => {
    const form = applicationForm();
    const applied = await setup('POST', '/applications', { json: form });
    await setup('POST', `/applications/${applied.body?.id}/accept`, { token: secretariat });
    return { id: applied.body?.id as string, representative: form.contact.email };
  };
  await knowledgeJourney(
    op,
    setup,
    { secretariat, member: (email) => ctx.token('member', email) },
    { a: await member(), b: await member() },
  );

  const leaving = await setup('POST', '/applications', { json: applicationForm() });
  if (leaving.status === 201) {
    await setup('POST', `/applications/${leaving.body.id}/accept`, { token: secretariat });
    await op(
      'withdraw a member',
      'POST /members/{id}/withdraw',
      `/members/${leaving.body.id}/withdraw`,
      {
        token: secretariat,
        json: { reason: 'The city council decided to leave.' },
      },
      [200],
    );
  }

  // --- Docs: no DynamoDB call expected ----------------------------------------------------------------
  await op('health check', 'GET /health', '/health', {}, [200]);
  await op('OpenAPI document', 'GET /openapi.json', '/openapi.json', {}, [200]);
  await op('API docs page', 'GET /docs', '/docs', {}, [200]);
  return { operations, ids };
}

/** The token of a link (`<path>?token=`) emailed to `to` (SES inbox, polled). */
async function linkToken(inboxUrl: string, to: string, path: string, timeoutMs: number) {
  const link = new RegExp(`${path}\\?token=([A-Za-z0-9_-]{43})`); // paths of ids: no special characters
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const store = (await (await fetch(`${inboxUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    for (const e of store.emails) {
      const token = e.destination.to.includes(to) ? link.exec(e.body.text ?? '')?.[1] : undefined;
      if (token) return token;
    }
    await sleep(250);
  }
  return undefined;
}

/** The ballot ids emailed to each committee member for a city's vote (SES inbox, polled). */
async function ballotsFor(
  inboxUrl: string,
  cityName: string,
  members: readonly string[],
  timeoutMs: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && found.size < members.length) {
    const store = (await (await fetch(`${inboxUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    for (const e of store.emails) {
      const text = e.body.text ?? '';
      if (!text.includes(cityName)) continue;
      const id = BALLOT_LINK.exec(text)?.[1];
      const to = e.destination.to.find((t) => members.includes(t));
      if (id && to) found.set(to, id);
    }
    if (found.size < members.length) await sleep(250);
  }
  return found;
}

/**
 * Copies of a request under new ids, written straight to DynamoDB Local (not through the counting
 * proxy): a city with 1,000 requests for the id-list read, without filing 1,000 through the API (and
 * emailing 1,000 times). Returns the request's id and its copies' ids.
 */
async function seedCopies(ctx: JourneyContext, requestId: string, copies: number): Promise<string[]> {
  // The CPS's own item builder, so the copies are stored as the CPS stores requests. Its modules read
  // TABLE_NAME when they load, as in a function: this process gives them the table's name.
  process.env.TABLE_NAME ??= ctx.tableName;
  const { newRequestId, requestItem, toRequest } = await import('../../functions/cps/requests.ts');
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: ctx.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  try {
    const { Item } = await client.send(
      new GetCommand({ TableName: ctx.tableName, Key: { pk: `REQUEST#${requestId}`, sk: 'REQUEST' } }),
    );
    if (!Item) return [requestId];
    const original = toRequest(Item);
    // Filed 400 days ago and escalated long since: outside every window the other reads take (the
    // cold starts read the default 90 days), and nothing for the escalation sweep to do.
    const past = new Date(Date.parse(original.createdAt) - 400 * 24 * 3600_000).toISOString();
    const items = Array.from({ length: copies }, () =>
      requestItem({
        ...original,
        id: newRequestId(),
        createdAt: past,
        updatedAt: past,
        escalatedAt: past,
        overdue: true,
      }),
    );
    for (let i = 0; i < items.length; i += 25) {
      const batch = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } }));
      let pending: typeof batch | undefined = batch;
      while (pending && pending.length > 0) {
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [ctx.tableName]: pending } }));
        pending = out.UnprocessedItems?.[ctx.tableName] as typeof batch | undefined;
      }
    }
    return [requestId, ...items.map((item) => item.id)];
  } finally {
    client.destroy();
  }
}
