import { conflict } from '../shared/problem.ts';
import type { MembershipStatus } from './application.ts';

/**
 * The membership status rules: which action moves a city from which status to which. Plain data and
 * functions, no AWS: handlers and the workflow ask here, and the store makes the write conditional
 * on the status read, so a racing change loses with a 409.
 */
export const TRANSITIONS = {
  accept: { from: ['submitted'], to: 'associate' },
  reject: { from: ['submitted'], to: 'rejected' },
  withdraw: { from: ['submitted', 'associate', 'full_pending', 'full'], to: 'withdrawn' },
  requestFullMembership: { from: ['associate'], to: 'full_pending' },
  approveFullMembership: { from: ['full_pending'], to: 'full' },
  returnToAssociate: { from: ['full_pending'], to: 'associate' },
} as const satisfies Record<string, { from: readonly MembershipStatus[]; to: MembershipStatus }>;

export type MembershipAction = keyof typeof TRANSITIONS;

/** Statuses shown in the public directory. */
export const MEMBER_STATUSES = ['associate', 'full'] as const;

export const isMember = (status: MembershipStatus): boolean =>
  (MEMBER_STATUSES as readonly string[]).includes(status);

/**
 * The status the public directory shows: a city whose Full Membership is being voted on is still an
 * Associate Member; applicants, rejected and withdrawn cities are not listed (undefined).
 */
export function directoryStatus(status: MembershipStatus): (typeof MEMBER_STATUSES)[number] | undefined {
  if (status === 'full_pending') return 'associate';
  return isMember(status) ? (status as (typeof MEMBER_STATUSES)[number]) : undefined;
}

/** The status `action` leads to from `current`, or a 409 that says why not. */
export function nextStatus(action: MembershipAction, current: MembershipStatus): MembershipStatus {
  const rule = TRANSITIONS[action];
  if (!(rule.from as readonly MembershipStatus[]).includes(current)) {
    throw conflict(
      `The application is ${current}; ${describe(action)} needs it to be ${rule.from.join(' or ')}`,
    );
  }
  return rule.to;
}

function describe(action: MembershipAction): string {
  switch (action) {
    case 'accept':
      return 'accepting it';
    case 'reject':
      return 'rejecting it';
    case 'withdraw':
      return 'withdrawing it';
    case 'requestFullMembership':
      return 'requesting Full Membership';
    case 'approveFullMembership':
      return 'approving Full Membership';
    case 'returnToAssociate':
      return 'returning it to Associate Member';
  }
}
