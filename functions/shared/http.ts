import { createHash } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { bodyTypeOf, isEmptyBody, malformedText, parseContentType, readRequestBody } from './body.ts';
import { authorize, type Caller, callerFromClaims } from './caller.ts';
import type { idempotent } from './idempotency.ts';
import { logger, withLambdaContext } from './logger.ts';
import type { ReceivedFile } from './multipart.ts';
import { badRequest, type FieldError, HttpError } from './problem.ts';
import { MAX_BODY_BYTES, MAX_MULTIPART_BYTES, type RouteSpec } from './route.ts';
import * as z from './zod.ts';

/** Any zod 4 schema, zod/mini (the functions' own) or classic. */
type ZodType = z.core.$ZodType;

/** The event as the HTTP API sends it (payload 2.0); `authorizer` is absent on public routes. */
export type HttpEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext' | 'body'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
  };
  body?: unknown;
};

export interface HttpResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  /** The body is base64 of bytes (e.g. gzip); API Gateway decodes it. */
  isBase64Encoded?: boolean;
}

export interface HttpRequest<B, Q, P, C extends Caller | undefined = Caller | undefined> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  /** Role routes always have a caller (the chain refused the request otherwise); public routes may not. */
  readonly caller: C;
  /** The files of a multipart/form-data body (routes whose `bodyTypes` take `multipart`); none otherwise. */
  readonly files: readonly ReceivedFile[];
  readonly event: HttpEvent;
}

export interface HandlerOptions {
  /** Routes with `errorFormat` (Open311): renders every error instead of problem+json. */
  errorResponse?: (error: HttpError, event: HttpEvent) => HttpResponse;
  /**
   * `idempotent` routes: the store of Idempotency-Key records, `idempotent` of shared/idempotency.ts.
   * The function that serves such a route imports it; the others carry none of it. (A dynamic import
   * here kept it out of the others' cold start, but made esbuild wrap the DynamoDB client's modules
   * for lazy evaluation, which defeats tree shaking: +50 KB in every function.)
   */
  idempotency?: typeof idempotent;
}

/** What a part of the request is once its schema has parsed it; `undefined` when the route takes none. */
type Parsed<S> = S extends ZodType ? z.output<S> : undefined;
type RequestOf<R extends RouteSpec> = R['request'] extends infer Q
  ? HttpRequest<
      Q extends { body: infer S }
        ? Q extends { bodyOptional: true }
          ? Parsed<S> | undefined
          : Parsed<S>
        : undefined,
      Q extends { query: infer S } ? Parsed<S> : undefined,
      Q extends { params: infer S } ? Parsed<S> : undefined,
      R['access'] extends 'public' ? Caller | undefined : Caller
    >
  : never;

export { MAX_BODY_BYTES };

/** A request header by its lower-case name (API Gateway lower-cases them; tests and tools may not). */
export function headerOf(event: Pick<HttpEvent, 'headers'>, name: string): string | undefined {
  const hit = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return hit?.[1];
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
  body: JSON.stringify(body),
});

export function problemResponse(error: HttpError): HttpResponse {
  return {
    statusCode: error.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...SECURITY_HEADERS },
    body: JSON.stringify(error.toProblem()),
  };
}

export function zodFieldErrors(error: z.core.$ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)];
    // zod reports unknown keys on their parent object; point at each key instead.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: `unknown field "${key}"` }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** Query strings and path parameters are absent when empty; a body is never defaulted. */
function parseWith(schema: ZodType | undefined, value: unknown, where: 'body' | 'query' | 'path'): unknown {
  if (!schema) return undefined;
  const result = z.safeParse(schema, where === 'body' ? value : (value ?? {}));
  if (!result.success) throw badRequest(`The ${where} is not valid`, zodFieldErrors(result.error, where));
  return result.data;
}

/** Maps anything thrown to problem+json; only HttpError shows its text. */
function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as { message?: string; name?: string };
  logger.error('Unhandled error', { errorName: e?.name ?? 'unknown', errorMessage: e?.message });
  return new HttpError(500, 'Something went wrong on our side; it has been logged');
}

/** Bodies are small, but for photos in multipart/form-data where the route takes them. */
const sizeLimit = (route: RouteSpec): middy.MiddlewareObj<HttpEvent> => ({
  before: ({ event }) => {
    const raw = typeof event.body === 'string' ? event.body : '';
    const size = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw);
    const type = parseContentType(headerOf(event, 'content-type'))?.type;
    const multipart =
      type !== undefined &&
      bodyTypeOf(type) === 'multipart' &&
      route.request?.bodyTypes?.includes('multipart');
    const limit = multipart ? MAX_MULTIPART_BYTES : MAX_BODY_BYTES;
    if (size > limit) throw new HttpError(413, `The body exceeds ${limit} bytes`);
  },
});

/**
 * Builds an HTTP Lambda handler from its route: size and content-type checks, JSON or form parsing,
 * validation of body, query and path with the route's zod schemas (`route.request`), the route's role
 * check, idempotency for `idempotent` routes (with `options.idempotency`), and problem+json errors (or
 * `options.errorResponse`).
 */
export function httpHandler<R extends RouteSpec>(
  route: R,
  fn: (request: RequestOf<R>) => Promise<HttpResponse>,
  options: HandlerOptions = {},
) {
  if ((route.errorFormat !== undefined) !== (options.errorResponse !== undefined)) {
    throw new Error(`${route.name}: errorFormat in the route and errorResponse in the handler go together`);
  }
  if ((route.idempotent !== undefined) !== (options.idempotency !== undefined)) {
    throw new Error(`${route.name}: idempotent in the route and idempotency in the handler go together`);
  }
  const { idempotency } = options;
  const schemas = route.request ?? {};
  const parsed = new WeakMap<HttpEvent, RequestOf<R>>();
  const chain = middy<HttpEvent, HttpResponse, Error, Context>()
    // Every log line of the invocation carries its request id.
    .use(withLambdaContext())
    .use({
      onError: (request) => {
        const error = toHttpError(request.error);
        request.response = options.errorResponse
          ? options.errorResponse(error, request.event)
          : problemResponse(error);
      },
    })
    .use(sizeLimit(route))
    // Who may call comes before what they sent: a wrong role is 403 whatever the body.
    .use({
      before: ({ event }) => {
        authorize(route, callerFromClaims(event.requestContext.authorizer?.jwt?.claims));
      },
    });
  chain.use({
    before: async ({ event }) => {
      // An optional body may be left out; otherwise bytes, media type, charset and text are checked.
      const { body, files } =
        schemas.body && !(schemas.bodyOptional && isEmptyBody(event.body))
          ? await readRequestBody(event, headerOf(event, 'content-type'), schemas.bodyTypes ?? ['json'])
          : { body: undefined, files: undefined };
      const text = [
        ...malformedText(event.queryStringParameters ?? {}, 'query', true),
        ...malformedText(event.pathParameters ?? {}, 'path', true),
      ];
      if (text.length > 0) throw badRequest('Some text is not well-formed Unicode', text);
      parsed.set(event, {
        body: body === undefined ? undefined : parseWith(schemas.body, body, 'body'),
        query: parseWith(schemas.query, event.queryStringParameters, 'query'),
        params: parseWith(schemas.params, event.pathParameters, 'path'),
        caller: callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
        files: files ?? [],
        event,
      } as RequestOf<R>);
    },
  });
  const handler = chain.handler(async (event, context) => {
    const request = parsed.get(event);
    if (!request) throw new Error('request was not parsed');
    // Only valid, authorized requests reach the idempotency store.
    if (!idempotency) return fn(request);
    return idempotency(
      {
        route: route.name,
        key: headerOf(event, 'idempotency-key'),
        caller: request.caller?.email ?? '',
        // A retry with other files is another request: their digests are part of what is compared.
        payload: [
          event.rawPath,
          request.body ?? null,
          ...request.files.map((f) => createHash('sha256').update(f.bytes).digest('hex')),
        ],
        remainingMs: context.getRemainingTimeInMillis(),
      },
      () => fn(request),
    );
  });
  return Object.assign(handler, { route });
}
