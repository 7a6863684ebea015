import { serviceCode } from '../cps/schemas.ts';
import { badRequest, type FieldError } from '../shared/problem.ts';

/**
 * Query arguments of the Open311 GET methods (GeoReport v2, "GET Service Requests"). Pure: no AWS.
 *
 * - "Optional Arguments": an empty parameter is the same as no parameter.
 * - `service_request_id` (comma list) "overrides all other arguments".
 * - `service_code`, `status` (open|closed): comma lists; the HTTP API joins a repeated parameter with
 *   commas, so "can be declared multiple times" works too.
 * - `start_date` / `end_date`: w3 format with a time zone; the window "defaults to most recent 90 days"
 *   and "may not span more than 90 days" (a wider one is a 400, not silently cut).
 * - `jurisdiction_id` is accepted and ignored: the jurisdiction is the {cityId} of the path. `api_key`
 *   is accepted and ignored too (no GET needs one; some clients send it everywhere).
 * - Any other parameter is a 400, so a typo (`stauts=open`) never returns everything silently.
 */
export const WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
export const MAX_IDS = 100;
const DAY_MS = 24 * 3600_000;

export type Open311Status = 'open' | 'closed';

export type RequestQuery =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | {
      readonly kind: 'window';
      readonly from: Date;
      readonly to: Date;
      readonly serviceCodes?: readonly string[];
      readonly statuses?: readonly Open311Status[];
    };

const IGNORED = ['jurisdiction_id', 'api_key'] as const;
const REQUEST_ARGS = ['service_request_id', 'service_code', 'start_date', 'end_date', 'status'] as const;

/** Service request ids as this API issues them (and nothing that could reach a key as something else). */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const isRequestId = (id: string): boolean => REQUEST_ID.test(id);

type Query = Readonly<Record<string, string | undefined>>;

/** The parameters that have a value; an unknown one is a field error. */
function present(query: Query, allowed: readonly string[]): [Record<string, string>, FieldError[]] {
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (!allowed.includes(key)) {
      errors.push({ path: key, message: `is not a parameter of this method` });
      continue;
    }
    const value = (raw ?? '').trim();
    if (value !== '') values[key] = value;
  }
  return [values, errors];
}

const fail = (errors: FieldError[]) => badRequest('The query is not valid', errors);

/** Discovery, services, a service definition and a single request take no arguments but the ignored ones. */
export function checkPlainQuery(query: Query = {}): void {
  const [, errors] = present(query, IGNORED);
  if (errors.length > 0) throw fail(errors);
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The last instant an ISO 8601 date of four-digit years (the keys' sort order) can name. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A date or date-time in the W3C profile of ISO 8601 (the spec's "w3 format"): `2010-01-01T00:00:00Z`,
 * `1994-11-05T08:15:30-05:00`, fractions of seconds, or a whole day `2010-01-01` (midnight UTC). A
 * time without a time zone is refused: the spec says the zone must be included. A `+` that arrived as
 * a space (an unencoded `+05:00` in a query string) is read as `+`.
 */
export function parseW3cDateTime(value: string): Date | undefined {
  const normalized = value.replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = W3C.exec(normalized);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', , zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) {
    return undefined;
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return undefined;
  const time = Date.parse(m[4] === undefined ? `${normalized}T00:00:00Z` : normalized);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Parses the arguments of GET requests.{format}; `now` anchors the default window. */
export function parseRequestQuery(query: Query = {}, now = new Date()): RequestQuery {
  const [values, errors] = present(query, [...REQUEST_ARGS, ...IGNORED]);
  if (errors.length > 0) throw fail(errors);

  if (values.service_request_id !== undefined) {
    const ids = [...new Set(list(values.service_request_id))];
    const bad = ids.filter((id) => !isRequestId(id));
    if (bad.length > 0)
      throw fail([{ path: 'service_request_id', message: `is not a request id: ${bad[0]}` }]);
    if (ids.length > MAX_IDS) {
      throw fail([{ path: 'service_request_id', message: `lists more than ${MAX_IDS} ids` }]);
    }
    if (ids.length > 0) return { kind: 'ids', ids };
  }

  const serviceCodes =
    values.service_code === undefined ? undefined : [...new Set(list(values.service_code))];
  for (const code of serviceCodes ?? []) {
    if (!serviceCode.safeParse(code).success)
      errors.push({ path: 'service_code', message: `is not a service code: ${code}` });
  }
  if ((serviceCodes?.length ?? 0) > 100)
    errors.push({ path: 'service_code', message: 'lists too many codes' });

  const statuses = values.status === undefined ? undefined : [...new Set(list(values.status))];
  for (const status of statuses ?? []) {
    if (status !== 'open' && status !== 'closed')
      errors.push({ path: 'status', message: `must be open or closed, not ${status}` });
  }

  const dates: Record<'start_date' | 'end_date', Date | undefined> = {
    start_date: undefined,
    end_date: undefined,
  };
  for (const key of ['start_date', 'end_date'] as const) {
    const raw = values[key];
    if (raw === undefined) continue;
    dates[key] = parseW3cDateTime(raw);
    if (!dates[key]) {
      errors.push({
        path: key,
        message: 'must be a w3 date-time with a time zone, e.g. 2010-01-01T00:00:00Z',
      });
    }
  }
  if (errors.length > 0) throw fail(errors);

  const window = WINDOW_DAYS * DAY_MS;
  const start = dates.start_date;
  const end = dates.end_date;
  const from = start ?? new Date((end ?? now).getTime() - window);
  const to = end ?? (start ? new Date(start.getTime() + window) : now);
  // A zone offset or the default window can carry a date of 9999 past the year 9999; keys cannot hold that.
  if (to.getTime() > LAST_INSTANT) {
    throw fail([
      {
        path: end ? 'end_date' : 'start_date',
        message: 'must be before 9999-12-31T23:59:59Z (with the window)',
      },
    ]);
  }
  if (to < from) throw fail([{ path: 'end_date', message: 'must not be before start_date' }]);
  if (to.getTime() - from.getTime() > window) {
    throw fail([{ path: 'end_date', message: `the range may not span more than ${WINDOW_DAYS} days` }]);
  }
  return {
    kind: 'window',
    from,
    to,
    ...(serviceCodes && serviceCodes.length > 0 ? { serviceCodes } : {}),
    ...(statuses && statuses.length > 0 ? { statuses: statuses as Open311Status[] } : {}),
  };
}
