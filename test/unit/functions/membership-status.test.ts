import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '../../../functions/membership/application.ts';
import {
  isMember,
  MEMBER_STATUSES,
  type MembershipAction,
  nextStatus,
  TRANSITIONS,
} from '../../../functions/membership/status.ts';
import { HttpError } from '../../../functions/shared/problem.ts';

/**
 * The membership status rules as docs/architecture.md states them, written out here by hand (not derived from
 * TRANSITIONS), so a change to the rules shows up as a failing row.
 */
const EXPECTED: Record<MembershipAction, { from: readonly MembershipStatus[]; to: MembershipStatus }> = {
  accept: { from: ['submitted'], to: 'associate' },
  reject: { from: ['submitted'], to: 'rejected' },
  withdraw: { from: ['submitted', 'associate', 'full_pending', 'full'], to: 'withdrawn' },
  requestFullMembership: { from: ['associate'], to: 'full_pending' },
  approveFullMembership: { from: ['full_pending'], to: 'full' },
  returnToAssociate: { from: ['full_pending'], to: 'associate' },
};

const ACTIONS = Object.keys(EXPECTED) as MembershipAction[];

const allowed = ACTIONS.flatMap((action) =>
  EXPECTED[action].from.map((from) => ({ action, from, to: EXPECTED[action].to })),
);
const refused = ACTIONS.flatMap((action) =>
  MEMBERSHIP_STATUSES.filter((s) => !EXPECTED[action].from.includes(s)).map((from) => ({ action, from })),
);

/** The error nextStatus throws, or undefined when it does not throw. */
function errorOf(action: MembershipAction, current: MembershipStatus): unknown {
  try {
    nextStatus(action, current);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('membership status rules', () => {
  it('declare exactly the actions of the API contract', () => {
    // Assess
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it('cover every pair of status and action (table is complete)', () => {
    // Assess
    expect(allowed.length + refused.length).toBe(ACTIONS.length * MEMBERSHIP_STATUSES.length);
    expect(allowed).toHaveLength(9);
  });

  it.each(allowed)('move a $from city to $to when asked to $action', ({ action, from, to }) => {
    // Act
    const next = nextStatus(action, from);

    // Assess
    expect(next).toBe(to);
  });

  it.each(refused)('refuse to $action a $from city with a 409 that names the status', ({ action, from }) => {
    // Act
    const error = errorOf(action, from);

    // Assess
    expect(error).toBeInstanceOf(HttpError);
    const e = error as HttpError;
    expect(e.status).toBe(409);
    expect(e.detail).toContain(`is ${from};`);
    expect(e.toProblem()).toMatchObject({ status: 409, title: 'Conflict', detail: e.detail });
  });

  it('say in the 409 which statuses the action needs', () => {
    // Act
    const error = errorOf('withdraw', 'rejected') as HttpError;

    // Assess
    expect(error.detail).toContain('submitted or associate or full_pending or full');
  });

  it('never let a rejected or withdrawn city move again', () => {
    for (const from of ['rejected', 'withdrawn'] as const) {
      for (const action of ACTIONS) {
        // Act
        const error = errorOf(action, from);

        // Assess
        expect(error, `${action} from ${from}`).toMatchObject({ status: 409 });
      }
    }
  });
});

describe('isMember', () => {
  it.each([
    ['associate', true],
    ['full', true],
    ['submitted', false],
    ['full_pending', false],
    ['rejected', false],
    ['withdrawn', false],
  ] as const)('says %s is a member: %s', (status, expected) => {
    // Act
    const member = isMember(status);

    // Assess
    expect(member).toBe(expected);
  });

  it('agrees with the statuses of the public directory', () => {
    // Assess
    expect([...MEMBER_STATUSES]).toEqual(['associate', 'full']);
    expect(MEMBERSHIP_STATUSES.filter(isMember)).toEqual(['associate', 'full']);
  });
});
