import { serviceCode } from '../cps/schemas.ts';
import { badRequest, type FieldError, HttpError } from '../shared/problem.ts';
import { LAST_INSTANT, parseW3cDateTime } from '../shared/w3c-date.ts';

/**
 * Query arguments of the Open311 GET methods (GeoReport v2, "GET Service Requests"; FixMyStreet's
 * "GET Service Request Updates"). Pure: no AWS.
 *
 * - "Optional Arguments": an empty parameter is the same as no parameter.
 * - `service_request_id` (comma list, up to 1,000 ids: FixMyStreet asks for all its open reports at
 *   once) "overrides all other arguments".
 * - `service_code`, `status` (open|closed): comma lists; the HTTP API joins a repeated parameter with
 *   commas, so "can be declared multiple times" works too. A code that cannot be one is not found (404).
 * - `start_date` / `end_date`: w3 format with a time zone; the window "defaults to most recent 90 days"
 *   and "may not span more than 90 days" (a wider one is a 400, not silently cut).
 * - `page_size` / `page`: what most servers take (Code for America's `three` sends `page_size` for
 *   `requests(count=n)`): pages of the window's list, which holds its newest 1,000 requests.
 * - `jurisdiction_id` is accepted and ignored: the jurisdiction is the {cityId} of the path. `api_key`
 *   is accepted and ignored too (no GET needs one; some clients send it everywhere).
 * - Any other parameter is a 400, so a typo (`stauts=open`) never returns everything silently.
 */
export const WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
export const MAX_IDS = 1000;
const DAY_MS = 24 * 3600_000;

export type Open311Status = 'open' | 'closed';

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

export type RequestQuery =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | (Window & {
      readonly kind: 'window';
      readonly serviceCodes?: readonly string[];
      readonly statuses?: readonly Open311Status[];
      /** The slice of the window's list to answer: `page_size` from `(page - 1) * page_size`. */
      readonly page: { readonly offset: number; readonly size: number };
    });

const IGNORED = ['jurisdiction_id', 'api_key'] as const;
const REQUEST_ARGS = [
  'service_request_id',
  'service_code',
  'start_date',
  'end_date',
  'status',
  'page_size',
  'page',
] as const;
const UPDATE_ARGS = ['start_date', 'end_date'] as const;

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

/**
 * Discovery, services, a service definition, a single request and a token take no arguments but the
 * ignored ones; so does a POST's query string (the Python `open311` library puts `api_key` there).
 */
export function checkPlainQuery(query: Query = {}): void {
  const [, errors] = present(query, IGNORED);
  if (errors.length > 0) throw fail(errors);
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The window of `start_date` and `end_date`, pushing what is wrong with them onto `errors`. */
function windowOf(values: Record<string, string>, errors: FieldError[], now: Date): Window | undefined {
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
  if (errors.length > 0) return undefined;
  const window = WINDOW_DAYS * DAY_MS;
  const start = dates.start_date;
  const end = dates.end_date;
  const from = start ?? new Date((end ?? now).getTime() - window);
  const to = end ?? (start ? new Date(start.getTime() + window) : now);
  // A zone offset or the default window can carry a date of 9999 past the year 9999; keys cannot hold that.
  if (to.getTime() > LAST_INSTANT) {
    errors.push({
      path: end ? 'end_date' : 'start_date',
      message: 'must be before 9999-12-31T23:59:59Z (with the window)',
    });
  } else if (to < from) {
    errors.push({ path: 'end_date', message: 'must not be before start_date' });
  } else if (to.getTime() - from.getTime() > window) {
    errors.push({ path: 'end_date', message: `the range may not span more than ${WINDOW_DAYS} days` });
  }
  return errors.length > 0 ? undefined : { from, to };
}

/** A whole number from `min` to `max`, or a field error. */
function wholeNumber(
  values: Record<string, string>,
  key: string,
  min: number,
  max: number,
  errors: FieldError[],
) {
  const raw = values[key];
  if (raw === undefined) return undefined;
  const n = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= min && n <= max)) {
    errors.push({ path: key, message: `must be a whole number from ${min} to ${max}` });
    return undefined;
  }
  return n;
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
  if ((serviceCodes?.length ?? 0) > 100)
    errors.push({ path: 'service_code', message: 'lists too many codes' });

  const statuses = values.status === undefined ? undefined : [...new Set(list(values.status))];
  for (const status of statuses ?? []) {
    if (status !== 'open' && status !== 'closed')
      errors.push({ path: 'status', message: `must be open or closed, not ${status}` });
  }
  const size = wholeNumber(values, 'page_size', 1, MAX_RESULTS, errors) ?? MAX_RESULTS;
  const page = wholeNumber(values, 'page', 1, MAX_RESULTS, errors) ?? 1;
  const window = windowOf(values, errors, now);
  if (errors.length > 0 || !window) throw fail(errors);
  // GeoReport v2: a service_code that was not found is a 404; one that cannot be a code never is.
  const malformed = serviceCodes?.find((code) => !serviceCode.safeParse(code).success);
  if (malformed !== undefined) throw new HttpError(404, `service_code ${malformed} was not found`);

  return {
    kind: 'window',
    ...window,
    ...(serviceCodes && serviceCodes.length > 0 ? { serviceCodes } : {}),
    ...(statuses && statuses.length > 0 ? { statuses: statuses as Open311Status[] } : {}),
    page: { offset: (page - 1) * size, size },
  };
}

/** Parses the arguments of GET servicerequestupdates.{format}: the window, as for requests. */
export function parseUpdatesQuery(query: Query = {}, now = new Date()): Window {
  const [values, errors] = present(query, [...UPDATE_ARGS, ...IGNORED]);
  const window = errors.length > 0 ? undefined : windowOf(values, errors, now);
  if (errors.length > 0 || !window) throw fail(errors);
  return window;
}
