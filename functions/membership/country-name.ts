/**
 * Country names for people, from the runtime (Intl): in English by default, or in a page's or an
 * email's locale. Apart from the application form's schema (application.ts), so the emails and the
 * ballot page do not bring the form's country list and validation into the functions that only show
 * an application.
 */
const byLocale = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, locale = 'en'): string {
  let names = byLocale.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    byLocale.set(locale, names);
  }
  return names.of(code) ?? code;
}
