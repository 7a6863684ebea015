import type { Translator } from '../../shared/i18n.ts';
import type { CitizenKey } from './messages.ts';

/** Numbers and dates of the citizen's pages, written the way the page's language writes them. */

/** A map position in words: "latitude 37.56650, longitude 126.97800" (the map script writes the same). */
export function coordinates(t: Translator<CitizenKey>, lat: string | number, lng: string | number): string {
  const number = new Intl.NumberFormat(t.locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  return t('where.map.position', { lat: number.format(Number(lat)), lng: number.format(Number(lng)) });
}

/** A moment with its time, in UTC (the platform's zone; a city's own is not known) and saying so. */
export const dateTime = (t: { locale: string }, iso: string): string =>
  new Intl.DateTimeFormat(t.locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));
