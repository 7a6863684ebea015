import type { RequestStatus } from './request-status.ts';
import type { RequestUpdate, UpdateKind } from './types.ts';

/**
 * A request's history as a citizen's page tells it, in events a page words in its language:
 * `submitted`, `assigned` (to an official, by name and title), `in_progress`, `resolved`, `closed`,
 * `reopened` (the citizen said it is not fixed), `fixed` (the citizen confirmed it is) and `note` (a
 * public note without a change of status). Public notes are shown; internal notes, the citizen's own
 * comments, contact removals and who acted (an official's email) never are. Pure.
 */
export const TIMELINE_EVENTS = [
  'submitted',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'reopened',
  'fixed',
  'note',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

export interface TimelineEntry {
  readonly at: string;
  readonly event: TimelineEvent;
  /** The official's public note. */
  readonly note?: string;
  /** Who it was assigned to (`assigned`), when known. */
  readonly official?: { readonly name: string; readonly title: string };
}

/** The kind of an entry, inferred for those written before kinds were recorded. */
function kindOf(update: RequestUpdate, index: number): UpdateKind {
  if (update.kind) return update.kind;
  if (index === 0) return 'filed';
  if (update.actor === 'retention') return 'retention';
  if (!update.public && update.status === 'assigned' && update.note.startsWith('Handed over to '))
    return 'handover';
  return 'update';
}

const STATUS_EVENTS: Record<RequestStatus, TimelineEvent> = {
  submitted: 'submitted',
  assigned: 'assigned',
  in_progress: 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
};

export function timeline(updates: readonly RequestUpdate[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let previous: RequestStatus | undefined;
  updates.forEach((u, i) => {
    const official = u.official ? { official: { name: u.official.name, title: u.official.title } } : {};
    switch (kindOf(u, i)) {
      case 'filed':
        entries.push({ at: u.at, event: 'submitted' });
        if (u.status === 'assigned') entries.push({ at: u.at, event: 'assigned', ...official });
        break;
      case 'handover':
        entries.push({ at: u.at, event: 'assigned', ...official });
        break;
      case 'feedback':
        entries.push({ at: u.at, event: u.status === 'closed' ? 'fixed' : 'reopened' });
        break;
      case 'update': {
        const note = u.public ? { note: u.note } : {};
        if (u.status !== previous) entries.push({ at: u.at, event: STATUS_EVENTS[u.status], ...note });
        else if (u.public) entries.push({ at: u.at, event: 'note', note: u.note });
        break;
      }
      case 'contact_removed':
      case 'retention':
        break;
    }
    previous = u.status;
  });
  return entries;
}

/** When the request last became resolved (the resolution its citizen is asked about). */
export function resolvedAt(updates: readonly RequestUpdate[]): string | undefined {
  let at: string | undefined;
  let previous: RequestStatus | undefined;
  for (const u of updates) {
    if (u.status === 'resolved' && previous !== 'resolved') at = u.at;
    previous = u.status;
  }
  return at;
}

/** How many times the citizen reopened the request by answering "not fixed". */
export const timesReopened = (updates: readonly RequestUpdate[]): number =>
  updates.filter((u) => u.kind === 'feedback' && u.status !== 'closed').length;
