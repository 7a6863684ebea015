import type * as z from './zod.ts';

/** Any zod 4 schema, zod/mini (the functions' own) or classic. */
type ZodType = z.core.$ZodType;

/**
 * A route of the HTTP API, declared once next to its handler. The CDK API construct builds the
 * routes and their Lambda functions from the catalogue in functions/routes.ts; the handler reads the
 * same object for its role check and its request schemas, and functions/openapi/document.ts builds
 * the OpenAPI document from it. No AWS imports here (zod is fine): CDK code imports this file.
 */
export const ROLES = ['secretariat', 'committee', 'official', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** `ANY` is a catch-all: it gets every method no other route of its path takes (not in the OpenAPI document). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/** Largest body any route accepts (413 beyond); the forms of this API are small. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Largest multipart/form-data body (photos) a route that takes one accepts. In AWS a body reaches the
 * function inside its event, base64-encoded (4/3 of its size), and a Lambda event is at most 6 MB: a
 * larger body never arrives whatever this says (the HTTP API's own limit, 10 MB, is not the bound).
 * Locally the same limit holds, so a client learns it before it goes to AWS.
 */
export const MAX_MULTIPART_BYTES = 4_500_000;

/**
 * Media types a body may come in: `json` is application/json, `form` application/x-www-form-urlencoded,
 * `multipart` multipart/form-data (fields as a form, and files: the handler gets them as `files`).
 */
export type BodyType = 'json' | 'form' | 'multipart';

/**
 * What a route takes: the zod schemas httpHandler validates the request with (unknown fields are a
 * 400 where the schema is strict), and that the OpenAPI document shows. Absent parts take nothing.
 */
export interface RouteRequest {
  readonly body?: ZodType;
  readonly query?: ZodType;
  readonly params?: ZodType;
  /** Media types the body may come in (default JSON only). */
  readonly bodyTypes?: readonly BodyType[];
  /** The body may be left out altogether (the handler then gets `undefined`); otherwise it is required. */
  readonly bodyOptional?: true;
}

/** A success answer of a route (errors are described generically, from the route's other facts). */
export interface RouteResponse {
  readonly description: string;
  /** What the body holds, for the OpenAPI document only: handlers build their answers themselves. */
  readonly schema?: ZodType;
  /** Defaults to application/json when there is a schema (and, for errors, to the route's error format). */
  readonly contentType?: string | readonly string[];
}

export interface RouteSpec {
  /** Folder under functions/ that holds handler.ts (e.g. 'committee/put'); also names the function. */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway path, with {param} placeholders. */
  readonly path: string;
  /** 'public' routes have no authorizer; otherwise the Cognito groups allowed to call it. */
  readonly access: 'public' | readonly Role[];
  readonly summary: string;
  /** Tighter throttling for public writes (requests per second, burst). */
  readonly throttle?: { readonly rate: number; readonly burst: number };
  /** Needs read/write access to the table (most routes do; /health does not). */
  readonly usesTable?: boolean;
  /**
   * Presigns, claims or links files of the uploads bucket (functions/uploads/uploads.ts): the function
   * gets UPLOADS_BUCKET and may write `incoming/`, `media/` and `private/`, read `incoming/` and
   * `private/`, and delete from `incoming/` (lib/constructs/uploads.ts, grantUploads).
   */
  readonly uploads?: true;
  /**
   * Reads the knowledge search index (functions/knowledge/search-store.ts): the function gets
   * SEARCH_INDEX_BUCKET and may get objects under `search-index/` of the uploads bucket, nothing more.
   */
  readonly searchIndex?: true;
  /** Lists with `?cursor=`: the function gets the cursor signing key. */
  readonly paginated?: true;
  /** Talks to the approval workflow: starts executions, or answers its task token with the decision. */
  readonly workflow?: 'start' | 'answer';
  /**
   * Public routes only: a signed-in caller may see more (e.g. GET /requests/{id} shows the citizen's
   * contact to the assigned official and the Secretariat). HTTP APIs cannot make the JWT authorizer
   * optional, so the handler verifies a bearer token itself with `optionalCaller(event)` from
   * functions/shared/optional-caller.ts; the API construct gives the function JWT_ISSUER, JWT_AUDIENCE
   * and JWKS_URI for that.
   */
  readonly optionalAuth?: true;
  readonly request?: RouteRequest;
  /**
   * Answers by status code: every success one, and errors that the generic ones (added from the
   * route's other facts, see functions/openapi/document.ts) do not cover or that this route answers
   * differently, e.g. a ballot's 410 page.
   */
  readonly responses: Readonly<Record<number, RouteResponse>>;
  /** Creating POSTs: a retry with the same Idempotency-Key header returns the first answer. */
  readonly idempotent?: true;
  /**
   * The web app's pages (HTML for people, rendered by the web feature), not the JSON API: left out of
   * the OpenAPI document; the function gets what pages need (the API's URL, the site's, sign-in).
   */
  readonly page?: true;
  /**
   * An HTML page of the API that loads scripts from the site's assets (the docs page loads Redoc from
   * the CDN instead of bundling 1.1 MB into its function): the function gets SITE_URL and ASSET_VERSION.
   */
  readonly siteAssets?: true;
  /**
   * Errors in GeoReport v2's format (`[{ code, description }]`, JSON or XML by the path's extension)
   * instead of problem+json; the handler passes the renderer to httpHandler as `errorResponse`.
   */
  readonly errorFormat?: 'open311';
}

export function defineRoute<const T extends RouteSpec>(spec: T): T {
  return spec;
}

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;
