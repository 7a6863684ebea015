import { conflict } from '../shared/problem.ts';

/**
 * Civic request statuses and the moves an update may make. `submitted` (no official found) leaves
 * only through an assignment; a closed request is final.
 */
export const REQUEST_STATUSES = ['submitted', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const UPDATES: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: [],
  assigned: ['assigned', 'in_progress', 'resolved', 'closed'],
  in_progress: ['in_progress', 'resolved', 'closed'],
  resolved: ['resolved', 'in_progress', 'closed'],
  closed: [],
};

/** Statuses in which a request still waits for the city: they escalate when overdue. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['submitted', 'assigned', 'in_progress'];
export const isOpen = (status: RequestStatus) => OPEN_STATUSES.includes(status);

/** Open311 knows two statuses. */
export const open311Status = (status: RequestStatus): 'open' | 'closed' =>
  status === 'resolved' || status === 'closed' ? 'closed' : 'open';

export function checkUpdate(from: RequestStatus, to: RequestStatus): void {
  if (!UPDATES[from].includes(to)) {
    const allowed = UPDATES[from];
    throw conflict(
      from === 'submitted'
        ? 'The request has no official yet: assign it first'
        : allowed.length === 0
          ? `The request is ${from}: it can no longer change`
          : `The request is ${from}; it can move to ${allowed.join(', ')}, not ${to}`,
    );
  }
}

/** A hand-over keeps the request open for the new official; a resolved or closed one is not handed over. */
export function checkHandOver(from: RequestStatus): RequestStatus {
  if (!isOpen(from)) throw conflict(`The request is ${from}: it cannot be handed over`);
  return 'assigned';
}
