import {
  FetchError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwtBaseError,
  NonRetryableFetchError,
  NotSupportedError,
  ParameterValidationError,
} from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import { type Caller, callerFromClaims, UnverifiedIdentity } from './caller.ts';
import { requireEnv } from './env.ts';
import { type HttpEvent, headerOf } from './http.ts';
import { HttpError } from './problem.ts';

/**
 * Optional sign-in on public routes. An HTTP API cannot make its JWT authorizer optional, so a public
 * route that shows more to a signed-in caller (RouteSpec `optionalAuth`) verifies the bearer token
 * here, as the authorizer would: a Cognito ID token signed with RS256 by a key of the user pool's
 * JWKS, with the pool's issuer, the app client as audience, `token_use: id`, and not expired.
 * No Authorization header is an anonymous caller; a header that does not verify is a 401, never a
 * silent fall-back to anonymous.
 *
 * Env (set by the CDK API construct for `optionalAuth` routes): JWT_ISSUER, JWT_AUDIENCE, JWKS_URI.
 * Locally, JWKS_URI points at the local API's stand-in for Cognito's JWKS endpoint.
 */
const ISSUER = requireEnv('JWT_ISSUER');
const AUDIENCE = requireEnv('JWT_AUDIENCE');
const JWKS_URI = requireEnv('JWKS_URI');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const jwksUrl = new URL(JWKS_URI);
if (jwksUrl.protocol !== 'https:' && !(jwksUrl.protocol === 'http:' && LOOPBACK.has(jwksUrl.hostname))) {
  throw new Error('JWKS_URI must be an https URL (plain http only on the loopback interface)');
}

/** How long one JWKS download may take; the library retries a failed one once, at once. */
const FETCH_TIMEOUT_MS = 3000;

/**
 * The library's default fetcher speaks https only; this one uses the runtime's fetch, which also
 * reaches the local stand-in over plain http. Same contract: a non-200 answer is not retried.
 */
class JwksFetcher implements Fetcher {
  async fetch(uri: string): Promise<ArrayBuffer> {
    try {
      return await this.once(uri);
    } catch (error) {
      if (error instanceof NonRetryableFetchError) throw error;
      return this.once(uri);
    }
  }

  private async once(uri: string): Promise<ArrayBuffer> {
    let res: Response;
    try {
      res = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      throw new FetchError(uri, (error as Error).message);
    }
    if (res.status !== 200)
      throw new NonRetryableFetchError(uri, `Status code is ${res.status}, expected 200`);
    return res.arrayBuffer();
  }
}

/** A token the library accepted that our own checks refuse. */
class TokenRejected extends Error {}

// Created once per sandbox: the JWKS is downloaded on first use and cached (refetched for an unknown kid).
const verifier = JwtVerifier.create(
  {
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUri: JWKS_URI,
    customJwtCheck: ({ header, payload }) => {
      if (header.alg !== 'RS256') throw new TokenRejected('not RS256');
      if (payload.token_use !== 'id') throw new TokenRejected('not an ID token');
      // The library checks exp only when present; a Cognito token always has one.
      if (typeof payload.exp !== 'number') throw new TokenRejected('no expiry');
    },
  },
  { jwksCache: new SimpleJwksCache({ fetcher: new JwksFetcher() }) },
);

/**
 * Errors that say nothing about the token: the JWKS could not be fetched or is not a JWKS, or the
 * verifier is misconfigured. These are our fault (500), not the caller's.
 */
const SERVER_SIDE = [
  FetchError,
  JwksValidationError,
  JwksNotAvailableInCacheError,
  ParameterValidationError,
  NotSupportedError,
];

/**
 * The person a Cognito ID token names, once the token verifies (see above): undefined for a genuine
 * token that names nobody (no verified email). Throws HttpError 401 for a token that does not verify.
 * The web app's session cookie holds such a token and is read through this too.
 */
export async function verifiedCaller(token: string): Promise<Caller | undefined> {
  let payload: JwtPayload;
  try {
    payload = await verifier.verify(token);
  } catch (error) {
    if (SERVER_SIDE.some((type) => error instanceof type)) throw error;
    if (error instanceof JwtBaseError || error instanceof TokenRejected) {
      throw new HttpError(401, 'The bearer token is not valid');
    }
    throw error;
  }
  const groups = payload['cognito:groups'];
  try {
    return callerFromClaims({
      sub: typeof payload.sub === 'string' ? payload.sub : undefined,
      // Passed as they are: callerFromClaims refuses an email that is not a string.
      email: payload.email as string | undefined,
      email_verified: payload.email_verified as boolean | undefined,
      iat: payload.iat,
      'cognito:groups': Array.isArray(groups)
        ? groups.map(String)
        : typeof groups === 'string'
          ? groups
          : undefined,
    });
  } catch (error) {
    // A genuine token that names nobody: on a public route, the caller is simply signed out.
    if (error instanceof UnverifiedIdentity) return undefined;
    throw error;
  }
}

/**
 * The caller of a public route: undefined without an Authorization header, else the verified
 * token's caller (email, roles from `cognito:groups`, subject). Throws HttpError 401 for a header
 * that is not `Bearer <token>` or a token that does not verify.
 */
export async function optionalCaller(event: HttpEvent): Promise<Caller | undefined> {
  const header = headerOf(event, 'authorization');
  if (header === undefined) return undefined;
  const token = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(header.trim())?.[1];
  if (!token) throw new HttpError(401, 'The Authorization header must be "Bearer <token>"');
  return verifiedCaller(token);
}
