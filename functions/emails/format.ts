/** Dates as every email writes them: unambiguous, in UTC, in English. */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const toDate = (value: string | Date): Date | undefined => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** A day in UTC, e.g. "26 November 2026". A value that is not a date is shown as it is. */
export function formatDateUtc(value: string | Date): string {
  const d = toDate(value);
  if (!d) return String(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A moment in UTC, e.g. "26 November 2026, 14:00 UTC". A value that is not a date is shown as it is. */
export function formatDateTimeUtc(value: string | Date): string {
  const d = toDate(value);
  if (!d) return String(value);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDateUtc(d)}, ${hh}:${mm} UTC`;
}
