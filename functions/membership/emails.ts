import { formatDateTimeUtc, formatDateUtc } from '../emails/format.ts';
import { type EmailContent, type EmailMessage, renderEmail } from '../emails/message.ts';
import type { RegionalOffice } from '../shared/config.ts';
import { type Catalog, type Language, type Translator, translator } from '../shared/i18n.ts';
import type { Application, Region } from './application.ts';
import { countryName } from './country-name.ts';
import { membershipEmailMessages } from './email-messages.ts';
import { regionMessages } from './region-messages.ts';

/**
 * The membership emails. Every one is structured content for `renderEmail`, which escapes all
 * values in the HTML part and keeps the subject on one line; nothing here builds HTML.
 *
 * The emails to an applicant city are written in the language it applied in (`language` of the
 * application, English for older ones): the acknowledgement, and every later email to its Mayor's
 * office. Subjects name the outcome and nothing else: `Associate Member` only when a city is
 * accepted, `Full Member` only when it is approved (the documented contract, in every language), so a
 * reader of the inbox, or a test, can tell the outcomes apart from the subject alone.
 */

type MailKey = keyof (typeof membershipEmailMessages)['en'] | keyof (typeof regionMessages)['en'];

/**
 * The words of an email in one language: the membership catalogue and the region names, plus
 * whatever catalogue the caller adds (the vote's outcomes), with dates, numbers and countries in it.
 */
export function mailWords<K extends string = never>(lang: Language, ...more: Catalog<K>[]) {
  const t: Translator<MailKey | K> = translator(lang, membershipEmailMessages, regionMessages, ...more);
  return Object.assign(t, {
    /** A day, or a moment with its time, in UTC; English keeps the platform's unambiguous format. */
    date(value: string | Date, withTime = false): string {
      if (lang === 'en') return withTime ? formatDateTimeUtc(value) : formatDateUtc(value);
      const date = value instanceof Date ? value : new Date(value);
      if (Number.isNaN(date.getTime())) return String(value);
      const text = new Intl.DateTimeFormat(t.locale, {
        dateStyle: 'long',
        ...(withTime ? { timeStyle: 'short' } : {}),
        timeZone: 'UTC',
      }).format(date);
      return withTime ? `${text} UTC` : text;
    },
    number: (n: number) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : t.locale).format(n),
    country: (code: string) => countryName(code, t.locale),
    region: (region: string) =>
      (regionMessages.en as Record<string, string>)[`region.${region}`]
        ? t(`region.${region}` as MailKey)
        : region,
    /** "Seoul (South Korea)": the city as every email names it. */
    cityLabel: (app: Application) =>
      t('cityLabel', { city: app.city.name, country: countryName(app.city.country, t.locale) }),
  });
}

export type MailWords = ReturnType<typeof mailWords<never>>;

/** The language of an application's emails (applications made before languages were kept: English). */
export const languageOf = (app: { readonly language?: Language }): Language => app.language ?? 'en';

const english = mailWords('en');

export const regionName = (region: string): string => english.region(region);
export const formatPopulation = (population: number): string => english.number(population);
/** "Seoul (South Korea)", in English (the ballot and the Secretariat's emails). */
export const cityLabel = (app: Application): string => english.cityLabel(app);

/** Distinct addresses, compared without case, first spelling kept. */
function distinct(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = a.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const mayorsOffice = (app: Application): string[] => [app.mayor.officeEmail];

/** The city's facts, in an email's words (English by default: the ballot). */
export const cityFacts = (app: Application, w: MailWords = english): [string, string][] => [
  [w('fact.city'), app.city.name],
  [w('fact.country'), w.country(app.city.country)],
  [w('fact.region'), w.region(app.city.region)],
  [w('fact.population'), w.number(app.city.population)],
  [w('fact.website'), app.city.website ?? w('fact.notGiven')],
];

export const reference = (app: Application, w: MailWords = english): [string, string] => [
  w('fact.reference'),
  app.id,
];

export const CONTACT_SECRETARIAT = english('contactSecretariat');

/** The parts every email to an applicant city has in its language: the words, the lang, the footer. */
export function toTheCity(app: Application, lang = languageOf(app)) {
  const w = mailWords(lang);
  return { w, frame: { lang, footer: w('footer') } as const };
}

/** An email to the city, built in a language: the city's for the city, English for a regional office's copy. */
export type CityEmail = (app: Application, lang: Language) => EmailContent;

/** To the contact person and the Mayor's office, as soon as the form is stored. */
export const receivedContent: CityEmail = (app, lang) => {
  const { w, frame } = toTheCity(app, lang);
  const signatory = w('fact.signedByValue', {
    name: app.signatory.name,
    title: app.signatory.title,
    date: w.date(app.signatory.signedOn),
  });
  const contact = [app.contact.name, app.contact.title, app.contact.email, app.contact.phone]
    .filter(Boolean)
    .join(', ');
  return {
    ...frame,
    to: distinct([app.contact.email, app.mayor.officeEmail]),
    subject: w('received.subject', { city: app.city.name }),
    heading: w('received.heading'),
    paragraphs: [
      w('received.thanks', { cityLabel: w.cityLabel(app), submittedAt: w.date(app.submittedAt, true) }),
      w('received.reference', { id: app.id }),
      w('received.next'),
      w('received.asReceived'),
    ],
    facts: [
      reference(app, w),
      ...cityFacts(app, w),
      [w('fact.mayor'), app.mayor.name],
      [w('fact.mayorEmail'), app.mayor.officeEmail],
      [w('fact.signedBy'), signatory],
      [w('fact.contact'), contact],
    ],
    quote: { label: w('received.motivation'), text: app.motivation },
  };
};

export const applicationReceivedEmail = (app: Application): EmailMessage =>
  renderEmail(receivedContent(app, languageOf(app)));

/** To the Mayor's office: the Secretariat accepted the application (`submitted` → `associate`). */
export const acceptedContent: CityEmail = (app, lang) => {
  const { w, frame } = toTheCity(app, lang);
  const city = app.city.name;
  return {
    ...frame,
    to: mayorsOffice(app),
    subject: w('accepted.subject', { city }),
    heading: w('accepted.heading', { city }),
    paragraphs: [
      w('dear', { name: app.mayor.name }),
      w('accepted.body', { cityLabel: w.cityLabel(app), city }),
      w('accepted.later'),
      w('contactSecretariat'),
    ],
    facts: [
      [w('fact.city'), city],
      [w('fact.country'), w.country(app.city.country)],
      [w('fact.region'), w.region(app.city.region)],
      [w('fact.membership'), w('membership.associate')],
      ...(app.memberSince ? [[w('fact.memberSince'), w.date(app.memberSince)] as [string, string]] : []),
      reference(app, w),
    ],
  };
};

export const acceptedEmail = (app: Application): EmailMessage =>
  renderEmail(acceptedContent(app, languageOf(app)));

/** To the Mayor's office: the Secretariat did not accept the application (`submitted` → `rejected`). */
export function rejectedEmail(app: Application, reason: string): EmailMessage {
  const { w, frame } = toTheCity(app);
  const city = app.city.name;
  return renderEmail({
    ...frame,
    to: mayorsOffice(app),
    subject: w('rejected.subject', { city }),
    heading: w('rejected.heading'),
    paragraphs: [
      w('dear', { name: app.mayor.name }),
      w('rejected.body', { cityLabel: w.cityLabel(app), submittedOn: w.date(app.submittedAt) }),
      w('rejected.again'),
      w('contactSecretariat'),
    ],
    facts: [[w('fact.city'), city], [w('fact.country'), w.country(app.city.country)], reference(app, w)],
    quote: { label: w('rejected.reason'), text: reason },
  });
}

/** To the Mayor's office: the application or the membership was withdrawn (any live status → `withdrawn`). */
export function withdrawnEmail(app: Application, reason: string): EmailMessage {
  const { w, frame } = toTheCity(app);
  const city = app.city.name;
  const wasMember = app.memberSince !== undefined;
  const what = wasMember ? 'member' : 'application';
  return renderEmail({
    ...frame,
    to: mayorsOffice(app),
    subject: w(`withdrawn.subject.${what}`, { city }),
    heading: w(`withdrawn.heading.${what}`),
    paragraphs: [
      w('dear', { name: app.mayor.name }),
      w(`withdrawn.body.${what}`, { cityLabel: w.cityLabel(app), city }),
      w('withdrawn.again'),
      w('contactSecretariat'),
    ],
    facts: [
      [w('fact.city'), city],
      [w('fact.country'), w.country(app.city.country)],
      ...(wasMember && app.memberSince
        ? [[w('fact.memberSince'), w.date(app.memberSince)] as [string, string]]
        : []),
      reference(app, w),
    ],
    quote: { label: w('withdrawn.reason'), text: reason },
  });
}

/** To the address a draft was saved for: the link that resumes it, and until when. */
export function draftLinkEmail(p: {
  readonly to: string;
  readonly lang: Language;
  readonly url: string;
  readonly expiresAt: string;
}): EmailMessage {
  const w = mailWords(p.lang);
  const until = w.date(p.expiresAt);
  return renderEmail({
    lang: p.lang,
    footer: w('footer'),
    to: [p.to],
    subject: w('draft.subject'),
    heading: w('draft.heading'),
    paragraphs: [
      w('draft.saved'),
      w('draft.until', { expiresOn: until }),
      w('draft.personal'),
      w('draft.notYou'),
    ],
    facts: [[w('draft.savedUntil'), until]],
    action: { label: w('draft.action'), url: p.url },
  });
}

/** The regional office that serves a region, if the deployment has one. */
export const officeFor = (offices: readonly RegionalOffice[], region: Region) =>
  offices.find((o) => o.regions.includes(region));

/**
 * A copy for the regional office of the city's region (none when no office serves it), in English,
 * the working language of WeGO's offices: the same email the city got, with a line that says so.
 */
export function regionalCopy(
  app: Application,
  offices: readonly RegionalOffice[],
  content: CityEmail,
): EmailMessage[] {
  const office = officeFor(offices, app.city.region);
  if (!office) return [];
  const original = content(app, 'en');
  return [
    renderEmail({
      ...original,
      to: [office.email],
      subject: `Copy for the ${office.name} office: ${original.subject}`,
      paragraphs: [
        `A copy for the WeGO regional office in ${office.name}, which serves ${regionName(app.city.region)}, of the email sent about ${cityLabel(app)}.`,
        ...original.paragraphs,
      ],
    }),
  ];
}
