import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
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
  /** Creating POSTs: a retry with the same Idempotency-Key header returns the first answer. */
  idempotent?: boolean;
}

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
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function parseWith<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? {});
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

const bodyGuard = (expectsBody: boolean): middy.MiddlewareObj<HttpEvent> => ({
  before: ({ event }) => {
    const raw = typeof event.body === 'string' ? event.body : '';
    const size = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw);
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The body exceeds ${MAX_BODY_BYTES} bytes`);
    if (!expectsBody) return;
    if (raw.length === 0) throw badRequest('A JSON body is required');
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
        request.response = problemResponse(toHttpError(request.error));
      },
    })
    .use(bodyGuard(schemas.body !== undefined))
    // Who may call comes before what they sent: a wrong role is 403 even with a malformed body.
    .use({
      before: ({ event }) => {
        authorize(route, callerFromClaims(event.requestContext.authorizer?.jwt?.claims));
      },
    });
  if (schemas.body) chain.use(httpJsonBodyParser());
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
