import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { HttpRequest, HttpResponse } from '../../../../functions/shared/http.ts';
import { defineRoute } from '../../../../functions/shared/route.ts';
import { claimsOf, httpEvent, lambdaContext } from '../../support/http-event.ts';

// functions/shared/ddb.ts reads TABLE_NAME at module scope: set it before the first import.
vi.stubEnv('TABLE_NAME', 'wego-unit');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
const { HttpError } = await import('../../../../functions/shared/problem.ts');
const { httpHandler, json, MAX_BODY_BYTES } = await import('../../../../functions/shared/http.ts');
const { logger } = await import('../../../../functions/shared/logger.ts');

const bodySchema = z.strictObject({ name: z.string().min(1), count: z.number().int().positive() });
const querySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() });
const paramsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{3,40}$/) });
const route = defineRoute({
  name: 'things-rename',
  method: 'POST',
  path: '/things/{id}',
  access: ['secretariat'],
  summary: 'Renames a thing (test route)',
  request: { body: bodySchema, query: querySchema, params: paramsSchema },
  responses: { 200: { description: 'Renamed' } },
});

type Body = z.infer<typeof bodySchema>;
type Query = z.infer<typeof querySchema>;
type Params = z.infer<typeof paramsSchema>;
type Fn = (request: HttpRequest<Body, Query, Params>) => Promise<HttpResponse>;

const ok: Fn = async (request) => json(200, { renamed: request.params.id, to: request.body.name });

function handlerWith(fn: Fn = ok) {
  return httpHandler(route, fn);
}

interface EventOptions {
  body?: string;
  contentType?: string | null;
  groups?: readonly string[];
  email?: string;
  query?: Record<string, string>;
  id?: string;
  isBase64Encoded?: boolean;
}

/** A valid request to the test route unless told otherwise. */
function event(options: EventOptions = {}) {
  const id = options.id ?? 'thing-1';
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  return httpEvent({
    method: 'POST',
    routePath: route.path,
    path: `/things/${id}`,
    pathParameters: { id },
    headers: contentType === null ? {} : { 'content-type': contentType },
    claims: claimsOf(options.email ?? 'Clerk@WeGO.example', options.groups ?? ['secretariat']),
    ...(options.query ? { query: options.query } : {}),
    ...('body' in options
      ? options.body === undefined
        ? {}
        : { body: options.body }
      : { body: '{"name":"Ten","count":10}' }),
    ...(options.isBase64Encoded ? { isBase64Encoded: true } : {}),
  });
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

function problemOf(response: HttpResponse): Problem {
  expect(response.headers?.['content-type']).toMatch(/^application\/problem\+json/);
  return JSON.parse(response.body ?? '') as Problem;
}

describe('httpHandler', () => {
  beforeEach(() => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  it('answers 200 with the function result and hands it the parsed body, query, path and caller', async () => {
    // Prepare
    const fn = vi.fn(ok);
    const handler = handlerWith(fn);

    // Act
    const response = await handler(event({ query: { limit: '5' } }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': expect.stringMatching(/^application\/json/),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(JSON.parse(response.body ?? '')).toEqual({ renamed: 'thing-1', to: 'Ten' });
    expect(fn).toHaveBeenCalledOnce();
    const request = fn.mock.calls[0]?.[0];
    expect(request?.body).toEqual({ name: 'Ten', count: 10 });
    expect(request?.query).toEqual({ limit: 5 });
    expect(request?.params).toEqual({ id: 'thing-1' });
    expect(request?.caller).toEqual({
      email: 'clerk@wego.example',
      roles: ['secretariat'],
      subject: 'user-sub-1',
    });
  });

  it('accepts a base64-encoded JSON body', async () => {
    // Prepare
    const body = Buffer.from('{"name":"Ten","count":10}').toString('base64');

    // Act
    const response = await handlerWith()(event({ body, isBase64Encoded: true }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('answers 400 problem+json when the body is not valid JSON', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(event({ body: '{"name":"Ten",' }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem).toMatchObject({
      title: 'Bad Request',
      status: 400,
      detail: 'The body is not valid JSON',
    });
    expect(problem.type).toMatch(/^https:\/\//);
    expect(fn).not.toHaveBeenCalled();
  });

  it('answers 400 naming the unknown field when the body has a field the schema does not know', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(
      event({ body: '{"name":"Ten","count":10,"colour":"red"}' }),
      lambdaContext,
    );

    // Assess
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors?.[0]?.path).toMatch(/^body/);
    expect(problem.errors?.[0]?.message).toContain('colour');
    expect(fn).not.toHaveBeenCalled();
  });

  // Known gap (see the report): zod puts an unrecognized key's name in the message, not in the issue
  // path, so errors[].path is "body" instead of "body.colour". Remove `.fails` once zodFieldErrors
  // expands unrecognized_keys issues into one error per key.
  it('points errors[].path at the unknown field itself', async () => {
    const response = await handlerWith()(
      event({ body: '{"name":"Ten","count":10,"colour":"red"}' }),
      lambdaContext,
    );
    expect(problemOf(response).errors).toEqual([{ path: 'body.colour', message: expect.any(String) }]);
  });

  it('answers 400 with the path of each invalid field', async () => {
    // Act
    const response = await handlerWith()(event({ body: '{"name":"","count":-1}' }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    const paths = problemOf(response).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.count']));
  });

  it('answers 400 when a body is required and none is sent', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(event({ body: undefined }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).status).toBe(400);
    expect(fn).not.toHaveBeenCalled();
  });

  it('answers 400 when the body is empty', async () => {
    const response = await handlerWith()(event({ body: '' }), lambdaContext);
    expect(response.statusCode).toBe(400);
  });

  it('answers 413 when the body is over 64 KiB', async () => {
    // Prepare
    const body = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), count: 1 });
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(event({ body }), lambdaContext);

    // Assess
    expect(MAX_BODY_BYTES).toBe(64 * 1024);
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).title).toBe('Content Too Large');
    expect(fn).not.toHaveBeenCalled();
  });

  it('accepts a body of exactly 64 KiB', async () => {
    // Prepare: pad the name so the JSON text is exactly MAX_BODY_BYTES bytes long.
    const frame = JSON.stringify({ name: '', count: 1 });
    const body = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES - frame.length), count: 1 });

    // Act
    const response = await handlerWith()(event({ body }), lambdaContext);

    // Assess
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    expect(response.statusCode).toBe(200);
  });

  it('counts the body size in bytes, not characters', async () => {
    // Prepare: 40 000 two-byte characters are fewer than 64 Ki characters but more than 64 KiB.
    const body = JSON.stringify({ name: 'é'.repeat(40_000), count: 1 });

    // Act
    const response = await handlerWith()(event({ body }), lambdaContext);

    // Assess
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expect(response.statusCode).toBe(413);
  });

  it('answers 413 for a base64-encoded body whose decoded size is over 64 KiB', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), count: 1 })).toString(
      'base64',
    );
    const response = await handlerWith()(event({ body, isBase64Encoded: true }), lambdaContext);
    expect(response.statusCode).toBe(413);
  });

  it('answers 415 when the content type is not JSON', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(event({ contentType: 'text/plain' }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(415);
    expect(problemOf(response).status).toBe(415);
    expect(fn).not.toHaveBeenCalled();
  });

  it('answers 415 when a body comes without a content type', async () => {
    const response = await handlerWith()(event({ contentType: null }), lambdaContext);
    expect(response.statusCode).toBe(415);
  });

  it('accepts a JSON content type with a charset', async () => {
    const response = await handlerWith()(
      event({ contentType: 'application/json; charset=utf-8' }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(200);
  });

  it('answers 403 for a wrong role before it looks at a malformed body', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(
      event({ groups: ['official'], body: '{"name":', contentType: 'text/plain' }),
      lambdaContext,
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(problemOf(response).title).toBe('Forbidden');
    expect(fn).not.toHaveBeenCalled();
  });

  // Known gap (see the report): the body guard runs before the role check, so a wrong role with no
  // body gets 400 "A JSON body is required" instead of 403. Remove `.fails` once the guard's
  // empty-body check moves after authorization.
  it('answers 403 for a wrong role even when the body is missing', async () => {
    const response = await handlerWith()(event({ groups: ['official'], body: undefined }), lambdaContext);
    expect(response.statusCode).toBe(403);
  });

  it('answers 401 when the route needs a token and the event has no authorizer claims', async () => {
    // Prepare
    const anonymous = { ...event(), requestContext: { ...event().requestContext, authorizer: undefined } };

    // Act
    const response = await handlerWith()(anonymous, lambdaContext);

    // Assess
    expect(response.statusCode).toBe(401);
  });

  it('answers 500 without the stack trace or the message of an unexpected error, and logs it', async () => {
    // Prepare
    const secret = 'connection to db-internal-7.wego failed for user admin';
    const handler = handlerWith(async () => {
      throw new TypeError(secret);
    });

    // Act
    const response = await handler(event(), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(500);
    const problem = problemOf(response);
    expect(problem).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toContain('TypeError');
    expect(response.body).not.toMatch(/\bat .+:\d+:\d+/);
    expect(response.body).not.toContain('http.test.ts');
    expect(logger.error).toHaveBeenCalledWith(
      'Unhandled error',
      expect.objectContaining({ errorName: 'TypeError' }),
    );
  });

  it('answers an HttpError thrown by the function with its own status and detail', async () => {
    // Prepare
    const handler = handlerWith(async () => {
      throw new HttpError(409, 'The thing was already renamed');
    });

    // Act
    const response = await handler(event(), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toMatchObject({
      status: 409,
      title: 'Conflict',
      detail: 'The thing was already renamed',
    });
  });

  it('answers 400 naming the query parameter when a query value is invalid', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(event({ query: { limit: '1000' } }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((e) => e.path)).toEqual(['query.limit']);
    expect(fn).not.toHaveBeenCalled();
  });

  it('answers 400 naming the path parameter when a path value is invalid', async () => {
    // Prepare
    const fn = vi.fn(ok);

    // Act
    const response = await handlerWith(fn)(event({ id: 'NOT VALID!' }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((e) => e.path)).toEqual(['path.id']);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('httpHandler on a public route without a body', () => {
  const publicRoute = defineRoute({
    name: 'things-list',
    method: 'GET',
    path: '/things',
    access: 'public',
    summary: 'Lists things (test route)',
    request: { query: querySchema },
    responses: { 200: { description: 'The things' } },
  });

  it('answers 200 without a token and without a content type', async () => {
    // Prepare
    const fn = vi.fn(async (request: HttpRequest<undefined, Query, undefined>) =>
      json(200, { caller: request.caller ?? null, limit: request.query.limit }),
    );
    const handler = httpHandler(publicRoute, fn);

    // Act
    const response = await handler(httpEvent({ path: '/things', query: { limit: '3' } }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({ caller: null, limit: 3 });
  });

  it('still refuses a body over 64 KiB', async () => {
    const handler = httpHandler(publicRoute, async () => json(200, {}));
    const response = await handler(
      httpEvent({ path: '/things', body: 'x'.repeat(MAX_BODY_BYTES + 1) }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(413);
  });
});

describe('httpHandler on a route whose body may be left out', () => {
  const optionalRoute = defineRoute({
    name: 'things-label',
    method: 'POST',
    path: '/things/{id}/labels',
    access: ['secretariat'],
    summary: 'Labels a thing, optionally (test route)',
    request: {
      params: paramsSchema,
      body: z.strictObject({ label: z.string().optional() }),
      bodyOptional: true,
    },
    responses: { 201: { description: 'Labelled' } },
  });
  const handler = httpHandler(optionalRoute, async ({ body }) => json(201, { body: body ?? null }));
  const post = (body?: string, contentType?: string) =>
    handler(
      httpEvent({
        method: 'POST',
        routePath: optionalRoute.path,
        path: '/things/thing-1/labels',
        pathParameters: { id: 'thing-1' },
        headers: contentType ? { 'content-type': contentType } : {},
        claims: claimsOf('clerk@wego.example', ['secretariat']),
        ...(body === undefined ? {} : { body }),
      }),
      lambdaContext,
    );

  it('hands the handler no body when none came, whatever the content type says', async () => {
    for (const response of [await post(), await post(''), await post('  ', 'application/json')]) {
      expect(response.statusCode).toBe(201);
      expect(JSON.parse(response.body ?? '')).toEqual({ body: null });
    }
  });

  it('parses and checks a body that came, like a required one', async () => {
    expect(JSON.parse((await post('{"label":"app"}', 'application/json')).body ?? '')).toEqual({
      body: { label: 'app' },
    });
    expect((await post('{"colour":"red"}', 'application/json')).statusCode).toBe(400);
    expect((await post('{not json', 'application/json')).statusCode).toBe(400);
    expect((await post('label=app', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
  });
});

describe('httpHandler refuses text that is not well formed, naming the field', () => {
  const formRoute = defineRoute({
    name: 'things-form',
    method: 'POST',
    path: '/things',
    access: 'public',
    summary: 'A form route (test)',
    request: {
      body: z.strictObject({ name: z.string(), tag: z.string().optional() }),
      bodyTypes: ['form', 'json'],
    },
    responses: { 201: { description: 'Created' } },
  });
  const handler = httpHandler(formRoute, async ({ body }) => json(201, body));
  const post = (body: string, contentType: string, isBase64Encoded = false) =>
    handler(
      httpEvent({
        method: 'POST',
        path: '/things',
        headers: { 'content-type': contentType },
        body,
        isBase64Encoded,
      }),
      lambdaContext,
    );

  it('answers 400 naming the field for a lone surrogate escaped in JSON', async () => {
    const res = await post('{"name":"ok","tag":"bad \\ud800"}', 'application/json');
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([
      { path: 'body.tag', message: 'must be well-formed Unicode text' },
    ]);
  });

  it('answers 400 for a lone surrogate in a field name', async () => {
    const res = await post('{"name":"ok","\\udc00":"x"}', 'application/json');
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors?.[0]?.message).toMatch(/field name/);
  });

  it('answers 400 for JSON bytes that are not UTF-8 (base64 from the gateway)', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await post(bytes.toString('base64'), 'application/json', true);
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).detail).toMatch(/not valid UTF-8/);
  });

  it('answers 400 for a body in which invalid bytes were already replaced by U+FFFD', async () => {
    const res = await post('{"name":"caf\uFFFD"}', 'application/json');
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).detail).toMatch(/not valid UTF-8/);
  });

  it('answers 400 naming the form field whose percent-escapes are not UTF-8', async () => {
    for (const escaped of ['%ED%A0%80', '%FF', '%C3%28']) {
      const res = await post(`name=ok&tag=${escaped}`, 'application/x-www-form-urlencoded');
      expect(res.statusCode, escaped).toBe(400);
      expect(problemOf(res).errors, escaped).toEqual([{ path: 'body.tag', message: 'is not valid UTF-8' }]);
    }
  });

  it('reads a form of UTF-8 text, repeated fields as a list, + as a space', async () => {
    const res = await post('name=Se%C3%BAl+%F0%9F%8C%8F&tag=a', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body ?? '')).toEqual({ name: 'Seúl 🌏', tag: 'a' });
    const twice = await post('name=a&name=b', 'application/x-www-form-urlencoded');
    expect(problemOf(twice).errors?.[0]?.path).toBe('body.name');
  });

  it('answers 415 for a charset other than UTF-8, and accepts utf-8 however it is written', async () => {
    for (const charset of ['iso-8859-1', 'windows-1252', 'utf-16']) {
      const res = await post('{"name":"x"}', `application/json; charset=${charset}`);
      expect(res.statusCode, charset).toBe(415);
      expect(problemOf(res).detail).toMatch(/UTF-8/);
    }
    for (const charset of ['UTF-8', 'utf8', '"utf-8"']) {
      expect((await post('{"name":"x"}', `application/json;charset=${charset}`)).statusCode, charset).toBe(
        201,
      );
    }
  });

  it('answers 400 naming the query parameter that carries bytes the gateway could not decode', async () => {
    const handlerQ = httpHandler(
      defineRoute({
        name: 'things-list',
        method: 'GET',
        path: '/things',
        access: 'public',
        summary: 'list (test)',
        request: { query: z.strictObject({ q: z.string().optional() }) },
        responses: { 200: { description: 'Listed' } },
      }),
      async () => json(200, {}),
    );
    const res = await handlerQ(httpEvent({ path: '/things', query: { q: 'caf\uFFFD' } }), lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([{ path: 'query.q', message: 'must be well-formed Unicode text' }]);
  });
});

describe('httpHandler and idempotency', () => {
  const creating = defineRoute({
    name: 'things-create',
    method: 'POST',
    path: '/things',
    access: 'public',
    summary: 'create (test)',
    idempotent: true,
    request: { body: z.strictObject({ name: z.string() }) },
    responses: { 201: { description: 'Created' } },
  });

  /** Stands in for shared/idempotency.ts: runs the work as if the key were new. */
  const store = () => vi.fn(async (_request: unknown, run: () => Promise<HttpResponse>) => run());

  it('refuses to build an idempotent route without the idempotency store, and the store for any other', () => {
    expect(() => httpHandler(creating, async () => json(201, {}))).toThrow(/idempotent.*go together/);
    expect(() => httpHandler(route, ok, { idempotency: store() })).toThrow(/idempotent.*go together/);
    expect(() => httpHandler(creating, async () => json(201, {}), { idempotency: store() })).not.toThrow();
  });

  it('hands a valid request to the idempotency store: the route, the key, the path and the parsed body', async () => {
    const idempotency = store();
    const handler = httpHandler(creating, async () => json(201, { id: 'x' }), { idempotency });
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/things',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
        body: '{"name":"a"}',
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(201);
    expect(idempotency).toHaveBeenCalledWith(
      expect.objectContaining({ route: 'things-create', key: 'k-1', payload: ['/things', { name: 'a' }] }),
      expect.any(Function),
    );
  });
});
