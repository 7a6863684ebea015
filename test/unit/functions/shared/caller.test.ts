import { describe, expect, it } from 'vitest';
import {
  authorize,
  type Caller,
  callerFromClaims,
  parseGroups,
} from '../../../../functions/shared/caller.ts';
import { HttpError } from '../../../../functions/shared/problem.ts';

/** Runs `fn` and returns what it threw, so a test can assert on the status and not only on "it threw". */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('parseGroups', () => {
  it('reads the flattened "[a b]" string API Gateway forwards for an array claim', () => {
    // Prepare
    const claim = '[secretariat committee]';

    // Act
    const groups = parseGroups(claim);

    // Assess
    expect(groups).toEqual(['secretariat', 'committee']);
  });

  it('reads a single group in the flattened form', () => {
    expect(parseGroups('[official]')).toEqual(['official']);
  });

  it('reads a real array claim', () => {
    expect(parseGroups(['committee', 'official'])).toEqual(['committee', 'official']);
  });

  it('accepts commas and extra spaces between groups', () => {
    expect(parseGroups(' [secretariat,  committee ,official] ')).toEqual([
      'secretariat',
      'committee',
      'official',
    ]);
  });

  it('returns no groups for an empty list, a missing claim or a non-string claim', () => {
    expect(parseGroups('[]')).toEqual([]);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups(42)).toEqual([]);
  });
});

describe('callerFromClaims', () => {
  it('keeps only known roles and lower-cases the email', () => {
    // Prepare
    const claims = {
      sub: 'abc',
      email: 'Clerk@WeGO.example',
      email_verified: 'true',
      'cognito:groups': '[secretariat admins]',
    };

    // Act
    const caller = callerFromClaims(claims);

    // Assess
    expect(caller).toEqual({ email: 'clerk@wego.example', roles: ['secretariat'], subject: 'abc' });
  });

  it('returns no caller when there are no claims (public route)', () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
  });

  const verified = {
    sub: 's1',
    email: 'official@city.example',
    email_verified: 'true',
    'cognito:groups': '[official]',
  };

  it.each([
    ['the email is not verified', { ...verified, email_verified: 'false' }, /not verified/],
    ['the email_verified claim is missing', { ...verified, email_verified: undefined }, /not verified/],
    ['there is no email claim', { ...verified, email: undefined }, /no email/],
    [
      'the email claim was a list (flattened by the gateway)',
      { ...verified, email: '[a@b.example c@d.example]' },
      /no email/,
    ],
    ['the email claim is not a string', { ...verified, email: 42 }, /no email/],
    [
      'the token was issued in the future',
      { ...verified, iat: String(Math.floor(Date.now() / 1000) + 3600) },
      /future/,
    ],
  ])('answers 401 when %s', (_, claims, detail) => {
    const error = thrownBy(() => callerFromClaims(claims));
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).detail).toMatch(detail);
  });

  it('accepts a token issued a little ahead of our clock', () => {
    const iat = String(Math.floor(Date.now() / 1000) + 60);
    expect(callerFromClaims({ ...verified, iat })?.email).toBe('official@city.example');
  });
});

describe('region scopes', () => {
  const claims = (groups: string) => ({
    sub: 'r1',
    email: 'ulyanovsk@wego.example',
    email_verified: 'true',
    'cognito:groups': groups,
  });

  it('reads the regions of region-<region> groups beside the roles, from the verified claims', () => {
    expect(callerFromClaims(claims('[secretariat region-europe region-asia]'))).toEqual({
      email: 'ulyanovsk@wego.example',
      roles: ['secretariat'],
      regions: ['europe', 'asia'],
      subject: 'r1',
    });
  });

  it('ignores groups that name no known region, and gives no regions to a caller without one', () => {
    expect(callerFromClaims(claims('[secretariat region-atlantis regioneurope]'))?.regions).toBeUndefined();
    expect(callerFromClaims(claims('[secretariat]'))).not.toHaveProperty('regions');
  });

  it('gives a region group no role: alone it opens no role route', () => {
    const caller = callerFromClaims(claims('[region-europe]'));
    expect(caller?.roles).toEqual([]);
    expect((thrownBy(() => authorize({ access: ['secretariat'] }, caller)) as HttpError).status).toBe(403);
  });
});

describe('authorize', () => {
  const secretariatOnly = { access: ['secretariat'] as const };
  const secretary: Caller = { email: 'clerk@wego.example', roles: ['secretariat'], subject: 's1' };

  it('lets anyone through a public route, with or without a caller', () => {
    expect(authorize({ access: 'public' }, undefined)).toBeUndefined();
    expect(authorize({ access: 'public' }, secretary)).toBe(secretary);
  });

  it('answers 401 when the route needs a token and there is none', () => {
    // Act
    const error = thrownBy(() => authorize(secretariatOnly, undefined));

    // Assess
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
  });

  it('answers 403 when the caller has none of the route roles', () => {
    // Prepare
    const official: Caller = {
      email: 'official@city.example',
      roles: ['official', 'committee'],
      subject: 'o1',
    };

    // Act
    const error = thrownBy(() => authorize(secretariatOnly, official));

    // Assess
    expect((error as HttpError).status).toBe(403);
  });

  it('answers 403 when the caller has no role at all', () => {
    const nobody: Caller = { email: 'nobody@city.example', roles: [], subject: 'n1' };
    expect((thrownBy(() => authorize(secretariatOnly, nobody)) as HttpError).status).toBe(403);
  });

  it('returns the caller when one of its roles is allowed on the route', () => {
    // Prepare
    const member: Caller = { email: 'member@city.example', roles: ['committee'], subject: 'c1' };

    // Act
    const result = authorize({ access: ['secretariat', 'committee'] }, member);

    // Assess
    expect(result).toBe(member);
  });
});
