import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  buildDocument,
  type Document,
  errorStatusesOf,
  jsonSchemaOf,
  operationIdOf,
} from '../../../functions/docs/document.ts';
import { routes as catalogue } from '../../../functions/routes.ts';
import { type RouteSpec, routeKey } from '../../../functions/shared/route.ts';
import * as z from '../../../functions/shared/zod.ts';
import { httpEvent, lambdaContext } from '../support/http-event.ts';

// The handlers reach functions/shared/ddb.ts, which reads TABLE_NAME at module scope.
vi.stubEnv('TABLE_NAME', 'wego-unit');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
vi.stubEnv('SITE_URL', 'https://wego.example');
vi.stubEnv('ASSET_VERSION', '0123456789abcdef');
const { DOCS_PAGE, handler: docs } = await import('../../../functions/docs/api.ts');

type Operation = Document['paths'][string][string];
type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

const document = buildDocument();
const operationOf = (doc: Document, route: Pick<RouteSpec, 'method' | 'path'>): Operation | undefined =>
  doc.paths[route.path]?.[route.method.toLowerCase()];

/**
 * The JSON API's routes: the web app's pages are HTML for people, and a catch-all (`ANY`) answers what
 * no operation is; both stay out of the document.
 */
const routes = catalogue.filter((r) => !r.page && r.method !== 'ANY');

const missingFrom = (doc: Document) => routes.filter((r) => !operationOf(doc, r)).map(routeKey);

const hasPublicAccess = (r: RouteSpec) => r.access === 'public';
const withBody = routes.filter((r) => r.request?.body);

describe('the OpenAPI document', () => {
  it("leaves the web app's pages and the catch-all routes out, and only them", () => {
    const left = catalogue.filter((r) => r.page || r.method === 'ANY');
    expect(left.some((r) => r.page) && left.some((r) => r.method === 'ANY')).toBe(true);
    for (const route of left) {
      expect(Object.values(document.paths[route.path] ?? {}), routeKey(route)).toEqual([]);
    }
  });

  it('has an operation for every route of the JSON API, under its path and method', () => {
    expect(missingFrom(document)).toEqual([]);
    const operations = Object.values(document.paths).flatMap((ops) => Object.keys(ops));
    expect(operations).toHaveLength(routes.length);
  });

  it('would name a route the document lost', () => {
    // Prepare: a document built without one route of the catalogue.
    const [first, ...rest] = routes;
    if (!first) throw new Error('the catalogue is empty');

    // Act
    const missing = missingFrom(buildDocument(rest));

    // Assess
    expect(missing).toEqual([routeKey(first)]);
  });

  it('is OpenAPI 3.1 with the package version, a relative server and the Cognito bearer scheme', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.info).toMatchObject({
      title: 'WeGO API',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.components.securitySchemes.cognito).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('tags each operation with one of the declared tags', () => {
    const declared = document.tags.map((t) => t.name);
    expect(declared).toEqual(['membership', 'committee', 'cps', 'open311', 'knowledge', 'system']);
    for (const route of routes) {
      const tags = operationOf(document, route)?.tags ?? [];
      expect(tags, routeKey(route)).toHaveLength(1);
      expect(declared, routeKey(route)).toContain(tags[0]);
    }
    expect(operationOf(document, { method: 'POST', path: '/cities/{cityId}/open311-keys' })?.tags).toEqual([
      'open311',
    ]);
  });

  it('names each operation after its route, uniquely', () => {
    const ids = routes.map((r) => operationOf(document, r)?.operationId);
    expect(ids).toEqual(routes.map(operationIdOf));
    expect(new Set(ids).size).toBe(routes.length);
    expect(operationIdOf(routes.find((r) => r.name === 'cities/officials-create') as RouteSpec)).toBe(
      'citiesOfficialsCreate',
    );
  });

  it.each(routes.filter((r) => !hasPublicAccess(r)).map((r) => [routeKey(r), r] as const))(
    '%s requires a Cognito token and lists its roles',
    (_key, route) => {
      const operation = operationOf(document, route);
      expect(operation?.security).toEqual([{ cognito: [] }]);
      expect(operation?.['x-roles']).toEqual(route.access);
      for (const role of route.access) expect(operation?.description).toContain(role);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    },
  );

  it('leaves public routes open (a token optional where the route reads one) and without 401/403 otherwise', () => {
    for (const route of routes.filter(hasPublicAccess)) {
      const operation = operationOf(document, route);
      expect(operation?.['x-roles'], routeKey(route)).toBeUndefined();
      expect(operation?.security, routeKey(route)).toEqual(route.optionalAuth ? [{}, { cognito: [] }] : []);
      if (!route.optionalAuth) expect(Object.keys(operation?.responses ?? {})).not.toContain('401');
    }
  });

  it('has a request body exactly where a route validates one, with the same schema in each media type', () => {
    expect(withBody.length).toBeGreaterThan(0);
    for (const route of routes) {
      const body = operationOf(document, route)?.requestBody;
      const schema = route.request?.body;
      if (!schema) {
        expect(body, routeKey(route)).toBeUndefined();
        continue;
      }
      const names = {
        json: 'application/json',
        form: 'application/x-www-form-urlencoded',
        multipart: 'multipart/form-data',
      };
      const types = (route.request?.bodyTypes ?? ['json']).map((t) => names[t]);
      expect(Object.keys(body?.content ?? {}), routeKey(route)).toEqual(types);
      for (const type of types) {
        expect(body?.content[type]?.schema, routeKey(route)).toEqual(jsonSchemaOf(schema, 'input'));
      }
      expect(body?.required, routeKey(route)).toBe(!route.request?.bodyOptional);
    }
  });

  it('closes the body schema of every strict object (unknown fields are a 400)', () => {
    const strict = withBody.filter((r) => {
      const body = r.request?.body;
      return body instanceof z.core.$ZodObject && body._zod.def.catchall?._zod.def.type === 'never';
    });
    expect(strict.length).toBeGreaterThan(10);
    for (const route of strict) {
      const content = operationOf(document, route)?.requestBody?.content ?? {};
      for (const { schema } of Object.values(content)) {
        expect(schema, routeKey(route)).toMatchObject({ type: 'object', additionalProperties: false });
      }
    }
    // Nested objects too: the application form's parts.
    const submit = operationOf(document, { method: 'POST', path: '/applications' });
    expect(submit?.requestBody?.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
      required: ['city', 'mayor', 'signatory', 'contact', 'motivation'],
      properties: { city: { additionalProperties: false, required: expect.arrayContaining(['country']) } },
    });
  });

  it('declares every path parameter, and the query parameters of lists', () => {
    for (const route of routes) {
      const parameters = (operationOf(document, route)?.parameters ?? []) as { name?: string; in?: string }[];
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(
        parameters.filter((p) => p.in === 'path').map((p) => p.name),
        routeKey(route),
      ).toEqual(inPath);
      if (route.paginated) {
        expect(
          parameters.filter((p) => p.in === 'query').map((p) => p.name),
          routeKey(route),
        ).toEqual(expect.arrayContaining(['limit', 'cursor']));
      }
    }
  });

  it('offers the Idempotency-Key header on idempotent routes only', () => {
    const idempotencyRef = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(routes.some((r) => r.idempotent)).toBe(true);
    for (const route of routes) {
      const parameters = operationOf(document, route)?.parameters ?? [];
      if (route.idempotent) expect(parameters, routeKey(route)).toContainEqual(idempotencyRef);
      else expect(parameters, routeKey(route)).not.toContainEqual(idempotencyRef);
    }
  });

  it('describes at least one success answer of every route', () => {
    for (const route of routes) {
      const responses = operationOf(document, route)?.responses ?? {};
      const success = Object.keys(responses).filter((s) => s.startsWith('2'));
      expect(success.length, routeKey(route)).toBeGreaterThan(0);
    }
  });

  it('answers errors as problem+json by what the route is', () => {
    const responsesOf = (method: RouteSpec['method'], path: string) =>
      (operationOf(document, { method, path })?.responses ?? {}) as Responses;

    // A public, throttled write with a body and no path parameter.
    expect(Object.keys(responsesOf('POST', '/applications'))).toEqual([
      '201',
      '400',
      '409',
      '413',
      '415',
      '429',
      '500',
    ]);
    // A protected read of one thing.
    expect(Object.keys(responsesOf('GET', '/applications/{id}'))).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '500',
    ]);
    expect(responsesOf('GET', '/applications/{id}')['404']?.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    expect(document.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status'],
      properties: {
        type: expect.anything(),
        title: expect.anything(),
        status: expect.anything(),
        detail: expect.anything(),
        errors: { items: { required: ['path', 'message'] } },
      },
    });
  });

  it('answers the errors of the Open311 routes in their own format, JSON or XML', () => {
    const open311 = routes.filter((r) => r.errorFormat === 'open311');
    expect(open311.length).toBeGreaterThan(0);
    for (const route of open311) {
      const responses = operationOf(document, route)?.responses as Responses;
      for (const status of errorStatusesOf(route)) {
        expect(Object.keys(responses[String(status)]?.content ?? {}), `${routeKey(route)} ${status}`).toEqual(
          ['application/json', 'text/xml'],
        );
      }
    }
  });

  it('keeps the ballot pages as HTML where the handler answers with a page', () => {
    const view = operationOf(document, { method: 'GET', path: '/ballots/{ballotId}' })
      ?.responses as Responses;
    for (const status of ['200', '404', '409', '410']) {
      expect(Object.keys(view[status]?.content ?? {}), status).toEqual(['text/html']);
    }
  });

  it('shows the success answers the routes declare, as JSON Schema of their output', () => {
    const responses = operationOf(document, { method: 'POST', path: '/members/{id}/full-membership' })
      ?.responses as Responses;
    expect(responses['202']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: {
        approvalId: { type: 'string' },
        status: { const: 'full_pending' },
        votingClosesAt: { type: 'string', format: 'date-time' },
      },
    });
  });

  it('passes redocly lint with the recommended rules, warnings as errors (redocly.yaml)', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'wego-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

    // Act
    const run = await promisify(execFile)(
      process.execPath,
      [cli, 'lint', file, '--config', 'redocly.yaml', '--format', 'json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((error: { stdout?: string; code?: number }) => ({
      stdout: error.stdout ?? '',
      code: error.code,
    }));

    // Assess: exit code 0 and nothing reported.
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect('code' in run ? run.code : 0).toBe(0);
  }, 30_000);
});

describe('GET /openapi.json', () => {
  it('answers the document, cacheable for five minutes', async () => {
    const res = await docs(httpEvent({ path: '/openapi.json' }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    expect(res.headers?.['cache-control']).toBe('public, max-age=300');
    expect(JSON.parse(res.body ?? '')).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe('GET /docs', () => {
  it("loads the renderer from the site's versioned assets and the document by a relative URL, with no inline script or style", () => {
    expect(DOCS_PAGE).toContain(
      '<script src="https://wego.example/assets/0123456789abcdef/redoc/redoc.standalone.js"></script>',
    );
    expect(DOCS_PAGE).toMatch(/<redoc spec-url="openapi\.json"[^>]*><\/redoc>/);
    expect(DOCS_PAGE.match(/<script/g)).toHaveLength(1);
    expect(DOCS_PAGE).not.toMatch(/<style|style=/);
  });

  it("allows only 'self' (and the site's origin for the script), and of inline styles only the empty element Redoc fills through CSSOM", async () => {
    // Act
    const res = await docs(httpEvent({ path: '/docs' }), lambdaContext);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(DOCS_PAGE);
    const csp = res.headers?.['content-security-policy'] ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'", 'https://wego.example']);
    const emptyHash = `'sha256-${createHash('sha256').update('').digest('base64')}'`;
    expect(directives['style-src']).toEqual(["'self'", emptyHash]);
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
    for (const name of ['font-src', 'connect-src']) expect(directives[name], name).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp.replace(' https://wego.example;', ';').replace(" 'self' data:;", " 'self';")).not.toMatch(
      /unsafe-|https?:|data:|blob:|\*/,
    );
  });
});
