import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchError } from 'aws-jwt-verify/error';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '../../../functions/shared/http.ts';
import { HttpError } from '../../../functions/shared/problem.ts';
import { LOCAL_JWKS_PATH, localJwks, signLocalToken, withLocalJwks } from '../../../lib/local/auth.ts';
import { LocalHttpApi } from '../../../lib/local/http-api.ts';
import type { LocalFunction } from '../../../lib/local/template.ts';
import { httpEvent } from '../support/http-event.ts';

type OptionalCaller = (event: HttpEvent) => Promise<unknown>;

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool';
const AUDIENCE = 'test-client-id';
const KID = 'test-kid';

let server: Server;
let jwksUri: string;
let jwksRequests = 0;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let optionalCaller: OptionalCaller;

const now = () => Math.floor(Date.now() / 1000);

/** A Cognito-shaped ID token; `override` replaces claims, `opts` the key, kid or issuer. */
async function idToken(
  override: JWTPayload = {},
  opts: { key?: CryptoKey; kid?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  return new SignJWT({
    sub: 'user-sub-1',
    email: 'Official@City.example',
    email_verified: true,
    'cognito:groups': ['official', 'unknown-group'],
    token_use: 'id',
    iat: now(),
    exp: now() + 3600,
    ...override,
  })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? KID })
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .sign(opts.key ?? signingKey);
}

const withAuth = (authorization: string) => httpEvent({ headers: { authorization } });

async function rejection(event: HttpEvent): Promise<unknown> {
  return optionalCaller(event).then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function expect401(event: HttpEvent) {
  const error = await rejection(event);
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(401);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
  server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    jwksRequests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  vi.stubEnv('JWT_ISSUER', ISSUER);
  vi.stubEnv('JWT_AUDIENCE', AUDIENCE);
  vi.stubEnv('JWKS_URI', jwksUri);
  ({ optionalCaller } = await import('../../../functions/shared/optional-caller.ts'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('optionalCaller', () => {
  it('returns undefined when there is no Authorization header', async () => {
    await expect(optionalCaller(httpEvent())).resolves.toBeUndefined();
  });

  it('returns the caller of a valid ID token, with its known roles and a lower-case email', async () => {
    await expect(optionalCaller(withAuth(`Bearer ${await idToken()}`))).resolves.toEqual({
      email: 'official@city.example',
      roles: ['official'],
      subject: 'user-sub-1',
    });
  });

  it('accepts the scheme in any case and reads the header whatever its name case', async () => {
    const event = httpEvent({ headers: { Authorization: `bearer ${await idToken()}` } });
    await expect(optionalCaller(event)).resolves.toMatchObject({ roles: ['official'] });
  });

  it('downloads the JWKS once and reuses it for later tokens', async () => {
    const before = jwksRequests;
    await optionalCaller(withAuth(`Bearer ${await idToken()}`));
    await optionalCaller(withAuth(`Bearer ${await idToken({ 'cognito:groups': ['secretariat'] })}`));
    expect(jwksRequests - before).toBe(0);
    expect(jwksRequests).toBe(1);
  });

  it('rejects an expired token with 401', async () => {
    await expect401(withAuth(`Bearer ${await idToken({ iat: now() - 7200, exp: now() - 60 })}`));
  });

  it('rejects a token without an expiry with 401', async () => {
    await expect401(withAuth(`Bearer ${await idToken({ exp: undefined })}`));
  });

  it('rejects a token from another issuer with 401', async () => {
    await expect401(
      withAuth(
        `Bearer ${await idToken({}, { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/other' })}`,
      ),
    );
  });

  it('rejects a token for another app client with 401', async () => {
    await expect401(withAuth(`Bearer ${await idToken({}, { audience: 'other-client' })}`));
  });

  it('rejects an access token (token_use access) with 401', async () => {
    await expect401(withAuth(`Bearer ${await idToken({ token_use: 'access' })}`));
  });

  it('rejects a token signed by another key under the same kid with 401', async () => {
    await expect401(withAuth(`Bearer ${await idToken({}, { key: otherKey })}`));
  });

  it('rejects an unsigned token (alg none) with 401', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ alg: 'none', kid: KID })}.${part({
      sub: 'x',
      email: 'secretariat@wego.example',
      'cognito:groups': ['secretariat'],
      token_use: 'id',
      iss: ISSUER,
      aud: AUDIENCE,
      exp: now() + 3600,
    })}.`;
    await expect401(withAuth(`Bearer ${unsigned}`));
  });

  it.each([
    ['no email', { email: undefined }],
    ['an unverified email', { email_verified: false }],
    ['no email_verified claim', { email_verified: undefined }],
    ['an email that is not a string', { email: ['official@city.example'] }],
    ['an issue time in the future', { iat: now() + 3600 }],
  ])('treats a genuine token with %s as signed out', async (_, claims) => {
    expect(await optionalCaller(withAuth(`Bearer ${await idToken(claims)}`))).toBeUndefined();
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a bare token', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
    ['an empty bearer', 'Bearer '],
    ['an empty header', ''],
    ['garbage', 'Bearer not-a-jwt'],
    ['a token that is not JSON', 'Bearer aGVsbG8.d29ybGQ.c2ln'],
  ])('rejects a malformed header (%s) with 401', async (_, header) => {
    await expect401(withAuth(header));
  });

  it('rejects a token whose kid the JWKS does not have with 401', async () => {
    await expect401(withAuth(`Bearer ${await idToken({}, { kid: 'unknown-kid' })}`));
  });
});

describe('optionalCaller configuration', () => {
  it('treats a JWKS that cannot be fetched as a server error, not a bad token', async () => {
    vi.resetModules();
    vi.stubEnv('JWT_ISSUER', ISSUER);
    vi.stubEnv('JWT_AUDIENCE', AUDIENCE);
    vi.stubEnv('JWKS_URI', `${jwksUri.replace('/.well-known/jwks.json', '')}/missing.json`);
    const fresh = await import('../../../functions/shared/optional-caller.ts');
    const error = await fresh.optionalCaller(withAuth(`Bearer ${await idToken()}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    // A fresh module graph has its own HttpError class: check the shape, not the class.
    expect(error).not.toHaveProperty('status');
  });

  it('fails the cold start when JWKS_URI is plain http on a non-loopback host', async () => {
    vi.resetModules();
    vi.stubEnv('JWT_ISSUER', ISSUER);
    vi.stubEnv('JWT_AUDIENCE', AUDIENCE);
    vi.stubEnv('JWKS_URI', 'http://keys.example/.well-known/jwks.json');
    await expect(import('../../../functions/shared/optional-caller.ts')).rejects.toThrow(/JWKS_URI/);
  });

  it('fails the cold start when an env variable is missing', async () => {
    vi.resetModules();
    vi.stubEnv('JWT_ISSUER', ISSUER);
    vi.stubEnv('JWT_AUDIENCE', '');
    vi.stubEnv('JWKS_URI', jwksUri);
    await expect(import('../../../functions/shared/optional-caller.ts')).rejects.toThrow(/JWT_AUDIENCE/);
  });
});

/** A port nobody listens on right now (LocalHttpApi.listen takes a fixed port). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('optionalCaller against the local Cognito stand-in', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'wego-optional-caller-'));
  const keyFile = join(stateDir, 'local-signing-key.json');
  const issuer = {
    issuer: 'https://cognito-idp.us-east-1.amazonaws.com/AuthUserPool',
    audience: 'AuthClient',
  };
  let api: LocalHttpApi;
  let apiUrl: string;

  beforeAll(async () => {
    api = new LocalHttpApi({
      // A greedy public route: the JWKS is answered before route matching.
      routes: [{ method: 'GET', path: '/{proxy+}', functionId: 'catchAll' }],
      cors: undefined,
      invoke: async () => ({ statusCode: 418 }),
      verify: async () => ({}),
      onError: () => undefined,
      jwks: await localJwks(keyFile),
    });
    const port = await freePort();
    await api.listen(port);
    apiUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await api.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('serves the public key as a JWKS on the local API, before route matching', async () => {
    const res = await fetch(`${apiUrl}${LOCAL_JWKS_PATH}`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: 'wego-local', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('points only the functions that have JWKS_URI at the local JWKS', () => {
    const base = { bundleFile: 'x.mjs', handlerExport: 'handler', timeoutSeconds: 3, memoryMb: 128 };
    const fns: LocalFunction[] = [
      { ...base, id: 'Optional', environment: { JWKS_URI: 'https://cognito-idp.../jwks.json', A: '1' } },
      { ...base, id: 'Plain', environment: { A: '1' } },
    ];
    expect(withLocalJwks(fns, apiUrl).map((f) => f.environment)).toEqual([
      { JWKS_URI: `${apiUrl}/.local-cognito/jwks.json`, A: '1' },
      { A: '1' },
    ]);
  });

  it('accepts a token from the local token tool and rejects one signed by another key', async () => {
    vi.resetModules();
    vi.stubEnv('JWT_ISSUER', issuer.issuer);
    vi.stubEnv('JWT_AUDIENCE', issuer.audience);
    vi.stubEnv('JWKS_URI', `${apiUrl}${LOCAL_JWKS_PATH}`);
    const local = await import('../../../functions/shared/optional-caller.ts');
    const token = await signLocalToken(keyFile, issuer, {
      email: 'sec@wego.example',
      groups: ['secretariat'],
    });
    await expect(local.optionalCaller(withAuth(`Bearer ${token}`))).resolves.toMatchObject({
      email: 'sec@wego.example',
      roles: ['secretariat'],
    });
    const forged = await signLocalToken(join(stateDir, 'other-key.json'), issuer, {
      email: 'sec@wego.example',
      groups: ['secretariat'],
    });
    await expect(local.optionalCaller(withAuth(`Bearer ${forged}`))).rejects.toMatchObject({ status: 401 });
  });
});
