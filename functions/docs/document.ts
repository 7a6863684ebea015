import packageJson from '../../package.json' with { type: 'json' };
import { routes as catalogue } from '../routes.ts';
import { type BodyType, MAX_BODY_BYTES, type RouteResponse, type RouteSpec } from '../shared/route.ts';
import * as z from '../shared/zod.ts';

type ZodType = z.core.$ZodType;

/**
 * The OpenAPI 3.1 document of the API, built from the route catalogue: paths, roles and request
 * schemas come from each RouteSpec (the same zod schemas httpHandler validates with, turned into JSON
 * Schema 2020-12 by zod itself), success answers from the route's `responses`, and the error answers
 * from what the route is: every route can answer 400 and 500, a protected one 401 and 403, one with
 * path parameters 404, a write 409, one with a body 413 and 415, a throttled public write 429.
 */
export type Document = ReturnType<typeof buildDocument>;
type JsonSchema = Record<string, unknown>;

const TAGS = [
  { name: 'membership', description: 'Membership applications, the member directory and Full Membership' },
  {
    name: 'committee',
    description: 'The Executive Committee: its roster, its votes and the emailed ballots',
  },
  {
    name: 'cps',
    description: 'Civic Participation System: services, officials, routing and civic requests',
  },
  {
    name: 'open311',
    description:
      'Open311 GeoReport v2, one jurisdiction per member city; errors in its own format, JSON or XML',
  },
  {
    name: 'knowledge',
    description:
      'Knowledge sharing: city representatives, practices and their review, search, translations, follows, contact, adoptions, questions, open data',
  },
  { name: 'system', description: 'Health and this documentation' },
] as const;
type Tag = (typeof TAGS)[number]['name'];

/** The tag of a route: by the folder of its handler, with the exceptions named in full. */
const TAG_BY_NAME: Readonly<Record<string, Tag>> = {
  'cities/open311-keys-create': 'open311',
  'cities/open311-keys-list': 'open311',
  'cities/open311-keys-revoke': 'open311',
};
const TAG_BY_FOLDER: Readonly<Record<string, Tag>> = {
  applications: 'membership',
  members: 'membership',
  secretariat: 'membership',
  committee: 'committee',
  approvals: 'committee',
  ballots: 'committee',
  cities: 'cps',
  requests: 'cps',
  officials: 'cps',
  open311: 'open311',
  knowledge: 'knowledge',
  health: 'system',
  openapi: 'system',
};

export function tagOf(route: RouteSpec): Tag {
  const tag = TAG_BY_NAME[route.name] ?? TAG_BY_FOLDER[route.name.split('/')[0] ?? ''];
  if (!tag) throw new Error(`${route.name}: no OpenAPI tag for this route; add its folder to TAG_BY_FOLDER`);
  return tag;
}

/** `cities/officials-create` → `citiesOfficialsCreate`: unique like the name, and safe in URLs and code. */
export const operationIdOf = (route: RouteSpec): string =>
  route.name.replace(/[/-]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const MEDIA_TYPES: Record<BodyType, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
};

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: 'The request is not valid: `errors` lists each field at fault',
  401: 'No token, or one that is invalid or expired',
  403: 'The caller has none of the roles this route allows',
  404: 'Nothing with this id',
  409: 'Conflicts with the current state (wrong status, duplicate, an Idempotency-Key reused with another body)',
  413: `The body exceeds ${MAX_BODY_BYTES} bytes`,
  415: 'The body is in a media type this route does not take',
  429: 'Throttled: too many requests, retry later',
  500: 'Something went wrong on our side; it has been logged',
};

const ref = (kind: 'schemas' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** JSON Schema 2020-12 from zod, as OpenAPI 3.1 takes it inline. */
export function jsonSchemaOf(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonSchema;
  return withoutRepetition(rest) as JsonSchema;
}

/**
 * Drops what only repeats the schema: zod spells out `date` and `date-time` as long regular
 * expressions besides the format, and bounds every integer by the safe-integer range.
 */
function withoutRepetition(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRepetition);
  if (!node || typeof node !== 'object') return node;
  const { format } = node as JsonSchema;
  const redundant = ([key, value]: [string, unknown]) =>
    (key === 'pattern' && (format === 'date' || format === 'date-time')) ||
    (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) ||
    (key === 'maximum' && value === Number.MAX_SAFE_INTEGER);
  return Object.fromEntries(
    Object.entries(node as JsonSchema)
      .filter((entry) => !redundant(entry))
      .map(([key, value]) => [key, withoutRepetition(value)]),
  );
}

/** One parameter per property of a path or query schema (an open record, like Open311's query, has none). */
function parametersOf(schema: ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...propertySchema }]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(description ? { description } : {}),
    schema: propertySchema,
  }));
}

const pathParameterNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');

const asList = (types: RouteResponse['contentType']): readonly string[] =>
  types === undefined ? [] : typeof types === 'string' ? [types] : types;

function errorContent(route: RouteSpec) {
  return route.errorFormat === 'open311'
    ? {
        'application/json': { schema: ref('schemas', 'Open311Errors') },
        'text/xml': { schema: { type: 'string', description: '`<errors><error><code/><description/>…`' } },
      }
    : { 'application/problem+json': { schema: ref('schemas', 'Problem') } };
}

function responseOf(route: RouteSpec, status: number, response: RouteResponse) {
  const types = asList(response.contentType);
  if (types.length === 0 && !response.schema) {
    return status >= 400
      ? { description: response.description, content: errorContent(route) }
      : { description: response.description };
  }
  // JSON without a schema (Open311's documents, this document) is left open; text is a string.
  const mediaType = (type: string) => {
    if (type === 'application/problem+json') return { schema: ref('schemas', 'Problem') };
    if (!type.endsWith('json')) return { schema: { type: 'string' } };
    return response.schema ? { schema: jsonSchemaOf(response.schema, 'output') } : {};
  };
  const content = Object.fromEntries(
    (types.length > 0 ? types : ['application/json']).map((type) => [type, mediaType(type)]),
  );
  return { description: response.description, content };
}

/** The error answers a route can give, from what it is. */
export function errorStatusesOf(route: RouteSpec): number[] {
  const isPublic = route.access === 'public';
  const hasBody = route.request?.body !== undefined;
  return [
    400,
    ...(isPublic ? (route.optionalAuth ? [401] : []) : [401, 403]),
    ...(pathParameterNames(route.path).length > 0 ? [404] : []),
    ...(route.method !== 'GET' ? [409] : []),
    ...(hasBody ? [413, 415] : []),
    ...(isPublic && route.method === 'POST' && route.throttle ? [429] : []),
    500,
  ];
}

function describeAccess(route: RouteSpec): string {
  if (route.access !== 'public') return `Roles: ${route.access.join(', ')} (the token's \`cognito:groups\`).`;
  return route.optionalAuth
    ? 'Public. A caller may send a token (the official in charge, the Secretariat) to see more; a token that does not verify is a 401.'
    : 'Public: no token needed.';
}

function operationOf(route: RouteSpec) {
  const request = route.request ?? {};
  const isPublic = route.access === 'public';
  const parameters = [
    ...parametersOf(request.params, 'path'),
    ...parametersOf(request.query, 'query'),
    ...(route.idempotent ? [ref('parameters', 'IdempotencyKey')] : []),
  ];
  const declared = Object.entries(route.responses).map(([status, r]) => [Number(status), r] as const);
  const errors = errorStatusesOf(route)
    .filter((status) => !declared.some(([s]) => s === status))
    .map((status) => {
      const description =
        status === 403 && route.access !== 'public'
          ? `The caller's roles include none of: ${route.access.join(', ')}`
          : (ERROR_TEXT[status] ?? 'Error');
      return [status, { description, content: errorContent(route) }] as const;
    });
  const responses = Object.fromEntries(
    [...declared.map(([status, r]) => [status, responseOf(route, status, r)] as const), ...errors]
      .sort(([a], [b]) => a - b)
      .map(([status, r]) => [String(status), r]),
  );
  return {
    operationId: operationIdOf(route),
    summary: route.summary,
    description: describeAccess(route),
    tags: [tagOf(route)],
    // Public routes take no token; `optionalAuth` ones take one if the caller has it.
    security: isPublic ? (route.optionalAuth ? [{}, { cognito: [] }] : []) : [{ cognito: [] }],
    ...(isPublic ? {} : { 'x-roles': [...route.access] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(request.body
      ? {
          requestBody: {
            required: !request.bodyOptional,
            content: Object.fromEntries(
              (request.bodyTypes ?? ['json']).map((type) => [
                MEDIA_TYPES[type],
                { schema: jsonSchemaOf(request.body as ZodType, 'input') },
              ]),
            ),
          },
        }
      : {}),
    responses,
  };
}

export function buildDocument(routes: readonly RouteSpec[] = catalogue) {
  const paths: Record<string, Record<string, ReturnType<typeof operationOf>>> = {};
  // A catch-all (`ANY`) answers what no operation of the document is: it is not one itself.
  for (const route of routes.filter((r) => !r.page && r.method !== 'ANY')) {
    const operations = paths[route.path] ?? {};
    operations[route.method.toLowerCase()] = operationOf(route);
    paths[route.path] = operations;
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'WeGO API',
      version: packageJson.version,
      summary: 'Membership and the Civic Participation System of WeGO member cities',
      description: [
        'Generated from the route catalogue and its zod schemas (the request validation itself).',
        'Errors are RFC 9457 problem details (`application/problem+json`), except on the Open311 routes,',
        "which answer in GeoReport v2's format. Unknown fields in a JSON body are a 400. Lists take",
        '`?limit=` (1..100) and an opaque `?cursor=`.',
      ].join(' '),
    },
    servers: [{ url: '/', description: 'This API' }],
    tags: TAGS.map((t) => ({ ...t })),
    paths,
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A Cognito ID token of the WeGO user pool; roles are its `cognito:groups`, the caller's identity its `email`.",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'A retry with the same key (within 24 hours) returns the first answer and creates nothing new; the same key with another body is a 409.',
          schema: { type: 'string' },
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: {
            type: { type: 'string', description: 'A URI naming the kind of problem, by status' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              description: 'Each field at fault (400 only)',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string', description: 'e.g. `body.city.name`, `query.limit`, `path.id`' },
                  message: { type: 'string' },
                },
                required: ['path', 'message'],
              },
            },
          },
          required: ['type', 'title', 'status'],
        },
        Open311Errors: {
          type: 'array',
          description: 'GeoReport v2 errors',
          items: {
            type: 'object',
            properties: { code: { type: 'integer' }, description: { type: 'string' } },
            required: ['code', 'description'],
          },
        },
      },
    },
  };
}
