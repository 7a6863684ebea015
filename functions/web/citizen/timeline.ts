import type { publicRequest } from '../../cps/responses.ts';
import type * as z from '../../shared/zod.ts';

/** A request as anyone may see it: `GET /requests/{id}` without a token (no contact details). */
export type PublicRequest = z.infer<typeof publicRequest>;

/** One line of a request's story, told in plain words by the page. */
export type TimelineEvent =
  | { readonly kind: 'received'; readonly at: string }
  | { readonly kind: 'assigned'; readonly at: string; readonly title?: string; readonly note?: string }
  | {
      readonly kind: Exclude<TimelineEntry['event'], 'submitted' | 'assigned'>;
      readonly at: string;
      readonly note?: string;
    };

type TimelineEntry = PublicRequest['timeline'][number];

/**
 * The story of a request from the history its public view gives (functions/cps/timeline.ts): the
 * API says what happened (`submitted`, `assigned` to whom, `reopened`…), the page says it in the
 * visitor's language. Public notes only; the API never gives other ones.
 */
export function timelineOf(r: PublicRequest): TimelineEvent[] {
  return r.timeline.map((e): TimelineEvent => {
    const note = e.note ? { note: e.note } : {};
    if (e.event === 'submitted') return { kind: 'received', at: e.at };
    if (e.event === 'assigned')
      return { kind: 'assigned', at: e.at, ...(e.official ? { title: e.official.title } : {}), ...note };
    return { kind: e.event, at: e.at, ...note };
  });
}

/** Open past its expected date: the API marks it when it escalates; until then the page sees it too. */
export const isOverdue = (r: PublicRequest, now = Date.now()): boolean =>
  r.overdue ||
  (['submitted', 'assigned', 'in_progress'].includes(r.status) && Date.parse(r.expectedAt) < now);
