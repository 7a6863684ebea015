/**
 * Country names for people, in English, from the runtime (Intl). Apart from the application form's
 * schema (application.ts), so the emails and the ballot page do not bring the form's country list and
 * validation into the functions that only show an application.
 */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
export const countryName = (code: string): string => regionNames.of(code) ?? code;
