import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { getCanonicalQuery } from '@smithy/signature-v4';
import s3rverModule from 's3rver';
// s3rver's account registry: signed requests reach s3rver only once checked here, under the local key.
import s3rverAccount from 's3rver/lib/models/account.js';

/**
 * The local stand-in for S3: `s3rver` (an npm package that speaks the S3 REST API and keeps objects in a
 * folder) behind a small gateway that enforces what s3rver does not and S3 does:
 * - every request but a browser's POST and a CORS preflight must be signed with Signature Version 4
 *   (header or presigned query), by the local credentials, within its time: s3rver serves anonymous
 *   requests and checks no V4 signature, where the buckets here block all public access;
 * - POST Object (a browser's form upload): the policy's signature, expiry and every condition (exact,
 *   starts-with, content-length-range, bucket, and no form field outside the policy), which s3rver
 *   ignores;
 * - the buckets' lifecycle expirations (s3rver has none).
 * Buckets, their CORS rules and lifecycle rules come from the template (TemplateReader.buckets()).
 */
export interface LocalCorsRule {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly exposedHeaders: readonly string[];
  readonly maxAge?: number;
}

export interface LocalBucket {
  readonly name: string;
  readonly cors: readonly LocalCorsRule[];
  /** Objects under `prefix` are deleted `days` after they were written. */
  readonly expirations: readonly { readonly prefix: string; readonly days: number }[];
}

export interface LocalS3Options {
  /** Where s3rver keeps the objects (the state folder: they survive a restart). */
  readonly directory: string;
  readonly buckets: readonly LocalBucket[];
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
  readonly onError: (message: string) => void;
  /** The clock of expiry checks (tests move it). */
  readonly now?: () => number;
}

/** S3's error answer: an HTTP status and an XML body with a code and a message. */
export class S3Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Refusal';
  }
}

const denied = (message: string) => new S3Refusal(403, 'AccessDenied', message);
const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** How far a header-signed request's time may be from the server's, as S3 allows. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The largest POST Object body read here (S3 takes 5 GB; nothing in this app posts more than 20 MB). */
const MAX_POST_BYTES = 64 * 1024 * 1024;
/** Form fields S3 leaves out of the policy check. */
const UNCHECKED_FIELDS = new Set(['policy', 'x-amz-signature', 'file']);

const hmac = (key: string | Uint8Array, data: string) =>
  createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const amzDate = (text: string) =>
  Date.parse(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

interface Credential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

function parseCredential(text: string | undefined | null): Credential {
  const [accessKeyId, date, region, service, terminator, ...rest] = (text ?? '').split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || rest.length > 0) {
    throw new S3Refusal(400, 'AuthorizationHeaderMalformed', 'The credential is malformed');
  }
  return { accessKeyId, date, region, service };
}

const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

interface ParsedForm {
  readonly fields: Map<string, { readonly name: string; readonly value: string }>;
  readonly file: { readonly size: number; readonly name: string } | undefined;
}

export class LocalS3 {
  private readonly backend: InstanceType<typeof s3rverModule>;
  private backendPort = 0;
  private server: Server | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly buckets: Map<string, LocalBucket>;

  constructor(private readonly o: LocalS3Options) {
    this.now = o.now ?? Date.now;
    this.buckets = new Map(o.buckets.map((b) => [b.name, b]));
    mkdirSync(o.directory, { recursive: true });
    // s3rver is CommonJS: Node hands its module.exports as the default import, Vite its `default`.
    const S3rver = (
      typeof s3rverModule === 'function'
        ? s3rverModule
        : (s3rverModule as { default: typeof s3rverModule }).default
    ) as typeof s3rverModule;
    // s3rver maps a signed request's access key to an account (it checks no V4 signature): the local one.
    s3rverAccount.DUMMY_ACCOUNT.createKeyPair(o.credentials.accessKeyId, o.credentials.secretAccessKey);
    this.backend = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: o.directory,
      configureBuckets: o.buckets.map((b) => ({
        name: b.name,
        configs: b.cors.length > 0 ? [corsXml(b.cors)] : [],
      })),
    });
  }

  async listen(port: number, host = '127.0.0.1'): Promise<void> {
    const address = (await this.backend.run()) as AddressInfo;
    this.backendPort = address.port;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        const refusal =
          error instanceof S3Refusal
            ? error
            : new S3Refusal(500, 'InternalError', 'We encountered an internal error');
        if (!(error instanceof S3Refusal)) this.o.onError(`local S3: ${error.message}`);
        // The request body may be unread: S3 closes such a connection after answering.
        if (!res.headersSent) this.refuse(req, res, refusal);
      });
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    // Lifecycle expirations: at start, then every hour (their unit is days).
    await this.expire().catch((error: Error) => this.o.onError(`local S3 lifecycle: ${error.message}`));
    this.sweep = setInterval(
      () =>
        void this.expire().catch((error: Error) => this.o.onError(`local S3 lifecycle: ${error.message}`)),
      60 * 60 * 1000,
    );
    this.sweep.unref();
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeIdleConnections();
      this.server.close(() => resolve());
    });
    await this.backend.close().catch(() => undefined);
  }

  /** Deletes what the buckets' lifecycle rules expire, as S3 does once a day. */
  async expire(): Promise<number> {
    const client = new S3Client({
      // s3rver itself: this is the bucket's own housekeeping, not a request to check.
      endpoint: `http://127.0.0.1:${this.backendPort}`,
      region: this.o.region,
      credentials: this.o.credentials,
      forcePathStyle: true,
    });
    let deleted = 0;
    for (const bucket of this.buckets.values()) {
      for (const rule of bucket.expirations) {
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket.name, Prefix: rule.prefix, ContinuationToken: token }),
          );
          for (const object of page.Contents ?? []) {
            const age = this.now() - (object.LastModified?.getTime() ?? this.now());
            if (object.Key && age >= rule.days * 24 * 60 * 60 * 1000) {
              await client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: object.Key }));
              deleted++;
            }
          }
          token = page.NextContinuationToken;
        } while (token);
      }
    }
    client.destroy();
    return deleted;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    // The path as sent: a URL parser would resolve `..` segments that S3 keeps as part of the key.
    const [rawPath = '/', rawQuery] = rawUrl.split('?', 2);
    const [bucket = '', ...keyParts] = rawPath.slice(1).split('/');
    // A CORS preflight carries no credentials: s3rver answers it from the bucket's CORS rules.
    if (req.method === 'OPTIONS') return this.forward(req, res);
    let key: string;
    try {
      key = decodeURIComponent(keyParts.join('/'));
    } catch {
      throw new S3Refusal(400, 'InvalidURI', "Couldn't parse the specified URI");
    }
    // s3rver keeps each key as a file path: a key that climbs out of its folder is refused here.
    if (
      key.split('/').some((part) => part === '..' || part === '.') ||
      key.includes('\\') ||
      key.includes('\0')
    ) {
      throw new S3Refusal(
        400,
        'InvalidArgument',
        'This stand-in does not store keys with .. segments or backslashes',
      );
    }
    const contentType = req.headers['content-type'] ?? '';
    if (
      req.method === 'POST' &&
      keyParts.length === 0 &&
      !rawQuery &&
      contentType.startsWith('multipart/form-data')
    ) {
      return this.postObject(req, res, bucket);
    }
    this.verifySignature(req, rawUrl);
    return this.forward(req, res);
  }

  /** Signature Version 4, by header or presigned query: a request without one is anonymous, and refused. */
  private verifySignature(req: IncomingMessage, rawUrl: string): void {
    const [path = '/', rawQuery = ''] = rawUrl.split('?', 2) as [string, string?];
    const params = new URLSearchParams(rawQuery);
    const authorization = req.headers.authorization;
    const byQuery = params.has('X-Amz-Signature');
    if (!authorization && !byQuery) {
      throw denied('Anonymous access is blocked (BlockPublicAccess): sign the request or presign a URL');
    }
    let credential: Credential;
    let signedHeaders: string[];
    let provided: string;
    let date: string;
    let payloadHash: string;
    if (authorization) {
      const match =
        /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
          authorization,
        );
      if (!match)
        throw new S3Refusal(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
      credential = parseCredential(match[1]);
      signedHeaders = (match[2] as string).split(';');
      provided = match[3] as string;
      date = String(req.headers['x-amz-date'] ?? '');
      payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
      if (!payloadHash)
        throw new S3Refusal(400, 'InvalidRequest', 'Missing required header: x-amz-content-sha256');
      const at = amzDate(date);
      if (Number.isNaN(at) || Math.abs(this.now() - at) > MAX_SKEW_MS) {
        throw new S3Refusal(
          403,
          'RequestTimeTooSkewed',
          'The difference between the request time and now is too large',
        );
      }
    } else {
      if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
        throw new S3Refusal(
          400,
          'AuthorizationQueryParametersError',
          'X-Amz-Algorithm must be AWS4-HMAC-SHA256',
        );
      }
      credential = parseCredential(params.get('X-Amz-Credential'));
      signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';');
      provided = params.get('X-Amz-Signature') ?? '';
      date = params.get('X-Amz-Date') ?? '';
      payloadHash = params.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
      const expires = Number(params.get('X-Amz-Expires'));
      const at = amzDate(date);
      if (!Number.isInteger(expires) || expires < 1 || expires > 604_800 || Number.isNaN(at)) {
        throw new S3Refusal(
          400,
          'AuthorizationQueryParametersError',
          'X-Amz-Date or X-Amz-Expires is malformed',
        );
      }
      if (this.now() > at + expires * 1000) throw denied('Request has expired');
    }
    const secret = this.secretOf(credential);
    if (!date.startsWith(credential.date)) {
      throw new S3Refusal(400, 'AuthorizationHeaderMalformed', 'The credential date is not the request date');
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of params) {
      const existing = query[k];
      query[k] = existing === undefined ? v : [...(Array.isArray(existing) ? existing : [existing]), v];
    }
    const canonicalHeaders = signedHeaders
      .map((name) => {
        const value = req.headers[name];
        const text = Array.isArray(value) ? value.join(',') : (value ?? '');
        return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
      })
      .join('');
    const canonicalRequest = [
      req.method,
      path,
      getCanonicalQuery({ query } as Parameters<typeof getCanonicalQuery>[0]),
      canonicalHeaders,
      signedHeaders.join(';'),
      payloadHash,
    ].join('\n');
    const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n');
    const expected = hmac(signingKey(secret, credential), stringToSign).toString('hex');
    if (!sameHex(expected, provided)) {
      throw new S3Refusal(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided',
      );
    }
  }

  private secretOf(credential: Credential): string {
    if (credential.accessKeyId !== this.o.credentials.accessKeyId) {
      throw new S3Refusal(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records',
      );
    }
    return this.o.credentials.secretAccessKey;
  }

  /** POST Object: a browser's form upload, checked against its policy as S3 checks it, then stored by s3rver. */
  private async postObject(req: IncomingMessage, res: ServerResponse, bucket: string): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_POST_BYTES) {
        throw new S3Refusal(
          400,
          'MaxPostPreDataLengthExceeded',
          `This stand-in takes POST bodies of at most ${MAX_POST_BYTES} bytes`,
        );
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const form = await parseForm(body, String(req.headers['content-type']));
    this.checkPolicy(bucket, form);
    await this.forward(req, res, body);
  }

  private checkPolicy(bucket: string, form: ParsedForm): void {
    const field = (name: string) => form.fields.get(name.toLowerCase())?.value;
    const policyText = field('policy');
    const signature = field('x-amz-signature');
    if (!policyText || !signature)
      throw denied('Anonymous uploads are blocked: the form needs a policy and its signature');
    if (field('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
      throw new S3Refusal(400, 'InvalidArgument', 'x-amz-algorithm must be AWS4-HMAC-SHA256');
    }
    const credential = parseCredential(field('x-amz-credential'));
    const secret = this.secretOf(credential);
    const expected = hmac(signingKey(secret, credential), policyText).toString('hex');
    if (!sameHex(expected, signature)) {
      throw new S3Refusal(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided',
      );
    }
    let policy: { expiration?: unknown; conditions?: unknown };
    try {
      policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8'));
    } catch {
      throw new S3Refusal(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON');
    }
    const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : Number.NaN;
    if (Number.isNaN(expiration) || !Array.isArray(policy.conditions)) {
      throw new S3Refusal(
        400,
        'InvalidPolicyDocument',
        'Invalid Policy: it needs an expiration and conditions',
      );
    }
    if (this.now() > expiration) throw denied('Invalid according to Policy: Policy expired.');
    if (!form.file)
      throw new S3Refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');

    const formValue = (name: string) => (name.toLowerCase() === 'bucket' ? bucket : (field(name) ?? ''));
    const covered = new Set<string>();
    for (const condition of policy.conditions as unknown[]) {
      const failed = () =>
        denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
      if (Array.isArray(condition)) {
        const [op, target, value] = condition as [unknown, unknown, unknown];
        if (op === 'content-length-range') {
          const [min, max] = [Number(target), Number(value)];
          if (form.file.size > max) {
            throw new S3Refusal(
              400,
              'EntityTooLarge',
              `Your proposed upload exceeds the maximum allowed size (${max} bytes)`,
            );
          }
          if (form.file.size < min) {
            throw new S3Refusal(
              400,
              'EntityTooSmall',
              `Your proposed upload is smaller than the minimum allowed size (${min} bytes)`,
            );
          }
          continue;
        }
        if ((op !== 'eq' && op !== 'starts-with') || typeof target !== 'string' || !target.startsWith('$')) {
          throw new S3Refusal(
            400,
            'InvalidPolicyDocument',
            `Invalid Policy: Invalid condition ${JSON.stringify(condition)}`,
          );
        }
        const name = target.slice(1).toLowerCase();
        covered.add(name);
        const actual = formValue(name);
        if (op === 'eq' ? actual !== String(value) : !actual.startsWith(String(value))) throw failed();
      } else if (condition && typeof condition === 'object') {
        for (const [name, value] of Object.entries(condition)) {
          covered.add(name.toLowerCase());
          if (formValue(name) !== String(value)) throw failed();
        }
      } else {
        throw new S3Refusal(
          400,
          'InvalidPolicyDocument',
          `Invalid Policy: Invalid condition ${JSON.stringify(condition)}`,
        );
      }
    }
    for (const { name } of form.fields.values()) {
      const lower = name.toLowerCase();
      if (UNCHECKED_FIELDS.has(lower) || lower.startsWith('x-ignore-') || covered.has(lower)) continue;
      throw denied(`Invalid according to Policy: Extra input fields: ${name}`);
    }
  }

  /** Hands the request to s3rver as it came (Host included, so s3rver's Location names this server). */
  private forward(req: IncomingMessage, res: ServerResponse, body?: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: this.backendPort,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once('end', resolve);
          answer.once('error', reject);
        },
      );
      upstream.once('error', reject);
      if (body) upstream.end(body);
      else req.pipe(upstream);
    });
  }

  /** S3's XML error, with the CORS headers a matching rule allows (a script may read why). */
  private refuse(req: IncomingMessage, res: ServerResponse, refusal: S3Refusal): void {
    const headers: Record<string, string> = { 'content-type': 'application/xml', connection: 'close' };
    const origin = req.headers.origin;
    const bucket = this.buckets.get(new URL(req.url ?? '/', 'http://local').pathname.split('/')[1] ?? '');
    const rule = origin
      ? bucket?.cors.find(
          (r) =>
            (r.allowedOrigins.includes(origin) || r.allowedOrigins.includes('*')) &&
            r.allowedMethods.includes(req.method ?? ''),
        )
      : undefined;
    if (origin && rule) {
      headers['access-control-allow-origin'] = origin;
      headers.vary = 'Origin';
      if (rule.exposedHeaders.length > 0)
        headers['access-control-expose-headers'] = rule.exposedHeaders.join(', ');
    }
    res.writeHead(refusal.status, headers);
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${xmlEscape(refusal.message)}</Message><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`,
    );
  }
}

function signingKey(secret: string, c: Credential): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, c.date), c.region), c.service), 'aws4_request');
}

/** The form's fields before the file (S3 ignores what follows it) and the file's size. */
async function parseForm(body: Buffer, contentType: string): Promise<ParsedForm> {
  let data: FormData;
  try {
    data = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new S3Refusal(
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data',
    );
  }
  const fields = new Map<string, { name: string; value: string }>();
  for (const [name, value] of data) {
    if (name.toLowerCase() === 'file') {
      const file = typeof value === 'string' ? new Blob([value]) : value;
      return { fields, file: { size: file.size, name: typeof value === 'string' ? '' : value.name } };
    }
    if (typeof value === 'string') fields.set(name.toLowerCase(), { name, value });
  }
  return { fields, file: undefined };
}

function corsXml(rules: readonly LocalCorsRule[]): string {
  const tag = (name: string, values: readonly string[]) =>
    values.map((v) => `<${name}>${xmlEscape(v)}</${name}>`).join('');
  return `<CORSConfiguration>${rules
    .map(
      (r) =>
        `<CORSRule>${tag('AllowedOrigin', r.allowedOrigins)}${tag('AllowedMethod', r.allowedMethods)}${tag('AllowedHeader', r.allowedHeaders)}${tag('ExposeHeader', r.exposedHeaders)}${r.maxAge !== undefined ? `<MaxAgeSeconds>${r.maxAge}</MaxAgeSeconds>` : ''}</CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;
}
