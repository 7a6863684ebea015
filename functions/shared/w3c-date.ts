/**
 * Dates in the W3C profile of ISO 8601 (the "w3 format" of Open311 and of date-time attributes). Pure.
 */

/** The last instant an ISO 8601 date of four-digit years (the keys' sort order) can name. */
export const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A date or date-time: `2010-01-01T00:00:00Z`, `1994-11-05T08:15:30-05:00`, fractions of seconds, or
 * a whole day `2010-01-01` (midnight UTC). A time without a time zone is refused: the spec says the
 * zone must be included. A `+` that arrived as a space (an unencoded `+05:00` in a query string) is
 * read as `+`.
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
