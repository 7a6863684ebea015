import { normalizeName } from '../shared/text.ts';
import { isOpen, type RequestStatus } from './request-status.ts';

/**
 * Keys of the Civic Participation System in the single table (see the README's access patterns):
 * - `CITY#<city>` / `SERVICES`: the city's services (matters), one versioned document
 * - `CITY#<city>` / `OFFICIAL#<id>`, and `OFFICIALEMAIL#<email>` (an email is unique within a city);
 *   `OFFICIAL#<id>` / `OFFICIAL`: the official by id alone
 * - `CITY#<city>` / `ROUTING`: the routing rules, one versioned document; `*` is a wildcard
 * - `REQUEST#<id>` / `REQUEST`, `UPDATE#<at>#<uuid>`: a civic request and its updates;
 *   `TOKEN#<sha256>`: the hash of a token emailed to the citizen (their "is it fixed?" and contact links)
 *   gsi2 `CITY#<city>#UPD#<yyyy-mm>` / `<at>#<id>#<uuid>`: a city's public updates by time (Open311 feed)
 * - `REQUEST#<id>` / `APPUPDATE#<sha256>`: a comment a civic app posted, by the app's own id (retries)
 *   gsi1 `ASSIGNEE#<email>` / `<phase>#<expectedAt>#<id>`: an official's queue, open requests first by
 *   due time (so the overdue ones lead), then the resolved, then the closed
 *   gsi2 `CITY#<city>#REQ#<yyyy-mm>` / `<createdAt>#<id>`: a city's requests by date (Open311)
 *   gsi3 `DUE` / `<expectedAt>#<id>`: open requests not yet escalated, by due time (sparse)
 *   gsi3 `OVERDUE` / `<expectedAt>#<id>`: open requests escalated as overdue, by due time (sparse)
 *   gsi3 `CLOSED` / `<closedAt>#<id>`: closed requests that still hold a citizen's contact (sparse)
 */
export const WILDCARD = '*';
const cityPk = (cityId: string) => `CITY#${cityId}`;

export const servicesKey = (cityId: string) => ({ pk: cityPk(cityId), sk: 'SERVICES' });

export const officialKey = (cityId: string, id: string) => ({ pk: cityPk(cityId), sk: `OFFICIAL#${id}` });
export const OFFICIAL_PREFIX = 'OFFICIAL#';
export const officialEmailKey = (cityId: string, email: string) => ({
  pk: cityPk(cityId),
  sk: `OFFICIALEMAIL#${email}`,
});
/** The same official addressed by id alone, so a hand-over reads it alongside the request. */
export const officialByIdKey = (id: string) => ({ pk: `OFFICIAL#${id}`, sk: 'OFFICIAL' });

/** Districts match whatever the case, accents or punctuation a citizen typed them with. */
export const districtKey = (district: string) => (district === WILDCARD ? WILDCARD : normalizeName(district));
export const routingKey = (cityId: string) => ({ pk: cityPk(cityId), sk: 'ROUTING' });

export const requestKey = (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' });
export const requestPk = (id: string) => `REQUEST#${id}`;
export const updateSk = (at: string, id: string) => `UPDATE#${at}#${id}`;
export const UPDATE_PREFIX = 'UPDATE#';
export const tokenSk = (hash: string) => `TOKEN#${hash}`;
export const TOKEN_PREFIX = 'TOKEN#';
/** The update's own id (Open311 `update_id`): the uuid that ends its sort key. */
export const updateIdOf = (sk: string) => sk.slice(sk.lastIndexOf('#') + 1);
export const cityUpdatesPk = (cityId: string, yearMonth: string) => `CITY#${cityId}#UPD#${yearMonth}`;
export const cityUpdatesIndex = (cityId: string, at: string, requestId: string, updateId: string) => ({
  gsi2pk: cityUpdatesPk(cityId, at.slice(0, 7)),
  gsi2sk: `${at}#${requestId}#${updateId}`,
});
export const appUpdateKey = (requestId: string, hash: string) => ({
  pk: requestPk(requestId),
  sk: `APPUPDATE#${hash}`,
});

/**
 * Where a status puts a request in its official's queue: the phases sort in the order an official works
 * them, and within a phase the requests sort by due time, so an open request past its due time (overdue)
 * comes before every other.
 */
export const QUEUE_PHASES = { open: '1open', resolved: '2resolved', closed: '3closed' } as const;
export const queuePhase = (status: RequestStatus) =>
  isOpen(status) ? QUEUE_PHASES.open : status === 'resolved' ? QUEUE_PHASES.resolved : QUEUE_PHASES.closed;
export const assigneeIndex = (email: string, status: RequestStatus, expectedAt: string, id: string) => ({
  gsi1pk: `ASSIGNEE#${email}`,
  gsi1sk: `${queuePhase(status)}#${expectedAt}#${id}`,
});
export const assigneePk = (email: string) => `ASSIGNEE#${email}`;
export const cityMonthPk = (cityId: string, yearMonth: string) => `CITY#${cityId}#REQ#${yearMonth}`;
export const cityMonthIndex = (cityId: string, createdAt: string, id: string) => ({
  gsi2pk: cityMonthPk(cityId, createdAt.slice(0, 7)),
  gsi2sk: `${createdAt}#${id}`,
});
export const CLOSED_PK = 'CLOSED';
export const closedIndex = (closedAt: string, id: string) => ({
  gsi3pk: CLOSED_PK,
  gsi3sk: `${closedAt}#${id}`,
});
export const OVERDUE_PK = 'OVERDUE';
export const overdueIndex = (expectedAt: string, id: string) => ({
  gsi3pk: OVERDUE_PK,
  gsi3sk: `${expectedAt}#${id}`,
});
export const DUE_PK = 'DUE';
export const dueIndex = (expectedAt: string, id: string) => ({
  gsi3pk: DUE_PK,
  gsi3sk: `${expectedAt}#${id}`,
});

/** The `yyyy-mm` month partitions (gsi2) a window touches, newest first: at most four for 90 days. */
export function monthsOf(from: Date, to: Date): string[] {
  const months: string[] = [];
  let y = to.getUTCFullYear();
  let m = to.getUTCMonth();
  const endY = from.getUTCFullYear();
  const endM = from.getUTCMonth();
  while (y > endY || (y === endY && m >= endM)) {
    months.push(`${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`);
    m -= 1;
    if (m < 0) {
      m = 11;
      y -= 1;
    }
  }
  return months;
}
