import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '../../functions/emails/html.ts';
import { isRegion, REGIONS, regionGroup } from '../../functions/shared/regions.ts';
import { ROLES } from '../../functions/shared/route.ts';
import { type LocalIssuer, signLocalToken } from './auth.ts';

/**
 * The local stand-in of Cognito's managed login (its OAuth 2.0 endpoints), under `/.local-cognito/` on
 * the local API: the authorize page asks for an email and roles instead of a password, then the
 * authorization code and PKCE flow completes as in AWS, with an ID token signed by the local key that
 * the local JWT authorizer accepts. The site reaches it through SIGN_IN_URL, which the local stack
 * points here as it points the SDK clients at their stand-ins.
 */
export const LOCAL_COGNITO_PATH = '/.local-cognito';

export interface LocalAppClient {
  readonly clientId: string;
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
}

interface Grant {
  readonly email: string;
  readonly roles: readonly string[];
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly expires: number;
}

/** Codes live a few minutes, as Cognito's do, and are single use. */
const CODE_LIFETIME_MS = 5 * 60_000;

export class LocalCognito {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly o: { keyFile: string; issuer: LocalIssuer; clients: readonly LocalAppClient[] },
  ) {}

  /** Answers a request under LOCAL_COGNITO_PATH; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    if (!url.pathname.startsWith(`${LOCAL_COGNITO_PATH}/`)) return false;
    const path = url.pathname.slice(LOCAL_COGNITO_PATH.length);
    if (path === '/oauth2/authorize' && req.method === 'GET')
      return this.authorizePage(res, url.searchParams);
    if (path === '/oauth2/authorize' && req.method === 'POST') {
      return this.authorize(res, new URLSearchParams(body.toString('utf8')));
    }
    if (path === '/oauth2/token' && req.method === 'POST') {
      return this.token(res, new URLSearchParams(body.toString('utf8')));
    }
    if (path === '/logout' && req.method === 'GET') return this.logout(res, url.searchParams);
    return false;
  }

  private client(params: URLSearchParams): LocalAppClient | undefined {
    return this.o.clients.find((c) => c.clientId === params.get('client_id'));
  }

  private authorizePage(res: ServerResponse, params: URLSearchParams): boolean {
    const problem = this.checkAuthorize(params);
    if (problem) return this.error(res, 400, problem);
    const keep = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope'];
    const hidden = keep
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? '')}">`)
      .join('');
    const roles = ROLES.map(
      (r) => `<label><input type="checkbox" name="role" value="${r}"> ${r}</label>`,
    ).join('<br>');
    // Region scopes, as the `region-<region>` groups of the user pool give them.
    const regions = REGIONS.map(
      (r) => `<label><input type="checkbox" name="region" value="${r}"> ${regionGroup(r)}</label>`,
    ).join('<br>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in (local Cognito stand-in)</title></head><body>
<main><h1>Sign in</h1><p>The local stand-in of Cognito's managed login: no password, choose who you are.</p>
<form method="post">${hidden}
<p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="email" required></p>
<fieldset><legend>Roles</legend>${roles}</fieldset>
<fieldset><legend>Region scope (regional office staff)</legend>${regions}</fieldset>
<p><button type="submit">Sign in</button></p></form></main></body></html>`);
    return true;
  }

  private checkAuthorize(params: URLSearchParams): string | undefined {
    const client = this.client(params);
    if (!client) return 'unknown client_id';
    if (params.get('response_type') !== null && params.get('response_type') !== 'code') {
      return 'response_type must be code';
    }
    if (!client.callbackUrls.includes(params.get('redirect_uri') ?? ''))
      return 'redirect_uri is not registered';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
      return 'PKCE with S256 is required';
    }
    return undefined;
  }

  private authorize(res: ServerResponse, form: URLSearchParams): boolean {
    const problem = this.checkAuthorize(form);
    if (problem) return this.error(res, 400, problem);
    const email = (form.get('email') ?? '').trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      return this.error(res, 400, 'an email address is required');
    const roles = [
      ...form.getAll('role').filter((r) => (ROLES as readonly string[]).includes(r)),
      ...form.getAll('region').filter(isRegion).map(regionGroup),
    ];
    const code = randomBytes(24).toString('base64url');
    const redirectUri = form.get('redirect_uri') as string;
    this.grants.set(code, {
      email,
      roles,
      clientId: form.get('client_id') as string,
      redirectUri,
      challenge: form.get('code_challenge') as string,
      expires: Date.now() + CODE_LIFETIME_MS,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    const state = form.get('state');
    if (state) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' });
    res.end();
    return true;
  }

  private async token(res: ServerResponse, form: URLSearchParams): Promise<boolean> {
    const code = form.get('code') ?? '';
    const grant = this.grants.get(code);
    this.grants.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !grant ||
      grant.expires < Date.now() ||
      grant.clientId !== form.get('client_id') ||
      grant.redirectUri !== form.get('redirect_uri') ||
      grant.challenge !== challenge
    ) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_grant' }));
      return true;
    }
    const who = { email: grant.email, groups: grant.roles };
    const [idToken, accessToken] = await Promise.all([
      signLocalToken(this.o.keyFile, this.o.issuer, who),
      signLocalToken(this.o.keyFile, this.o.issuer, {
        ...who,
        claims: { token_use: 'access', scope: 'openid email' },
      }),
    ]);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(
      JSON.stringify({
        id_token: idToken,
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
      }),
    );
    return true;
  }

  private logout(res: ServerResponse, params: URLSearchParams): boolean {
    const client = this.client(params);
    const target = params.get('logout_uri') ?? '';
    if (!client?.logoutUrls.includes(target)) return this.error(res, 400, 'logout_uri is not registered');
    res.writeHead(302, { location: target, 'cache-control': 'no-store' });
    res.end();
    return true;
  }

  private error(res: ServerResponse, status: number, message: string): boolean {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(message);
    return true;
  }
}
