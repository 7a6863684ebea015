import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { LocalFunction } from './template.ts';

/**
 * The local stand-in for Cognito: one RS256 key pair kept in the local state folder. Tokens look like
 * Cognito ID tokens (email, cognito:groups, token_use id) and carry the issuer and audience of the
 * template's JWT authorizer, so the local API checks them as API Gateway would. The local API also
 * serves the public key as Cognito's JWKS (LOCAL_JWKS_PATH), for functions that verify a token
 * themselves (public routes with optional sign-in).
 */
export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
}

const KID = 'wego-local';

/** Where the local API serves the local JWKS, the stand-in for `<issuer>/.well-known/jwks.json`. */
export const LOCAL_JWKS_PATH = '/.local-cognito/jwks.json';

async function loadKeys(file: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

export async function signLocalToken(
  keyFile: string,
  issuer: LocalIssuer,
  who: {
    email: string;
    groups: readonly string[];
    expiresIn?: string;
    /** Claims that replace the usual ones (tests forge tokens that name nobody, e.g. email_verified false). */
    claims?: Record<string, unknown>;
  },
): Promise<string> {
  const { privateJwk } = await loadKeys(keyFile);
  const key = await importJWK(privateJwk, 'RS256');
  return new SignJWT({
    email: who.email,
    email_verified: true,
    'cognito:groups': [...who.groups],
    token_use: 'id',
    auth_time: Math.floor(Date.now() / 1000),
    ...who.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setSubject(`local-${Buffer.from(who.email).toString('hex').slice(0, 24)}`)
    .setIssuer(issuer.issuer)
    .setAudience(issuer.audience)
    .setIssuedAt(typeof who.claims?.iat === 'number' ? who.claims.iat : undefined)
    .setExpirationTime(who.expiresIn ?? '1h')
    .sign(key);
}

/** Verifies a bearer token as the HTTP API JWT authorizer does: signature, issuer, audience, expiry. */
export async function localVerifier(keyFile: string) {
  const { publicJwk } = await loadKeys(keyFile);
  const key = await importJWK(publicJwk, 'RS256');
  return async (
    token: string,
    expected: { issuer: string; audience: readonly string[] },
  ): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(token, key, {
      issuer: expected.issuer,
      audience: [...expected.audience],
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
    });
    return payload;
  };
}

export interface Jwks {
  readonly keys: readonly JWK[];
}

/** The public half of the local key as a JWKS, as Cognito publishes its keys. */
export async function localJwks(keyFile: string): Promise<Jwks> {
  const { publicJwk } = await loadKeys(keyFile);
  return { keys: [{ ...publicJwk, kid: KID, alg: 'RS256', use: 'sig' }] };
}

/**
 * Points every function's JWKS_URI (Cognito's JWKS endpoint in the template) at the local API's
 * JWKS, as AWS_ENDPOINT_URL_* points the SDK clients at the other local services.
 */
export function withLocalJwks(functions: readonly LocalFunction[], apiUrl: string): LocalFunction[] {
  return functions.map((fn) =>
    'JWKS_URI' in fn.environment
      ? { ...fn, environment: { ...fn.environment, JWKS_URI: `${apiUrl}${LOCAL_JWKS_PATH}` } }
      : fn,
  );
}

/** Replaces, in every function's environment, each AWS endpoint by the local server that stands in for it. */
export function withLocalEndpoints(
  functions: readonly LocalFunction[],
  endpoints: Readonly<Record<string, string>>,
): LocalFunction[] {
  return functions.map((fn) => ({
    ...fn,
    environment: Object.fromEntries(
      Object.entries(fn.environment).map(([k, v]) => [
        k,
        Object.entries(endpoints).reduce((value, [aws, local]) => value.replaceAll(aws, local), v),
      ]),
    ),
  }));
}
