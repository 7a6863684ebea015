import { formatDateTimeUtc, formatDateUtc } from '../emails/format.ts';
import { type EmailMessage, renderEmail } from '../emails/message.ts';
import type { Application, Region } from './application.ts';
import { countryName } from './country-name.ts';

/**
 * The membership emails. Every one is structured content for `renderEmail`, which escapes all
 * values in the HTML part and keeps the subject on one line; nothing here builds HTML.
 *
 * Subjects name the outcome and nothing else: `Associate Member` only when a city is accepted,
 * `Full Member` only when it is approved (the documented contract), so a reader of the inbox, or a test, can tell
 * the outcomes apart from the subject alone.
 */

const REGION_NAMES: Record<Region, string> = {
  asia: 'Asia',
  europe: 'Europe',
  africa: 'Africa',
  americas: 'Americas',
  'middle-east': 'Middle East',
  oceania: 'Oceania',
};

export const regionName = (region: string): string => REGION_NAMES[region as Region] ?? region;

export const formatPopulation = (population: number): string =>
  new Intl.NumberFormat('en-US').format(population);

/** "Seoul (South Korea)": the city as every email and page names it. */
export const cityLabel = (app: Application): string => `${app.city.name} (${countryName(app.city.country)})`;

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

export const cityFacts = (app: Application): [string, string][] => [
  ['City', app.city.name],
  ['Country', countryName(app.city.country)],
  ['Region', regionName(app.city.region)],
  ['Population', formatPopulation(app.city.population)],
  ['Website', app.city.website ?? 'Not given'],
];

export const reference = (app: Application): [string, string] => ['Application reference', app.id];

export const CONTACT_SECRETARIAT =
  'If you have any question, please reply to this email or contact the WeGO Secretariat.';

/** To the contact person and the Mayor's office, as soon as the form is stored. */
export function applicationReceivedEmail(app: Application): EmailMessage {
  const city = app.city.name;
  const signatory = `${app.signatory.name} (${app.signatory.title}), signed on ${formatDateUtc(app.signatory.signedOn)}`;
  const contact = [app.contact.name, app.contact.email, app.contact.phone].filter(Boolean).join(', ');
  return renderEmail({
    to: distinct([app.contact.email, app.mayor.officeEmail]),
    subject: `WeGO received the membership application of ${city}`,
    heading: 'Your membership application was received',
    paragraphs: [
      `Thank you for applying to join WeGO. The Secretariat has received the membership application of ${cityLabel(app)} on ${formatDateTimeUtc(app.submittedAt)}.`,
      `Its reference is ${app.id}. Please quote it in any message about this application.`,
      "The Secretariat will now review the application and write to the Mayor's office with its decision. You do not need to do anything in the meantime.",
      'The application as we received it:',
    ],
    facts: [
      reference(app),
      ...cityFacts(app),
      ['Mayor', app.mayor.name],
      ["Mayor's office email", app.mayor.officeEmail],
      ['Signed by', signatory],
      ['Contact person', contact],
    ],
    quote: { label: 'Motivation', text: app.motivation },
  });
}

/** To the Mayor's office: the Secretariat accepted the application (`submitted` → `associate`). */
export function acceptedEmail(app: Application): EmailMessage {
  const city = app.city.name;
  return renderEmail({
    to: mayorsOffice(app),
    subject: `${city} is now an Associate Member of WeGO`,
    heading: `Welcome to WeGO, ${city}`,
    paragraphs: [
      `Dear ${app.mayor.name},`,
      `The WeGO Secretariat has accepted the membership application of ${cityLabel(app)}. ${city} is now an Associate Member of WeGO and appears in the public member directory.`,
      'Later, on a proposal of the Secretariat, the Executive Committee can approve your city as a Full Member.',
      CONTACT_SECRETARIAT,
    ],
    facts: [
      ['City', city],
      ['Country', countryName(app.city.country)],
      ['Region', regionName(app.city.region)],
      ['Membership', 'Associate Member'],
      ...(app.memberSince ? [['Member since', formatDateUtc(app.memberSince)] as [string, string]] : []),
      reference(app),
    ],
  });
}

/** To the Mayor's office: the Secretariat did not accept the application (`submitted` → `rejected`). */
export function rejectedEmail(app: Application, reason: string): EmailMessage {
  const city = app.city.name;
  return renderEmail({
    to: mayorsOffice(app),
    subject: `Decision on the WeGO membership application of ${city}`,
    heading: 'Your membership application was not accepted',
    paragraphs: [
      `Dear ${app.mayor.name},`,
      `The WeGO Secretariat has reviewed the membership application of ${cityLabel(app)}, submitted on ${formatDateUtc(app.submittedAt)}, and regrets that it cannot accept it. The reason is given below.`,
      'Your city is welcome to submit a new application once the points raised have been addressed.',
      CONTACT_SECRETARIAT,
    ],
    facts: [['City', city], ['Country', countryName(app.city.country)], reference(app)],
    quote: { label: 'Reason given by the Secretariat', text: reason },
  });
}

/** To the Mayor's office: the application or the membership was withdrawn (any live status → `withdrawn`). */
export function withdrawnEmail(app: Application, reason: string): EmailMessage {
  const city = app.city.name;
  const wasMember = app.memberSince !== undefined;
  const what = wasMember ? 'WeGO membership' : 'WeGO membership application';
  return renderEmail({
    to: mayorsOffice(app),
    subject: `The ${what} of ${city} was withdrawn`,
    heading: wasMember ? 'Your WeGO membership was withdrawn' : 'Your membership application was withdrawn',
    paragraphs: [
      `Dear ${app.mayor.name},`,
      wasMember
        ? `The WeGO Secretariat has recorded the withdrawal of the membership of ${cityLabel(app)}. ${city} no longer appears in the member directory.`
        : `The WeGO Secretariat has recorded the withdrawal of the membership application of ${cityLabel(app)}. The application will not be reviewed further.`,
      'Your city is welcome to apply again in the future.',
      CONTACT_SECRETARIAT,
    ],
    facts: [
      ['City', city],
      ['Country', countryName(app.city.country)],
      ...(wasMember && app.memberSince
        ? [['Member since', formatDateUtc(app.memberSince)] as [string, string]]
        : []),
      reference(app),
    ],
    quote: { label: 'Reason', text: reason },
  });
}
