import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { type Jwks, LOCAL_JWKS_PATH } from './auth.ts';
import type { LocalCors, LocalRoute } from './template.ts';

/** API Gateway's own answers, which never reach a function. */
const GATEWAY = {
  notFound: [404, { message: 'Not Found' }],
  unauthorized: [401, { message: 'Unauthorized' }],
  tooLarge: [413, { message: 'Request Entity Too Large' }],
  internal: [500, { message: 'Internal Server Error' }],
} as const;

/** HTTP API payloads are limited to 10 MB; functions set their own, smaller limits. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES =
  /^(text\/|application\/(json|problem\+json|xml|x-www-form-urlencoded|javascript))|\+json|\+xml/i;

interface CompiledRoute extends LocalRoute {
  readonly segments: readonly string[];
  readonly staticCount: number;
}

export interface LocalHttpApiOptions {
  readonly routes: readonly LocalRoute[];
  readonly cors: LocalCors | undefined;
  readonly invoke: (functionId: string, event: unknown) => Promise<unknown>;
  readonly verify: (
    token: string,
    expected: { issuer: string; audience: readonly string[] },
  ) => Promise<JWTPayload>;
  readonly onError: (message: string) => void;
  /** The local Cognito stand-in's public keys, served at LOCAL_JWKS_PATH (not an API route). */
  readonly jwks?: Jwks;
  /** Other stand-ins sharing this server (Cognito's sign-in endpoints): true when they answered. */
  readonly standIns?: (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => Promise<boolean>;
}

/**
 * The local stand-in for an API Gateway HTTP API: the template's routes with its path matching, the
 * JWT authorizer on non-public routes, payload format 2.0 events, and Lambda proxy responses. It also
 * serves the local Cognito stand-in's JWKS at LOCAL_JWKS_PATH.
 */
export class LocalHttpApi {
  private readonly routes: CompiledRoute[];
  private server: Server | undefined;
  /** Responses not sent yet, which close() waits for. */
  private readonly unanswered = new Set<Promise<void>>();

  constructor(private readonly options: LocalHttpApiOptions) {
    this.routes = options.routes.map((r) => {
      const segments = r.path.split('/').filter(Boolean);
      return { ...r, segments, staticCount: segments.filter((s) => !s.startsWith('{')).length };
    });
  }

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    this.server = createServer((req, res) => {
      const answered = new Promise<void>((resolve) => res.once('close', resolve));
      this.unanswered.add(answered);
      void answered.then(() => this.unanswered.delete(answered));
      this.handle(req, res).catch((error: Error) => {
        this.options.onError(`local API: ${error.message}`);
        if (!res.headersSent) send(res, ...GATEWAY.internal);
      });
    });
    const server = this.server;
    // Longer than any client's idle keep-alive (undici's is 4 s): a client never reuses a connection
    // the server has just closed (which would fail its request with "other side closed").
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  }

  /**
   * Takes no new connections, lets the requests in flight get their answers (their functions finish
   * their writes), then closes the kept-alive connections.
   */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    while (this.unanswered.size > 0) await Promise.all(this.unanswered);
    server.closeAllConnections();
    await closed;
  }

  /** The most specific route wins: more literal segments first, as API Gateway does. */
  match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
    const parts = path.split('/').filter(Boolean);
    const candidates = this.routes
      .filter((r) => r.method === method || r.method === 'ANY')
      .map((route) => ({ route, params: matchSegments(route.segments, parts) }))
      .filter((c): c is { route: CompiledRoute; params: Record<string, string> } => c.params !== undefined)
      .sort((a, b) => b.route.staticCount - a.route.staticCount);
    return candidates[0];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const cors = this.options.cors;
    if (method === 'OPTIONS' && cors && origin && req.headers['access-control-request-method']) {
      preflight(res, cors, origin);
      return;
    }
    const body = await readBody(req);
    if (body === undefined) return send(res, ...GATEWAY.tooLarge);
    // Cognito's JWKS endpoint lives on another host in AWS; locally it shares this server.
    if (this.options.jwks && method === 'GET' && url.pathname === LOCAL_JWKS_PATH) {
      return send(res, 200, this.options.jwks);
    }
    if (this.options.standIns && (await this.options.standIns(req, res, url, body))) return;

    let hit: ReturnType<LocalHttpApi['match']>;
    try {
      hit = this.match(method, url.pathname);
    } catch {
      return send(res, 400, { message: 'Bad Request' }); // a malformed %-escape in the path
    }
    if (!hit) return send(res, ...GATEWAY.notFound);
    const { route, params } = hit;

    let claims: Record<string, string> | undefined;
    if (route.jwt) {
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return send(res, ...GATEWAY.unauthorized);
      try {
        claims = flattenClaims(await this.options.verify(token, route.jwt));
      } catch {
        return send(res, ...GATEWAY.unauthorized);
      }
    }

    const event = toEvent(req, url, method, route, params, body, claims);
    let result: unknown;
    try {
      result = await this.options.invoke(route.functionId, event);
    } catch (error) {
      this.options.onError(`${route.method} ${route.path}: ${(error as Error).message}`);
      return send(res, ...GATEWAY.internal);
    }
    writeProxyResult(res, result, cors, origin);
  }
}

function matchSegments(
  route: readonly string[],
  path: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.length; i++) {
    const seg = route[i] as string;
    if (seg.endsWith('+}')) {
      if (i >= path.length) return undefined;
      params[seg.slice(1, -2)] = path.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const part = path[i];
    if (part === undefined) return undefined;
    if (seg.startsWith('{')) params[seg.slice(1, -1)] = decodeURIComponent(part);
    else if (seg !== part) return undefined;
  }
  return route.length === path.length ? params : undefined;
}

/** HTTP API hands claims to Lambda as strings; arrays become "[a b]". */
function flattenClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

/**
 * The body, or undefined when it is over the limit. An oversized body is still read to its end and
 * dropped: leaving it unread would reset the connection, so the 413 or the next keep-alive request
 * would be lost.
 */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  route: LocalRoute,
  params: Record<string, string>,
  body: Buffer,
  claims: Record<string, string> | undefined,
) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined && k !== 'cookie') headers[k] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function writeProxyResult(
  res: ServerResponse,
  result: unknown,
  cors: LocalCors | undefined,
  origin: string | undefined,
) {
  const corsHeaders =
    cors && origin && allowsOrigin(cors, origin) ? { 'access-control-allow-origin': origin } : {};
  // Payload 2.0: an object with statusCode is a full response; anything else is a JSON 200.
  if (result && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: number;
      headers?: Record<string, string>;
      body?: string;
      isBase64Encoded?: boolean;
      cookies?: string[];
    };
    res.writeHead(r.statusCode, {
      ...r.headers,
      ...corsHeaders,
      ...(r.cookies ? { 'set-cookie': r.cookies } : {}),
    });
    res.end(r.body === undefined ? undefined : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8'));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', ...corsHeaders });
  res.end(typeof result === 'string' ? result : JSON.stringify(result));
}

function allowsOrigin(cors: LocalCors, origin: string): boolean {
  return cors.allowOrigins.includes(origin) || cors.allowOrigins.includes('*');
}

function preflight(res: ServerResponse, cors: LocalCors, origin: string) {
  if (!allowsOrigin(cors, origin)) {
    res.writeHead(204);
    return res.end();
  }
  res.writeHead(204, {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': cors.allowMethods.join(','),
    'access-control-allow-headers': cors.allowHeaders.join(','),
    ...(cors.maxAge ? { 'access-control-max-age': String(cors.maxAge) } : {}),
  });
  res.end();
}

function send(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
