import { HttpError } from './problem.ts';
import { ROLES, type Role, type RouteSpec } from './route.ts';

export interface Caller {
  readonly email: string;
  readonly roles: readonly Role[];
  readonly subject: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway HTTP APIs hand JWT claims to Lambda as strings; an array claim such as
 * `cognito:groups` arrives as "[secretariat committee]". Accept that and a real array.
 */
export function parseGroups(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter((g) => g.length > 0);
}

/** The verified caller of an authorized route; undefined on public routes. */
export function callerFromClaims(claims: Claims | undefined): Caller | undefined {
  if (!claims) return undefined;
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
  const roles = parseGroups(claims['cognito:groups']).filter((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  return { email, roles, subject: String(claims.sub ?? '') };
}

/** Route-level authorization: the authorizer proved who it is, this checks what it may do. */
export function authorize(route: Pick<RouteSpec, 'access'>, caller: Caller | undefined): Caller | undefined {
  if (route.access === 'public') return caller;
  if (!caller) throw new HttpError(401, 'A bearer token is required');
  if (!caller.email) throw new HttpError(401, 'The token carries no email claim');
  if (!caller.roles.some((r) => route.access.includes(r))) {
    throw new HttpError(403, `This route is for: ${route.access.join(', ')}`);
  }
  return caller;
}
