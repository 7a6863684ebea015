import { HttpError } from './problem.ts';
import { type Region, regionsOfGroups } from './regions.ts';
import { ROLES, type Role, type RouteSpec } from './route.ts';

export interface Caller {
  readonly email: string;
  readonly roles: readonly Role[];
  /** Region scopes from `region-<region>` groups (staff of a regional office); absent for everyone else. */
  readonly regions?: readonly Region[];
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

/** Clocks differ a little: a token issued up to this far ahead of ours is not "from the future". */
const CLOCK_SKEW_SECONDS = 300;
/** The shape Cognito requires of an email attribute, enough to refuse a list or an object flattened to a string. */
const EMAIL = /^[^\s@[\]",]+@[^\s@[\]",]+\.[^\s@[\]",]+$/;

/** An ID token whose claims cannot name a person: a 401 on role routes, signed out on public ones. */
export class UnverifiedIdentity extends HttpError {
  constructor(detail: string) {
    super(401, detail);
  }
}

/**
 * The verified caller of an authorized route; undefined on public routes. Identity rests on the
 * token's email only when the user pool verified that email (`email_verified`); a token that was
 * issued in the future or whose email is not an address names nobody.
 */
export function callerFromClaims(
  claims: Claims | undefined,
  nowSeconds = Date.now() / 1000,
): Caller | undefined {
  if (!claims) return undefined;
  const email = claims.email;
  if (typeof email !== 'string' || !EMAIL.test(email)) {
    throw new UnverifiedIdentity('The token carries no email address');
  }
  if (claims.email_verified !== true && claims.email_verified !== 'true') {
    throw new UnverifiedIdentity('The email address of this token is not verified');
  }
  if (claims.iat !== undefined && !(Number(claims.iat) <= nowSeconds + CLOCK_SKEW_SECONDS)) {
    throw new UnverifiedIdentity('The token was issued in the future');
  }
  const groups = parseGroups(claims['cognito:groups']);
  const roles = groups.filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  const regions = regionsOfGroups(groups);
  return {
    email: email.toLowerCase(),
    roles,
    ...(regions.length > 0 ? { regions } : {}),
    subject: String(claims.sub ?? ''),
  };
}

/** Route-level authorization: the authorizer proved who it is, this checks what it may do. */
export function authorize(route: Pick<RouteSpec, 'access'>, caller: Caller | undefined): Caller | undefined {
  if (route.access === 'public') return caller;
  if (!caller) throw new HttpError(401, 'A bearer token is required');
  if (!caller.roles.some((r) => route.access.includes(r))) {
    throw new HttpError(403, `This route is for: ${route.access.join(', ')}`);
  }
  return caller;
}
