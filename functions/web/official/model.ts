import { pathIn } from '../layout.ts';
import type { PageRequest } from '../server.ts';

/**
 * What the officials' pages read from the CPS API (GET /requests/{id} as the official in charge sees it,
 * GET /officials/me/requests, GET /requests/{id}/assignees), and the little they decide from it.
 */
export const STATUSES = ['submitted', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export interface Update {
  readonly at: string;
  readonly actor: string;
  readonly status: Status;
  readonly note: string;
  readonly public: boolean;
}

export interface CivicRequest {
  readonly id: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly service: string;
  readonly serviceName: string;
  readonly district: string;
  readonly description: string;
  readonly location?: { readonly lat: number; readonly lng: number };
  readonly address?: string;
  /** Photos: the site's own (`/media/`) or links a civic app gave. */
  readonly mediaUrls?: readonly string[];
  readonly status: Status;
  readonly assignedTo?: { readonly name: string; readonly title: string; readonly email?: string };
  readonly createdAt: string;
  readonly expectedAt: string;
  readonly overdue: boolean;
  /** Present (perhaps empty) only in the full view: the official in charge and the Secretariat. */
  readonly contact?: { readonly name?: string; readonly email?: string; readonly phone?: string };
  readonly escalatedAt?: string;
  readonly contactRemovedAt?: string;
  readonly updates?: readonly Update[];
  /** The answers to the service's questions, as the citizen was asked them (full view). */
  readonly answers?: readonly {
    readonly code: string;
    readonly question: string;
    readonly datatype: string;
    readonly answer: readonly string[];
  }[];
  /** The answers by code, and attributes an app sent of its own (full view). */
  readonly attributes?: Readonly<Record<string, string | readonly string[]>>;
}

export interface Assignee {
  readonly id: string;
  readonly name: string;
  readonly title: string;
}

/** The full view is the one with the contact (an empty object when the citizen left none). */
export const isFullView = (r: CivicRequest) => r.contact !== undefined;

const OPEN: readonly Status[] = ['submitted', 'assigned', 'in_progress'];
export const isOpen = (s: Status) => OPEN.includes(s);

/** Overdue: still open after its due time (the sweep flags it a little later; the page does not wait). */
export const isOverdue = (r: CivicRequest, now = new Date()) =>
  isOpen(r.status) && (r.overdue || Date.parse(r.expectedAt) < now.getTime());

/**
 * The statuses an update may choose: the current one (a note only) and the moves forward. These are the
 * API's rules as they stand; if they change, the API's 409 still says no, in the page's language.
 */
export function nextStatuses(current: Status): readonly Status[] {
  if (current === 'submitted' || current === 'closed') return [];
  return [current, ...(['in_progress', 'resolved', 'closed'] as const).filter((s) => s !== current)];
}

/** A hand-over keeps a request open for the next official: only open requests are handed over. */
export const canHandOver = (s: Status) => isOpen(s);

/** Paths of these pages. */
export const queuePath = (lang: PageRequest['lang']) => pathIn(lang, '/official');
export const requestPath = (lang: PageRequest['lang'], id: string) =>
  pathIn(lang, `/official/requests/${encodeURIComponent(id)}`);

/** One value of a posted form field; a repeated field is no answer. */
export function field(form: PageRequest['form'], name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** Free text as the API takes it: trimmed, newlines and tabs allowed, other control characters not. */
export function checkText(value: string, max: number): 'missing' | 'long' | 'characters' | undefined {
  const text = value.trim();
  if (text === '') return 'missing';
  if (text.length > max) return 'long';
  if (/(?![\t\n\r])\p{Cc}/u.test(text)) return 'characters';
  return undefined;
}
