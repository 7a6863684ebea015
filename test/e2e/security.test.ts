import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateKeyPair, importJWK, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { ROLES, type Role, type RouteSpec, routeKey } from '../../functions/shared/route.ts';
import { signLocalToken } from '../../lib/local/auth.ts';
import { paths } from '../../lib/local/cloud.ts';
import { applicationForm, associateCity, secretariat, submit } from './membership-support.ts';
import { apiUrl, type CallOptions, call, inbox, issuer, stateDir, tokenFor } from './support.ts';

/**
 * The security suite, mapped to the OWASP API Security Top 10 (2023); docs/security.md is the map.
 * Each describe names the risk it covers. The role matrix reads functions/routes.ts, so a new route
 * is covered (and must behave) the day it is added.
 */

// ---------------------------------------------------------------------------------------------
// Fixtures: two member cities with the CPS set up, one civic request in each.
// ---------------------------------------------------------------------------------------------

interface CpsCity {
  id: string;
  name: string;
  application: ReturnType<typeof applicationForm>;
  official: { id: string; email: string; phone: string };
  request: { id: string; contact: { name: string; email: string; phone: string } };
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

async function cpsCity(label: string): Promise<CpsCity> {
  const tag = randomUUID().slice(0, 8);
  const application = applicationForm({
    name: `Secureville ${label} ${tag}`,
    country: 'PT',
    region: 'europe',
  });
  application.contact.name = `Contact ${tag}`;
  application.contact.phone = `+351 21 ${digits(3)} ${digits(4)}`;
  const { id } = await associateCity(application);
  const token = await secretariat();
  const services = { services: [{ code: 'pothole', name: 'Potholes', slaHours: 48 }] };
  expect((await call(`/cities/${id}/services`, { method: 'PUT', token, json: services })).status).toBe(200);
  const officialPhone = `+351 22 ${digits(3)} ${digits(4)}`;
  const created = await call(`/cities/${id}/officials`, {
    method: 'POST',
    token,
    json: {
      name: `Official ${tag}`,
      title: 'Head of Roads',
      email: `roads-${tag}@city.example`,
      phone: officialPhone,
    },
  });
  expect(created.status).toBe(201);
  const rules = { rules: [{ district: '*', service: '*', officialId: created.body.id }] };
  expect((await call(`/cities/${id}/routing`, { method: 'PUT', token, json: rules })).status).toBe(200);
  const contact = {
    name: `Citizen ${tag}`,
    email: `citizen-${tag}@citizen.example`,
    phone: `+351 91 ${digits(3)} ${digits(4)}`,
  };
  const filed = await call(`/cities/${id}/requests`, {
    method: 'POST',
    json: { service: 'pothole', district: 'Baixa', description: `Pothole ${tag}`, contact },
  });
  expect(filed.status).toBe(201);
  return {
    id,
    name: application.city.name,
    application,
    official: { id: created.body.id, email: created.body.email, phone: officialPhone },
    request: { id: filed.body.id, contact },
  };
}

let cityA: CpsCity;
let cityB: CpsCity;

beforeAll(async () => {
  [cityA, cityB] = await Promise.all([cpsCity('A'), cpsCity('B')]);
}, 120_000);

/** Every piece of personal data the fixtures hold: none of it may appear in a public answer. */
const personalData = (c: CpsCity) => [
  c.application.contact.email,
  c.application.contact.phone,
  c.application.contact.name,
  c.application.mayor.officeEmail,
  c.official.email,
  c.official.phone,
  c.request.contact.email,
  c.request.contact.phone,
  c.request.contact.name,
];

/** A civic request a citizen may file, plus `extra` fields. */
const validRequest = (extra: Record<string, unknown>) => ({
  service: 'pothole',
  district: 'Baixa',
  description: `request-${randomUUID()}`,
  ...extra,
});

const officialToken = (c: CpsCity) => tokenFor('official', c.official.email);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// API5 Broken Function Level Authorization: the role matrix, route by route.
// ---------------------------------------------------------------------------------------------

/** Dummy path parameters: ids that do not exist, Open311 file names that parse. */
const DUMMY_PARAMS: Record<string, string> = {
  document: 'requests.json',
  requestFile: 'no-such-request.json',
  serviceFile: 'no-such-service.json',
};
const fillPath = (path: string) =>
  path.replace(/\{(\w+)\+?\}/g, (_, name: string) => DUMMY_PARAMS[name] ?? `no-such-${name.toLowerCase()}`);

/** A minimal body that looks like what the route takes; anything else gets `{}`. */
function sampleBody(route: RouteSpec): Pick<CallOptions, 'json' | 'body' | 'headers'> {
  if (route.method === 'GET' || route.method === 'DELETE') return {};
  if (route.path.startsWith('/open311/')) {
    return {
      body: new URLSearchParams({
        api_key: 'no-such-key',
        service_code: 'pothole',
        description: 'x',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  const samples: Record<string, unknown> = {
    'POST /applications': applicationForm(),
    'POST /applications/{id}/reject': { reason: 'matrix' },
    'POST /members/{id}/withdraw': { reason: 'matrix' },
    'PUT /committee': { members: [{ name: 'Matrix Member', email: 'matrix@committee.example' }] },
    'POST /approvals/{approvalId}/votes': { decision: 'approve' },
    'POST /ballots/{ballotId}': { decision: 'approve' },
    'PUT /cities/{cityId}/services': { services: [{ code: 'pothole', name: 'Potholes', slaHours: 24 }] },
    'POST /cities/{cityId}/officials': { name: 'M', title: 'T', email: 'm@city.example' },
    'PUT /cities/{cityId}/routing': { rules: [{ district: '*', service: '*', officialId: 'x' }] },
    'POST /cities/{cityId}/requests': { service: 'pothole', district: 'Centro', description: 'x' },
    'POST /cities/{cityId}/open311-keys': { label: 'matrix' },
    'POST /requests/{id}/updates': { status: 'in_progress', note: 'matrix' },
    'POST /requests/{id}/assign': { officialId: 'x', reason: 'matrix' },
  };
  return { json: samples[routeKey(route)] ?? {} };
}

describe('API5 function level authorization: every route of functions/routes.ts, every role', () => {
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    for (const role of ROLES) tokens[role] = await tokenFor(role, `matrix-${role}@wego.example`);
  });

  it('covers the whole catalogue, public and protected routes alike', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.some((r) => r.access === 'public')).toBe(true);
    expect(routes.some((r) => r.access !== 'public')).toBe(true);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s', async (_key, route) => {
    const path = fillPath(route.path);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const who of ['anonymous', ...ROLES] as const) {
      const token = who === 'anonymous' ? undefined : tokens[who];
      const res = await call(path, {
        method: route.method,
        ...(token ? { token } : {}),
        ...sampleBody(route),
      });
      const allowed = route.access === 'public' || (who !== 'anonymous' && route.access.includes(who));
      // Only the authorization outcome is asserted: 400/404/409 are what dummy ids and bodies get.
      const outcome =
        res.status === 401 ? '401' : res.status === 403 ? '403' : res.status >= 500 ? '5xx' : 'passes';
      outcomes.push(`${who}: ${outcome}`);
      expected.push(`${who}: ${allowed ? 'passes' : who === 'anonymous' ? '401' : '403'}`);
    }
    expect(outcomes).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// API2 Broken Authentication: tokens that must not get in.
// ---------------------------------------------------------------------------------------------

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function badTokens(): Promise<[string, string][]> {
  const { issuer: iss, audience } = issuer();
  const keyFile = paths(stateDir()).keyFile;
  const claims = { email: 'secretariat@wego.example', 'cognito:groups': ['secretariat'], token_use: 'id' };
  const other = await generateKeyPair('RS256');
  const otherKeySigned = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'wego-local' })
    .setIssuer(iss)
    .setAudience(audience)
    .setExpirationTime('1h')
    .sign(other.privateKey);
  // A committee member's real token with the role claim edited in the payload; the signature is the original one.
  const committee = await tokenFor('committee', 'member1@committee.example');
  const [header, payload, signature] = committee.split('.') as [string, string, string];
  const edited = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const tampered = `${header}.${b64({ ...edited, 'cognito:groups': ['secretariat'] })}.${signature}`;
  // Key confusion: HS256 keyed with the published public key.
  const jwks = (await (await fetch(`${apiUrl()}/.local-cognito/jwks.json`)).json()) as { keys: JWK[] };
  const hmacSigned = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: 'wego-local' })
    .setIssuer(iss)
    .setAudience(audience)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
  return [
    [
      'unsigned (alg none)',
      new UnsecuredJWT(claims).setIssuer(iss).setAudience(audience).setExpirationTime('1h').encode(),
    ],
    ['signed by another key', otherKeySigned],
    ['expired', await tokenFor('secretariat', 'secretariat@wego.example', '-1m')],
    [
      'for another audience',
      await signLocalToken(
        keyFile,
        { issuer: iss, audience: 'another-client' },
        { email: 's@wego.example', groups: ['secretariat'] },
      ),
    ],
    [
      'from another issuer',
      await signLocalToken(
        keyFile,
        { issuer: 'https://evil.example/pool', audience },
        { email: 's@wego.example', groups: ['secretariat'] },
      ),
    ],
    ['with a role claim edited in the payload', tampered],
    ['HS256 keyed with the public key (algorithm confusion)', hmacSigned],
    ['not a JWT at all', 'not-a-token'],
  ];
}

/** A token signed with the local Cognito stand-in's own key, right issuer and audience, but no `exp`. */
async function tokenWithoutExpiry(): Promise<string> {
  const { issuer: iss, audience } = issuer();
  const { privateJwk } = JSON.parse(readFileSync(paths(stateDir()).keyFile, 'utf8')) as { privateJwk: JWK };
  return new SignJWT({
    email: 'secretariat@wego.example',
    'cognito:groups': ['secretariat'],
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'wego-local' })
    .setIssuer(iss)
    .setAudience(audience)
    .sign(await importJWK(privateJwk, 'RS256'));
}

describe('API2 authentication: forged, expired and misdirected tokens are 401', () => {
  let tokens: [string, string][];
  beforeAll(async () => {
    tokens = await badTokens();
  });

  it('refuses each on a protected route (the JWT authorizer)', async () => {
    const outcomes = await Promise.all(
      tokens.map(async ([name, token]) => [name, (await call('/committee', { token })).status]),
    );
    expect(Object.fromEntries(outcomes)).toEqual(Object.fromEntries(tokens.map(([name]) => [name, 401])));
  });

  it('refuses each on a public route with optional sign-in, never falling back to an anonymous view', async () => {
    const outcomes = await Promise.all(
      tokens.map(async ([name, token]) => {
        const res = await call(`/requests/${cityA.request.id}`, { token });
        expect(res.text, name).not.toContain(cityA.request.contact.email);
        return [name, res.status];
      }),
    );
    expect(Object.fromEntries(outcomes)).toEqual(Object.fromEntries(tokens.map(([name]) => [name, 401])));
  });

  it('refuses a token that is not an ID token on the optional sign-in route', async () => {
    const { issuer: iss, audience } = issuer();
    const { privateJwk } = JSON.parse(readFileSync(paths(stateDir()).keyFile, 'utf8')) as { privateJwk: JWK };
    const access = await new SignJWT({
      email: cityA.official.email,
      'cognito:groups': ['official'],
      token_use: 'access',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'wego-local' })
      .setIssuer(iss)
      .setAudience(audience)
      .setExpirationTime('1h')
      .sign(await importJWK(privateJwk, 'RS256'));
    expect((await call(`/requests/${cityA.request.id}`, { token: access })).status).toBe(401);
  });

  it('refuses a well-signed token without an expiry on the optional sign-in route', async () => {
    expect((await call(`/requests/${cityA.request.id}`, { token: await tokenWithoutExpiry() })).status).toBe(
      401,
    );
  });

  // The local JWT authorizer requires `exp`, as the optional sign-in check does.
  it('refuses a well-signed token without an expiry on a protected route (local JWT authorizer)', async () => {
    expect((await call('/committee', { token: await tokenWithoutExpiry() })).status).toBe(401);
  });

  it('still lets the real token of the same person in (the refusals above are about the token)', async () => {
    expect((await call('/committee', { token: await secretariat() })).status).toBe(200);
    const own = await call(`/requests/${cityA.request.id}`, { token: await officialToken(cityA) });
    expect(own.status).toBe(200);
    expect(own.body.contact).toEqual(cityA.request.contact);
  });
});

describe('API2 authentication: identity rests on a verified email', () => {
  /** The official's own email in a genuine token, signed by the pool's key, that names nobody. */
  const forged = (claims: Record<string, unknown>) =>
    signLocalToken(paths(stateDir()).keyFile, issuer(), {
      email: cityA.official.email,
      groups: ['official'],
      claims: { sub: 'another-user', ...claims },
    });

  it('refuses a token whose email is not verified on role routes, and records nothing as the official', async () => {
    const before = await call(`/requests/${cityA.request.id}`, { token: await officialToken(cityA) });
    const token = await forged({ email_verified: false });
    const update = await call(`/requests/${cityA.request.id}/updates`, {
      method: 'POST',
      token,
      json: { status: 'in_progress', note: 'Forged update', public: true },
    });
    expect(update.status).toBe(401);
    expect((await call('/officials/me/requests', { token })).status).toBe(401);
    const after = await call(`/requests/${cityA.request.id}`, { token: await officialToken(cityA) });
    expect(after.body).toEqual(before.body);
  });

  it('treats such a token as signed out where sign-in is optional: the citizen’s contact stays hidden', async () => {
    const res = await call(`/requests/${cityA.request.id}`, {
      token: await forged({ email_verified: false }),
    });
    expect(res.status).toBe(200);
    expect(res.body.contact).toBeUndefined();
    expect(res.text).not.toContain(cityA.request.contact.email);
  });

  it.each([
    ['issued in the future', { iat: Math.floor(Date.now() / 1000) + 3600 }],
    ['whose email is a list', { email: ['official@city.example'] }],
    ['without email_verified', { email_verified: undefined }],
  ])('refuses a token %s on a role route', async (_, claims) => {
    expect((await call('/officials/me/requests', { token: await forged(claims) })).status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------
// API1 Broken Object Level Authorization.
// ---------------------------------------------------------------------------------------------

describe('API1 object level authorization', () => {
  it("an official sees another city's request only as the public does: no contact, no official email", async () => {
    const res = await call(`/requests/${cityB.request.id}`, { token: await officialToken(cityA) });
    expect(res.status).toBe(200);
    expect(res.body.contact).toBeUndefined();
    for (const value of personalData(cityB)) expect(res.text).not.toContain(value);
  });

  it("an official may neither update nor hand over another city's request, and it stays as it was", async () => {
    const token = await officialToken(cityA);
    const before = await call(`/requests/${cityB.request.id}`, { token: await secretariat() });
    const update = await call(`/requests/${cityB.request.id}/updates`, {
      method: 'POST',
      token,
      json: { status: 'closed', note: 'not mine' },
    });
    const assign = await call(`/requests/${cityB.request.id}/assign`, {
      method: 'POST',
      token,
      json: { officialId: cityA.official.id, reason: 'taking it' },
    });
    expect([update.status, assign.status]).toEqual([403, 403]);
    const after = await call(`/requests/${cityB.request.id}`, { token: await secretariat() });
    expect(after.body).toEqual(before.body);
  });

  it("an official cannot hand a request over to another city's official", async () => {
    const res = await call(`/requests/${cityA.request.id}/assign`, {
      method: 'POST',
      token: await officialToken(cityA),
      json: { officialId: cityB.official.id, reason: 'cross-city hand-over' },
    });
    expect(res.status).toBe(400);
    const after = await call(`/requests/${cityA.request.id}`, { token: await secretariat() });
    expect(after.body.assignedTo.email).toBe(cityA.official.email);
  });

  it("an official's queue lists only the requests assigned to them", async () => {
    const res = await call('/officials/me/requests?limit=100', { token: await officialToken(cityA) });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(cityA.request.id);
    expect(ids).not.toContain(cityB.request.id);
    expect(res.text).not.toContain(cityB.request.contact.email);
  });

  it('a committee member cannot read an application, its history or the list (403)', async () => {
    const token = await tokenFor('committee', 'member1@committee.example');
    for (const path of [
      `/applications/${cityA.id}`,
      `/applications/${cityA.id}/history`,
      '/applications?status=associate',
    ]) {
      const res = await call(path, { token });
      expect(res.status, path).toBe(403);
      expect(res.text, path).not.toContain(cityA.application.contact.email);
    }
  });

  it('a 409 for a duplicate application does not reveal the id of the application it collides with', async () => {
    const { id, form } = await submit();
    const again = await call('/applications', {
      method: 'POST',
      json: { ...form, contact: { ...form.contact, email: 'other@city.example' } },
    });
    expect(again.status).toBe(409);
    expect(again.text).not.toContain(id);
    expect(again.text).not.toContain(form.contact.email);
  });

  it("an Open311 API key of one city is refused by another city's jurisdiction (403)", async () => {
    const issued = await call(`/cities/${cityA.id}/open311-keys`, {
      method: 'POST',
      token: await secretariat(),
      json: { label: 'cross-city check' },
    });
    expect(issued.status).toBe(201);
    const form = (apiKey: string) => ({
      method: 'POST',
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'pothole',
        description: `Open311 ${randomUUID()}`,
        lat: '38.71',
        long: '-9.14',
        'attribute[district]': 'Baixa',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await call(`/open311/v2/${cityB.id}/requests.json`, form(issued.body.apiKey))).status).toBe(403);
    expect((await call(`/open311/v2/${cityA.id}/requests.json`, form(issued.body.apiKey))).status).toBe(201);
  });

  it("a city's Open311 request list holds only its own requests", async () => {
    const res = await call(`/open311/v2/${cityA.id}/requests.json`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(cityA.request.id);
    expect(res.text).not.toContain(cityB.request.id);
    expect((await call(`/open311/v2/${cityA.id}/requests/${cityB.request.id}.json`)).status).toBe(404);
  });

  // The Idempotency-Key covers the path too: reused on another city's route it is a 409, never the
  // first city's object.
  it('an Idempotency-Key reused on another city never answers with the first city’s object', async () => {
    const key = randomUUID();
    const body = validRequest({});
    const first = await call(`/cities/${cityA.id}/requests`, {
      method: 'POST',
      json: body,
      headers: { 'idempotency-key': key },
    });
    const other = await call(`/cities/${cityB.id}/requests`, {
      method: 'POST',
      json: body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    if (other.status === 201) {
      expect((await call(`/requests/${other.body.id}`)).body.cityId).toBe(cityB.id);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// API3 Broken Object Property Level Authorization.
// ---------------------------------------------------------------------------------------------

describe('API3 object property level authorization', () => {
  it.each([
    ['status', 'closed'],
    ['assignedTo', { name: 'me', email: 'me@evil.example' }],
    ['assignee', 'me@evil.example'],
    ['overdue', true],
    ['expectedAt', '2099-01-01T00:00:00.000Z'],
    ['escalatedAt', '2020-01-01T00:00:00.000Z'],
    ['id', 'chosen-id'],
    ['cityId', 'another-city'],
    ['createdAt', '2000-01-01T00:00:00.000Z'],
  ])('a citizen cannot set %s on a new request (400 naming it, nothing stored)', async (field, value) => {
    const body = validRequest({ [field]: value });
    const res = await call(`/cities/${cityA.id}/requests`, { method: 'POST', json: body });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: `body.${field}`, message: `unknown field "${field}"` });
    const queue = await call('/officials/me/requests?limit=100', { token: await officialToken(cityA) });
    expect(queue.text).not.toContain(body.description);
  });

  it('public answers carry no personal data of applicants, citizens or officials', async () => {
    const cityDocs = ['discovery.json', 'services.json', 'requests.json', 'requests.xml'];
    const publicPaths = [
      '/members?limit=100',
      `/members?region=europe&limit=100`,
      `/requests/${cityA.request.id}`,
      `/cities/${cityA.id}/services`,
      ...cityDocs.map((d) => `/open311/v2/${cityA.id}/${d}`),
      `/open311/v2/${cityA.id}/services/pothole.json`,
      `/open311/v2/${cityA.id}/requests/${cityA.request.id}.json`,
    ];
    for (const path of publicPaths) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      for (const value of personalData(cityA))
        expect(res.text, `${path} shows ${value}`).not.toContain(value);
    }
  });

  it("the answer to a citizen's new request names the official but not their email or phone", async () => {
    const res = await call(`/cities/${cityA.id}/requests`, { method: 'POST', json: validRequest({}) });
    expect(res.status).toBe(201);
    expect(res.body.assignedTo).toEqual({ name: expect.any(String), title: 'Head of Roads' });
    expect(res.text).not.toContain(cityA.official.email);
    expect(res.text).not.toContain(cityA.official.phone);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'a body key %s cannot smuggle fields past the schema',
    async (key) => {
      const description = `smuggled-${randomUUID()}`;
      const body = `{"service":"pothole","district":"Baixa","description":"${description}","${key}":{"status":"closed","overdue":true,"assignedTo":{"email":"me@evil.example"}}}`;
      const res = await call(`/cities/${cityA.id}/requests`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      // Refused either by the JSON parser (it rejects prototype keys) or by the strict schema (unknown field).
      expect(res.status).toBe(400);
      expect(res.body.errors ?? [{ path: `body.${key}` }]).toContainEqual(
        expect.objectContaining({ path: `body.${key}` }),
      );
      const queue = await call('/officials/me/requests?limit=100', { token: await officialToken(cityA) });
      expect(queue.text).not.toContain(description);
    },
  );

  it('the public directory lists members only: other statuses are refused, not shown', async () => {
    const { id } = await submit();
    for (const status of ['submitted', 'rejected', 'withdrawn', 'full_pending']) {
      const res = await call(`/members?status=${status}`);
      expect(res.status, status).toBe(400);
      expect(res.text).not.toContain(id);
    }
    expect((await call('/members?limit=100')).text).not.toContain(id);
  });
});

// ---------------------------------------------------------------------------------------------
// API4 Unrestricted Resource Consumption.
// ---------------------------------------------------------------------------------------------

describe('API4 resource consumption', () => {
  const big = 'x'.repeat(70 * 1024);

  it('refuses bodies over 64 KiB with 413 on public and protected routes', async () => {
    const sec = await secretariat();
    const form = applicationForm();
    const cases: [string, CallOptions][] = [
      ['/applications', { method: 'POST', json: { ...form, motivation: big } }],
      [`/cities/${cityA.id}/requests`, { method: 'POST', json: validBody(big) }],
      [
        '/committee',
        { method: 'PUT', token: sec, json: { members: [{ name: big, email: 'a@city.example' }] } },
      ],
      [
        `/requests/${cityA.request.id}/updates`,
        { method: 'POST', token: await officialToken(cityA), json: { status: 'in_progress', note: big } },
      ],
      [
        `/open311/v2/${cityA.id}/requests.json`,
        {
          method: 'POST',
          body: `description=${big}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ],
    ];
    for (const [path, options] of cases) expect((await call(path, options)).status, path).toBe(413);
    const submitted = await call('/applications?status=submitted&limit=100', { token: sec });
    expect(submitted.text).not.toContain(form.city.name);
  });

  it('counts the limit in bytes, exactly: 64 KiB passes the size check, one byte more does not', async () => {
    const token = await secretariat();
    const sized = (bytes: number) => {
      const shell = JSON.stringify({ members: [{ name: '', email: 'a@city.example' }] });
      // 'é' is two bytes in UTF-8: the limit is on bytes, not characters.
      const fill = bytes - Buffer.byteLength(shell);
      return shell.replace(
        '"name":""',
        `"name":"${'é'.repeat(Math.floor(fill / 2))}${'x'.repeat(fill % 2)}"`,
      );
    };
    const headers = { 'content-type': 'application/json' };
    expect(Buffer.byteLength(sized(65_536))).toBe(65_536);
    const atLimit = await call('/committee', { method: 'PUT', token, body: sized(65_536), headers });
    const over = await call('/committee', { method: 'PUT', token, body: sized(65_537), headers });
    expect(atLimit.status).toBe(400); // past the size check, refused by the field's own limit
    expect(over.status).toBe(413);
  });

  it.each(routes.filter((r) => r.paginated).map((r) => [routeKey(r), r] as const))(
    '%s refuses a limit over 100 or under 1 (400) and takes 100',
    async (_key, route) => {
      const token = route.access === 'public' ? undefined : await tokenFor(route.access[0] as Role);
      const base = fillPath(route.path);
      const query = route.path === '/applications' ? 'status=submitted&' : '';
      for (const limit of ['101', '1000000', '0', '-1', 'ten']) {
        const res = await call(`${base}?${query}limit=${limit}`, { ...(token ? { token } : {}) });
        expect(res.status, `limit=${limit}`).toBe(400);
        expect(
          res.body.errors.map((e: { path: string }) => e.path),
          `limit=${limit}`,
        ).toContain('query.limit');
      }
      const ok = await call(`${base}?${query}limit=100`, { ...(token ? { token } : {}) });
      expect(ok.body?.errors ?? []).not.toContainEqual(expect.objectContaining({ path: 'query.limit' }));
    },
  );
});

function validBody(description: string) {
  return { service: 'pothole', district: 'Baixa', description };
}

// ---------------------------------------------------------------------------------------------
// API8 Security Misconfiguration: error bodies, CORS.
// ---------------------------------------------------------------------------------------------

/** What an error body must never show: stack frames, exception names, SDK text, file paths. */
function expectNoInternals(res: Awaited<ReturnType<typeof call>>, what: string) {
  expect(res.text, what).not.toMatch(/^\s*at\s/m);
  expect(res.text, what).not.toMatch(/\bat\s+\S+\s+\(|\bat\s+(file:|node:|\/)/);
  expect(res.text, what).not.toMatch(
    /\w+Exception\b|TransactionCanceled|ConditionalCheck|ProvisionedThroughput/,
  );
  expect(res.text, what).not.toMatch(/aws-sdk|@aws-sdk|smithy|DynamoDB|middy|zod|ZodError|node_modules/i);
  expect(res.text, what).not.toMatch(/\/(var|tmp|opt|home|work|usr)\/|[\w-]+\.(ts|js|mjs|cjs):\d+/);
  expect(res.text, what).not.toMatch(
    /TypeError|ReferenceError|SyntaxError|undefined is not|Cannot read prop/,
  );
}

describe('API8 misconfiguration: error answers show nothing of the inside', () => {
  it('problem+json for 400, 404, 409, 413 and 415, with no stack, exception or path', async () => {
    const sec = await secretariat();
    const official = await officialToken(cityA);
    const dup = await submit();
    const json = { 'content-type': 'application/json' };
    const cases: [string, string, CallOptions, number][] = [
      ['malformed JSON', '/applications', { method: 'POST', body: '{"city": {', headers: json }, 400],
      [
        'malformed JSON (protected)',
        '/committee',
        { method: 'PUT', token: sec, body: '{"members": [', headers: json },
        400,
      ],
      [
        'wrong types',
        `/cities/${cityA.id}/requests`,
        { method: 'POST', json: { service: 1, district: [], description: null } },
        400,
      ],
      [
        'JSON null body',
        `/requests/${cityA.request.id}/updates`,
        { method: 'POST', token: official, body: 'null', headers: json },
        400,
      ],
      ['empty body', '/applications', { method: 'POST', body: '', headers: json }, 400],
      ['forged cursor', '/members?cursor=eyJwayI6IkNJVFkjeCJ9.AAAA', {}, 400],
      ['bad cursor', `/applications/${cityA.id}/history?cursor=%00%01`, { token: sec }, 400],
      ['id too long', `/requests/${'x'.repeat(129)}`, {}, 400],
      ['unknown application', `/applications/${randomUUID()}`, { token: sec }, 404],
      ['unknown request', `/requests/${randomUUID()}`, {}, 404],
      ['unknown city services', `/cities/${randomUUID()}/services`, {}, 404],
      ['duplicate application', '/applications', { method: 'POST', json: dup.form }, 409],
      ['accept a member again', `/applications/${cityA.id}/accept`, { method: 'POST', token: sec }, 409],
      ['body too large', '/applications', { method: 'POST', json: { motivation: 'x'.repeat(70_000) } }, 413],
      [
        'form to a JSON route',
        '/applications',
        { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
      ],
      [
        'text to a JSON route',
        `/cities/${cityA.id}/requests`,
        { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } },
        415,
      ],
    ];
    for (const [what, path, options, status] of cases) {
      const res = await call(path, options);
      expect(res.status, what).toBe(status);
      expect(res.headers.get('content-type'), what).toContain('application/problem+json');
      expect(
        Object.keys(res.body).every((k) => ['type', 'title', 'status', 'detail', 'errors'].includes(k)),
        what,
      ).toBe(true);
      expect(res.body.status, what).toBe(status);
      expectNoInternals(res, what);
    }
  });

  /** Asks each route that takes an id in its path for that id: a 4xx, never a 5xx or an internal message. */
  async function expectRefusedCleanly(ids: readonly string[]) {
    const sec = await secretariat();
    const failures: string[] = [];
    for (const id of ids) {
      for (const [path, token] of [
        [`/requests/${id}`, undefined],
        [`/applications/${id}`, sec],
        [`/cities/${id}/services`, undefined],
        [`/open311/v2/${id}/services.json`, undefined],
      ] as const) {
        const res = await call(path, { ...(token ? { token } : {}) });
        if (res.status < 400 || res.status >= 500) failures.push(`${path}: ${res.status}`);
        expectNoInternals(res, path);
      }
    }
    expect(failures).toEqual([]);
  }

  it('odd path ids are answered with a 4xx, never a 5xx or an internal message', async () => {
    await expectRefusedCleanly([
      '%00',
      '%0d%0a',
      '%F0%9F%92%A9',
      '..%2F..%2Fetc%2Fpasswd',
      '%C3%A9'.repeat(128),
      'a%20b',
      "'%20OR%20'1'%3D'1",
      '%EF%BF%BF',
    ]);
  });

  // A malformed %-escape in a path is a 400 from the local API, not a 500.
  it('malformed percent-escapes in a path are a 4xx, not a 500 (local API)', async () => {
    await expectRefusedCleanly(['%ED%A0%80', '%zz', '%C3']);
  });

  it('Open311 errors use the Open311 format and show nothing of the inside either', async () => {
    for (const path of [
      `/open311/v2/${randomUUID()}/services.json`,
      `/open311/v2/${cityA.id}/requests/${randomUUID()}.json`,
      `/open311/v2/${cityA.id}/nothing.json`,
    ]) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual([{ code: 404, description: expect.any(String) }]);
      expectNoInternals(res, path);
    }
    const noKey = await call(`/open311/v2/${cityA.id}/requests.json`, {
      method: 'POST',
      body: 'service_code=pothole&description=x&attribute%5Bdistrict%5D=Baixa',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noKey.status).toBe(403);
    expectNoInternals(noKey, 'Open311 POST without api_key');
  });
});

describe('API8 misconfiguration: CORS', () => {
  const allowed = () => new URL(apiUrl()).origin;
  const preflight = (path: string, origin: string) =>
    fetch(`${apiUrl()}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('a preflight from an unlisted origin gets no Access-Control-Allow-Origin', async () => {
    for (const path of ['/applications', '/committee', `/cities/${cityA.id}/requests`]) {
      for (const origin of [
        'https://evil.example',
        'null',
        `${allowed()}.evil.example`,
        'http://127.0.0.1',
      ]) {
        const res = await preflight(path, origin);
        expect(res.headers.get('access-control-allow-origin'), `${path} ${origin}`).toBeNull();
      }
    }
  });

  it('a preflight from a configured origin gets that origin back, never *', async () => {
    const res = await preflight('/applications', allowed());
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed());
  });

  it('an actual request from an unlisted origin is answered without Access-Control-Allow-Origin', async () => {
    const evil = await fetch(`${apiUrl()}/health`, { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await fetch(`${apiUrl()}/health`, { headers: { origin: allowed() } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed());
  });
});

// ---------------------------------------------------------------------------------------------
// API8 / API10: email header injection through fields that reach a subject.
// ---------------------------------------------------------------------------------------------

describe('email header injection', () => {
  const breaks = [
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
    ['line separator', '\u2028'],
    ['NUL', '\u0000'],
  ] as const;
  const injected = (nl: string) => `${nl}Bcc: victim@evil.example${nl}Subject: pwned`;

  it.each(breaks)('a city name with %s is a 400 and nothing is stored or sent', async (_name, nl) => {
    const form = applicationForm();
    const res = await call('/applications', {
      method: 'POST',
      json: { ...form, city: { ...form.city, name: `${form.city.name}${injected(nl)}` } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      path: 'body.city.name',
      message: 'must be a single line of text',
    });
    const list = await call('/applications?status=submitted&limit=100', { token: await secretariat() });
    expect(list.text).not.toContain(form.city.name);
    await sleep(300);
    const sent = await inbox();
    expect(
      sent.filter((e) =>
        e.destination.to.some((to) => [form.mayor.officeEmail, form.contact.email].includes(to)),
      ),
    ).toEqual([]);
  });

  it.each(breaks)('a district with %s in a civic request is a 400 and nothing is sent', async (_name, nl) => {
    const description = `injection-${randomUUID()}`;
    const res = await call(`/cities/${cityA.id}/requests`, {
      method: 'POST',
      json: {
        service: 'pothole',
        district: `Baixa${injected(nl)}`,
        description,
        contact: { email: `inj-${randomUUID().slice(0, 6)}@citizen.example` },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      path: 'body.district',
      message: 'must be a single line of text',
    });
    await sleep(300);
    expect((await inbox()).filter((e) => `${e.subject}${e.body.text}`.includes(description))).toEqual([]);
  });

  it('the service name (in the official’s subject) refuses line breaks too', async () => {
    const res = await call(`/cities/${cityA.id}/services`, {
      method: 'PUT',
      token: await secretariat(),
      json: { services: [{ code: 'pothole', name: `Potholes${injected('\r\n')}`, slaHours: 48 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      path: 'body.services.0.name',
      message: 'must be a single line of text',
    });
  });

  it('no email ever went to the address the injections tried to add', async () => {
    expect((await inbox()).filter((e) => e.destination.to.includes('victim@evil.example'))).toEqual([]);
  });
});
