import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * The local stand-in for the site's CloudFront distribution, built from the template: the cache
 * behaviours in CloudFront's order (path patterns, then the default), their viewer-request CloudFront
 * Functions (the template's own code, run in a VM), their origins (an S3 bucket filled by
 * BucketDeployment resources: the built asset folders in cdk.out; the HTTP API, with the origin path),
 * and the response headers policy. Nothing is cached locally.
 */
export interface LocalBehavior {
  /** Undefined for the default behaviour. */
  readonly pathPattern?: string;
  readonly origin: LocalOrigin;
  /** Code of the viewer-request CloudFront Function, if any. */
  readonly viewerRequest?: string;
  readonly headers?: LocalHeadersPolicy;
}

export type LocalOrigin =
  | { readonly kind: 'bucket'; readonly files: readonly { readonly prefix: string; readonly dir: string }[] }
  | { readonly kind: 'api'; readonly originPath: string };

export interface LocalHeadersPolicy {
  readonly headers: readonly { readonly name: string; readonly value: string; readonly override: boolean }[];
}

export interface LocalDistribution {
  readonly behaviors: readonly LocalBehavior[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** CloudFront's path patterns: `*` any characters (slashes included), `?` one; case-sensitive. */
export function matchesPattern(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('')}$`,
  );
  return regex.test(path);
}

/** The behaviour CloudFront picks: the first pattern that matches, else the default. */
export function behaviorFor(distribution: LocalDistribution, path: string): LocalBehavior {
  const patterned = distribution.behaviors.filter((b) => b.pathPattern !== undefined);
  const fallback = distribution.behaviors.find((b) => b.pathPattern === undefined);
  const hit = patterned.find((b) => matchesPattern(b.pathPattern as string, path)) ?? fallback;
  if (!hit) throw new Error('The distribution has no default behaviour');
  return hit;
}

interface FunctionRequest {
  uri: string;
  method: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
}

/** Each function's code, compiled once. */
const scripts = new Map<string, Script>();

/**
 * How long the function's code may run, in wall-clock time. CloudFront limits a function's compute,
 * not its wall clock; on a busy machine the wall clock runs far ahead of the compute, so this only
 * stops code that never ends.
 */
const FUNCTION_TIMEOUT_MS = 1000;

/** Runs a CloudFront Function's viewer-request handler: a request to go on with, or a response. */
async function viewerRequest(
  code: string,
  request: FunctionRequest,
): Promise<FunctionRequest | { statusCode: number; headers?: Record<string, { value: string }> }> {
  let script = scripts.get(code);
  if (!script) {
    script = new Script(`${code}\nthis.handler = handler;`);
    scripts.set(code, script);
  }
  const sandbox: { handler?: (event: unknown) => unknown } = {};
  script.runInNewContext(sandbox, { timeout: FUNCTION_TIMEOUT_MS });
  if (!sandbox.handler) throw new Error('The CloudFront Function has no handler');
  const result = (await sandbox.handler({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    request,
  })) as FunctionRequest | { statusCode: number };
  return result;
}

export interface LocalCloudFrontOptions {
  readonly distribution: LocalDistribution;
  /** Where the local API listens: API Gateway origins go there. */
  readonly apiUrl: string;
  readonly onError: (message: string) => void;
}

export class LocalCloudFront {
  private server: Server | undefined;

  constructor(private readonly o: LocalCloudFrontOptions) {}

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.o.onError(`local CloudFront: ${error.message}`);
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end('Bad gateway');
        }
      });
    });
    const server = this.server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeIdleConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const behavior = behaviorFor(this.o.distribution, url.pathname);
    let uri = url.pathname;
    if (behavior.viewerRequest) {
      const result = await viewerRequest(behavior.viewerRequest, {
        uri,
        method: req.method ?? 'GET',
        querystring: Object.fromEntries([...url.searchParams].map(([k, v]) => [k, { value: v }])),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [
            k,
            { value: Array.isArray(v) ? v.join(',') : String(v) },
          ]),
        ),
      });
      if ('statusCode' in result) {
        const headers = Object.fromEntries(
          Object.entries(result.headers ?? {}).map(([k, v]) => [k, v.value]),
        );
        this.send(res, behavior, result.statusCode, headers);
        return;
      }
      uri = result.uri;
    }
    if (behavior.origin.kind === 'bucket') return this.fromBucket(res, behavior, behavior.origin, uri);
    return this.fromApi(req, res, behavior, behavior.origin.originPath + uri + url.search);
  }

  private fromBucket(
    res: ServerResponse,
    behavior: LocalBehavior,
    origin: Extract<LocalOrigin, { kind: 'bucket' }>,
    uri: string,
  ): void {
    const key = decodeURIComponent(uri.replace(/^\//, ''));
    for (const { prefix, dir } of origin.files) {
      if (!key.startsWith(prefix)) continue;
      const file = normalize(join(dir, key.slice(prefix.length)));
      if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) continue;
      this.send(
        res,
        behavior,
        200,
        {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'public, max-age=31536000, immutable',
        },
        readFileSync(file),
      );
      return;
    }
    // S3 answers a missing key of a private bucket with 403 AccessDenied.
    this.send(
      res,
      behavior,
      403,
      { 'content-type': 'application/xml' },
      '<Error><Code>AccessDenied</Code></Error>',
    );
  }

  private async fromApi(req: IncomingMessage, res: ServerResponse, behavior: LocalBehavior, path: string) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      // CloudFront forwards the viewer's headers but Host (the origin request policy).
      if (v === undefined || k === 'host' || k === 'connection' || k === 'content-length') continue;
      headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const answer = await fetch(`${this.o.apiUrl}${path}`, {
      method: req.method,
      headers,
      redirect: 'manual',
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const out: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
        out[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    this.send(res, behavior, answer.status, out, Buffer.from(await answer.arrayBuffer()));
  }

  private send(
    res: ServerResponse,
    behavior: LocalBehavior,
    status: number,
    headers: Record<string, string | string[]>,
    body?: Buffer | string,
  ): void {
    const out = { ...headers };
    for (const h of behavior.headers?.headers ?? []) {
      if (h.override || !(h.name.toLowerCase() in out)) out[h.name.toLowerCase()] = h.value;
    }
    res.writeHead(status, out);
    res.end(body);
  }
}
