import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { ZodType, z } from 'zod';
import { authorize, type Caller, callerFromClaims } from './caller.ts';
import { idempotencyMiddleware } from './idempotency.ts';
import { logger } from './logger.ts';
import { badRequest, type FieldError, HttpError, titleFor } from './problem.ts';
import type { RouteSpec } from './route.ts';

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
}

export interface HttpRequest<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly caller: Caller | undefined;
  readonly event: HttpEvent;
}

interface Schemas<B, Q, P> {
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Media types the body may come in (default JSON only). */
  bodyTypes?: readonly BodyType[];
  /** Creating POSTs: a retry with the same Idempotency-Key header returns the first answer. */
  idempotent?: boolean;
  /** Routes that speak another error format (Open311): renders every error instead of problem+json. */
  errorResponse?: (error: HttpError, event: HttpEvent) => HttpResponse;
}

type BodyType = 'json' | 'form';

/** Largest JSON body any route accepts; the forms of this API are small. */
export const MAX_BODY_BYTES = 64 * 1024;

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
function parseWith<T>(schema: ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'path'): T {
  if (!schema) return undefined as T;
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

/** Runs after the parsers: a body they left as a string came in a media type the route does not take. */
const bodyParsed = (types: readonly BodyType[]): middy.MiddlewareObj<HttpEvent> => ({
  before: ({ event }) => {
    if (event.body === undefined || event.body === '') throw badRequest('A request body is required');
    if (typeof event.body === 'string') {
      throw new HttpError(415, `Send the body as ${types.map((t) => MEDIA_TYPES[t]).join(' or ')}`);
    }
  },
});

/**
 * Builds an HTTP Lambda handler: size and content-type checks, JSON parsing, zod validation of
 * body, query and path, the route's role check, optional idempotency, and problem+json errors.
 */
export function httpHandler<B = undefined, Q = undefined, P = undefined>(
  route: RouteSpec,
  schemas: Schemas<B, Q, P>,
  fn: (request: HttpRequest<B, Q, P>) => Promise<HttpResponse>,
) {
  const parsed = new WeakMap<HttpEvent, HttpRequest<B, Q, P>>();
  const chain = middy<HttpEvent, HttpResponse, Error, Context>()
    .use({
      onError: (request) => {
        const error = toHttpError(request.error);
        request.response = schemas.errorResponse
          ? schemas.errorResponse(error, request.event)
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
    // Each parser leaves other media types alone; bodyParsed then refuses what none of them took.
    if (types.includes('json')) chain.use(httpJsonBodyParser({ disableContentTypeError: true }));
    if (types.includes('form')) chain.use(httpUrlencodeBodyParser({ disableContentTypeError: true }));
    chain.use(bodyParsed(types));
  }
  chain.use({
    before: ({ event }) => {
      parsed.set(event, {
        body: parseWith(schemas.body, event.body, 'body'),
        query: parseWith(schemas.query, event.queryStringParameters, 'query'),
        params: parseWith(schemas.params, event.pathParameters, 'path'),
        caller: callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
        event,
      });
    },
  });
  // Last, so only valid, authorized requests reach the idempotency store.
  if (schemas.idempotent) chain.use(idempotencyMiddleware(route.name));

  return chain.handler(async (event) => {
    const request = parsed.get(event);
    if (!request) throw new Error('request was not parsed');
    return fn(request);
  });
}
