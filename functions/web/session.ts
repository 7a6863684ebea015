import { createHash, randomBytes } from 'node:crypto';
import { requireEnv } from '../shared/env.ts';
import type { Language } from '../shared/i18n.ts';
import { verifiedCaller } from '../shared/optional-caller.ts';
import { HttpError } from '../shared/problem.ts';
import type { Role } from '../shared/route.ts';

/**
 * Staff sign in with Cognito's managed login, authorization code and PKCE, completed here (the site's
 * own server) so no token is ever in reach of page scripts: the ID token lives in an HttpOnly, Secure,
 * SameSite=Lax cookie, and pages pass it to the API as the bearer token. It is verified here on every
 * request, as the API verifies it on every call.
 */
const SIGN_IN_URL = requireEnv('SIGN_IN_URL');
const CLIENT_ID = requireEnv('CLIENT_ID');
const SITE_URL = requireEnv('SITE_URL');

export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/auth/signed-out';
const SESSION = 'wego-session';
const SIGN_IN = 'wego-sign-in';

/** Cognito's managed login speaks these of the site's languages (Russian and Arabic fall back to English). */
const LOGIN_LANGUAGES: Partial<Record<Language, string>> = {
  en: 'en',
  ko: 'ko',
  es: 'es',
  fr: 'fr',
  zh: 'zh-CN',
};

export interface Session {
  readonly token: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly expiresAt: Date;
}

const cookie = (name: string, value: string, maxAge: number, path = '/') =>
  `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;

/**
 * The signed-in person, from the session cookie, whose token is verified as the API verifies it
 * (issuer, audience, signature, expiry, a verified email): a forged or expired cookie is no session.
 */
export async function sessionOf(cookies: Readonly<Record<string, string>>): Promise<Session | undefined> {
  const token = cookies[SESSION];
  if (!token || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) return undefined;
  try {
    const caller = await verifiedCaller(token);
    if (!caller) return undefined;
    // Verified above, so its expiry can be read as it is.
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
    return { token, email: caller.email, roles: caller.roles, expiresAt: new Date(exp * 1000) };
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return undefined;
    throw error;
  }
}

/** Only a path of this site: never another origin, never a scheme-relative `//host`. */
const safeReturn = (path: string | null, lang: Language) =>
  path && /^\/(?!\/)[^\s\\]*$/.test(path) ? path : `/${lang}/`;

/** Where to send a visitor who must sign in: Cognito, with a PKCE challenge and a state kept in a cookie. */
export function signInRedirect(lang: Language, returnTo: string | null) {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(`${SIGN_IN_URL}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: `${SITE_URL}${CALLBACK_PATH}`,
    scope: 'openid email',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(LOGIN_LANGUAGES[lang] ? { lang: LOGIN_LANGUAGES[lang] } : {}),
  }).toString();
  const pending = Buffer.from(JSON.stringify({ state, verifier, to: safeReturn(returnTo, lang) })).toString(
    'base64url',
  );
  return { location: url.toString(), cookie: cookie(SIGN_IN, pending, 600, '/auth') };
}

/**
 * The callback: the state must be the one this browser started with; the code and the verifier buy
 * the tokens. Returns where to go and the session cookie, or undefined when the sign-in is not valid.
 */
export async function completeSignIn(
  query: URLSearchParams,
  cookies: Readonly<Record<string, string>>,
): Promise<{ location: string; cookies: string[] } | undefined> {
  let pending: { state?: string; verifier?: string; to?: string };
  try {
    pending = JSON.parse(Buffer.from(cookies[SIGN_IN] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const code = query.get('code');
  if (!code || !pending.state || pending.state !== query.get('state') || !pending.verifier) return undefined;
  const answer = await fetch(`${SIGN_IN_URL}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: `${SITE_URL}${CALLBACK_PATH}`,
      code_verifier: pending.verifier,
    }),
    signal: AbortSignal.timeout(5000),
  });
  if (!answer.ok) return undefined;
  const tokens = (await answer.json()) as { id_token?: string; expires_in?: number };
  if (!tokens.id_token) return undefined;
  return {
    location: pending.to ?? '/',
    cookies: [cookie(SESSION, tokens.id_token, tokens.expires_in ?? 3600), cookie(SIGN_IN, '', 0, '/auth')],
  };
}

/** Signing out: the session cookie goes, then Cognito ends its own session and sends the visitor back. */
export function signOut() {
  const url = new URL(`${SIGN_IN_URL}/logout`);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    logout_uri: `${SITE_URL}${SIGNED_OUT_PATH}`,
  }).toString();
  return { location: url.toString(), cookie: cookie(SESSION, '', 0) };
}
