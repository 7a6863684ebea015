import { IntlMessageFormat } from 'intl-messageformat';

/**
 * The web app's languages: English, Korean, Spanish, French, Russian, Simplified Chinese and Arabic.
 * Messages are ICU MessageFormat (plurals, selects, numbers and dates by locale), kept per area of the
 * app in `messages/<area>.ts`, each with every language; a test fails when a message is missing in a
 * language or its placeholders differ from English.
 */
export const LANGUAGES = ['en', 'ko', 'es', 'fr', 'ru', 'zh', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ko: '한국어',
  es: 'Español',
  fr: 'Français',
  ru: 'Русский',
  zh: '简体中文',
  ar: 'العربية',
};

/** The BCP 47 locale the formatters use (Simplified Chinese is zh-Hans). */
const LOCALES: Record<Language, string> = {
  en: 'en',
  ko: 'ko',
  es: 'es',
  fr: 'fr',
  ru: 'ru',
  zh: 'zh-Hans',
  ar: 'ar',
};

export const isLanguage = (value: string | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? '');

export const directionOf = (lang: Language): 'ltr' | 'rtl' => (lang === 'ar' ? 'rtl' : 'ltr');

/** The catalogue of one area: the same keys in every language. */
export type Catalog<K extends string = string> = Record<Language, Record<K, string>>;

/** The best language for an Accept-Language header (q values honoured), English when none fits. */
export function negotiate(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { primary: tag.trim().toLowerCase().split('-')[0], q: Number.isNaN(q) ? 0 : q, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.primary).find(isLanguage) ?? 'en';
}

type Values = Record<string, string | number | Date | boolean | undefined>;

/** Formatters are built once per message and language (parsing is the costly part). */
const formatters = new Map<string, IntlMessageFormat>();

/** The message keys of one catalogue or of a union of them (distributes over the union). */
type KeysOf<C> = C extends { readonly en: infer E } ? keyof E & string : never;

/**
 * A translator for one language over one or more catalogues: `t('key', { n: 3 })`, where the key is
 * any key of any of them. A key that exists in none of them is a type error, and at run time a
 * programming error (the catalogue test checks every language has every key).
 */
export function translator<const Cs extends readonly Catalog[]>(lang: Language, ...catalogs: Cs) {
  const t = (key: KeysOf<Cs[number]>, values?: Values): string => {
    const catalog = catalogs.find((c) => key in c.en);
    const message = catalog?.[lang][key] ?? catalog?.en[key];
    if (message === undefined) throw new Error(`No message ${key}`);
    const id = `${lang}\u0000${message}`;
    let formatter = formatters.get(id);
    if (!formatter) {
      formatter = new IntlMessageFormat(message, LOCALES[lang]);
      formatters.set(id, formatter);
    }
    return String(formatter.format(values as Record<string, string | number | Date | boolean>));
  };
  return Object.assign(t, { lang, dir: directionOf(lang), locale: LOCALES[lang] });
}

/** A translator whose keys are K (for functions that take one as an argument). */
export type Translator<K extends string = string> = ((key: K, values?: Values) => string) & {
  readonly lang: Language;
  readonly dir: 'ltr' | 'rtl';
  readonly locale: string;
};

/** Dates for people, in the page's language and the UTC time zone the platform keeps. */
export function formatDate(t: { locale: string }, value: string | Date, withTime = false): string {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(t.locale, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(date);
}
