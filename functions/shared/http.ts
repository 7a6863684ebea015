import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type * as z from 'zod';

type ZodType = z.ZodType;

import { authorize, type Caller, callerFromClaims } from './caller.ts';
import { logger } from './logger.ts';
import { badRequest, type FieldError, HttpError, titleFor } from './problem.ts';
import { type BodyType, MAX_BODY_BYTES, type RouteSpec } from './route.ts';

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

export interface HttpRequest<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly caller: Caller | undefined;
  readonly event: HttpEvent;
}

export interface HandlerOptions {
  /** Routes with `errorFormat` (Open311): renders every error instead of problem+json. */
  errorResponse?: (error: HttpError, event: HttpEvent) => HttpResponse;
  /**
   * `idempotent` routes: the middleware from shared/idempotency.ts. Passed in by those handlers only, so
   * the others do not bundle the idempotency store and its DynamoDB client.
   */
  idempotency?: middy.MiddlewareObj<HttpEvent>;
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
      Q extends { params: infer S } ? Parsed<S> : undefined
    >
  : never;

export { MAX_BODY_BYTES };

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

export function zodFieldErrors(error: z.ZodError, prefix: string): FieldError[] {
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
  const result = schema.safeParse(where === 'body' ? value : (value ?? {}));
  if (!result.success) throw badRequest(`The ${where} is not valid`, zodFieldErrors(result.error, where));
  return result.data;
}

/** Maps anything thrown to problem+json; only HttpError and middy's own HTTP errors show their text. */
function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as { statusCode?: number; expose?: boolean; message?: string; name?: string };
  if (e?.name === 'IdempotencyValidationError') {
    return new HttpError(409, 'This Idempotency-Key was already used with a different request');
  }
  if (e?.name === 'IdempotencyAlreadyInProgressError') {
    return new HttpError(409, 'A request with this Idempotency-Key is still in progress');
  }
  if (typeof e?.statusCode === 'number' && e.statusCode < 500 && e.expose) {
    // middy's body parser says 422 for malformed JSON; this API says 400.
    const status = e.statusCode === 422 ? 400 : e.statusCode;
    const detail = status === 400 ? 'The body is not valid JSON' : (e.message ?? titleFor(status));
    return new HttpError(status, detail);
  }
  logger.error('Unhandled error', { errorName: e?.name ?? 'unknown', errorMessage: e?.message });
  return new HttpError(500, 'Something went wrong on our side; it has been logged');
}

const sizeLimit: middy.MiddlewareObj<HttpEvent> = {
  before: ({ event }) => {
    const raw = typeof event.body === 'string' ? event.body : '';
    const size = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw);
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The body exceeds ${MAX_BODY_BYTES} bytes`);
  },
};

const MEDIA_TYPES: Record<BodyType, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/** Events of routes with an optional body that came without one: no parser, no schema. */
const bodiless = new WeakSet<HttpEvent>();

const isEmptyBody = (body: unknown): boolean =>
  body === undefined || body === null || (typeof body === 'string' && body.trim() === '');

/** A body parser (middy's, typed for string bodies) that leaves alone the events that came without their optional body. */
const unlessBodiless = (parser: { before?: unknown }): middy.MiddlewareObj<HttpEvent> => {
  const before = parser.before as middy.MiddlewareFn<HttpEvent> | undefined;
  return { before: (request) => (bodiless.has(request.event) ? undefined : before?.(request)) };
};

/** Runs after the parsers: a body they left as a string came in a media type the route does not take. */
const bodyParsed = (types: readonly BodyType[]): middy.MiddlewareObj<HttpEvent> => ({
  before: ({ event }) => {
    if (bodiless.has(event)) return;
    if (event.body === undefined || event.body === '') throw badRequest('A request body is required');
    if (typeof event.body === 'string') {
      throw new HttpError(415, `Send the body as ${types.map((t) => MEDIA_TYPES[t]).join(' or ')}`);
    }
  },
});

/**
 * Builds an HTTP Lambda handler from its route: size and content-type checks, JSON or form parsing,
 * validation of body, query and path with the route's zod schemas (`route.request`), the route's role
 * check, idempotency for `idempotent` routes, and problem+json errors (or `options.errorResponse`).
 */
export function httpHandler<R extends RouteSpec>(
  route: R,
  fn: (request: RequestOf<R>) => Promise<HttpResponse>,
  options: HandlerOptions = {},
) {
  if ((route.errorFormat !== undefined) !== (options.errorResponse !== undefined)) {
    throw new Error(`${route.name}: errorFormat in the route and errorResponse in the handler go together`);
  }
  if ((route.idempotent === true) !== (options.idempotency !== undefined)) {
    throw new Error(
      `${route.name}: idempotent in the route and the idempotency middleware in the handler go together`,
    );
  }
  const schemas = route.request ?? {};
  const parsed = new WeakMap<HttpEvent, RequestOf<R>>();
  const chain = middy<HttpEvent, HttpResponse, Error, Context>()
    .use({
      onError: (request) => {
        const error = toHttpError(request.error);
        request.response = options.errorResponse
          ? options.errorResponse(error, request.event)
          : problemResponse(error);
      },
    })
    .use(sizeLimit)
    // Who may call comes before what they sent: a wrong role is 403 whatever the body.
    .use({
      before: ({ event }) => {
        authorize(route, callerFromClaims(event.requestContext.authorizer?.jwt?.claims));
      },
    });
  if (schemas.body) {
    const types = schemas.bodyTypes ?? ['json'];
    if (schemas.bodyOptional) {
      chain.use({
        before: ({ event }) => {
          if (isEmptyBody(event.body)) bodiless.add(event);
        },
      });
    }
    // Each parser leaves other media types alone; bodyParsed then refuses what none of them took.
    if (types.includes('json')) {
      chain.use(unlessBodiless(httpJsonBodyParser({ disableContentTypeError: true })));
    }
    if (types.includes('form')) {
      chain.use(unlessBodiless(httpUrlencodeBodyParser({ disableContentTypeError: true })));
    }
    chain.use(bodyParsed(types));
  }
  chain.use({
    before: ({ event }) => {
      parsed.set(event, {
        body: bodiless.has(event) ? undefined : parseWith(schemas.body, event.body, 'body'),
        query: parseWith(schemas.query, event.queryStringParameters, 'query'),
        params: parseWith(schemas.params, event.pathParameters, 'path'),
        caller: callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
        event,
      } as RequestOf<R>);
    },
  });
  // Last, so only valid, authorized requests reach the idempotency store.
  if (options.idempotency) chain.use(options.idempotency);

  return chain.handler(async (event) => {
    const request = parsed.get(event);
    if (!request) throw new Error('request was not parsed');
    return fn(request);
  });
}
