import type { RequestStatus } from '../../cps/request-status.ts';
import type { publicRequest } from '../../cps/responses.ts';
import type * as z from '../../shared/zod.ts';

/** A request as anyone may see it: `GET /requests/{id}` without a token (no contact details). */
export type PublicRequest = z.infer<typeof publicRequest>;

/** One line of a request's story, told in plain words by the page. */
export type TimelineEvent =
  | { readonly kind: 'received'; readonly at: string }
  | { readonly kind: 'assigned'; readonly at: string; readonly title?: string; readonly note?: string }
  | {
      readonly kind: Exclude<RequestStatus, 'submitted' | 'assigned'>;
      readonly at: string;
      readonly note?: string;
    }
  | { readonly kind: 'note'; readonly at: string; readonly note: string };

/**
 * The story of a request from what its public view gives today: when it was received, its public
 * updates (a change of status, or a note without one), and a change of status no public update told.
 * The first update is the filing itself, whose note the system wrote: the page says it in the
 * visitor's language instead. Built in one place, so a richer history from the API changes only this.
 */
export function timelineOf(r: PublicRequest): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: 'received', at: r.createdAt }];
  const title = r.assignedTo?.title;
  let status: RequestStatus = 'submitted';
  for (const [i, u] of [...r.updates].sort((a, b) => a.at.localeCompare(b.at)).entries()) {
    const filing = i === 0 && u.at === r.createdAt;
    if (filing) {
      if (u.status === 'assigned') events.push({ kind: 'assigned', at: u.at, ...(title ? { title } : {}) });
    } else if (u.status === status || u.status === 'submitted') {
      events.push({ kind: 'note', at: u.at, note: u.note });
    } else {
      events.push(eventOf(u.status, u.at, title, u.note));
    }
    status = u.status;
  }
  // A change the public updates do not show (an assignment by the Secretariat, an internal note's status).
  if (r.status !== status && r.status !== 'submitted') events.push(eventOf(r.status, r.updatedAt, title));
  return events;
}

function eventOf(
  status: Exclude<RequestStatus, 'submitted'>,
  at: string,
  title: string | undefined,
  note?: string,
): TimelineEvent {
  const withNote = note ? { note } : {};
  return status === 'assigned'
    ? { kind: 'assigned', at, ...(title ? { title } : {}), ...withNote }
    : { kind: status, at, ...withNote };
}

/** Open past its expected date: the API marks it when it escalates; until then the page sees it too. */
export const isOverdue = (r: PublicRequest, now = Date.now()): boolean =>
  r.overdue ||
  (['submitted', 'assigned', 'in_progress'].includes(r.status) && Date.parse(r.expectedAt) < now);
