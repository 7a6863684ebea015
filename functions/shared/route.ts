/**
 * A route of the HTTP API, declared once next to its handler. The CDK API construct builds the
 * routes and their Lambda functions from the catalogue in functions/routes.ts; the handler reads the
 * same object for its role check. No AWS imports here: CDK code imports this file.
 */
export const ROLES = ['secretariat', 'committee', 'official'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
}

export function defineRoute<const T extends RouteSpec>(spec: T): T {
  return spec;
}

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;
