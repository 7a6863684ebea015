import { type EmailMessage, renderEmail } from '../emails/message.ts';
import { type Application, countryName, type Region } from './application.ts';

/**
 * The membership emails. Every one is structured content for `renderEmail`, which escapes all
 * values in the HTML part and keeps the subject on one line; nothing here builds HTML.
 *
 * Subjects name the outcome and nothing else: `Associate Member` only when a city is accepted,
 * `Full Member` only when it is approved (API.md), so a reader of the inbox, or a test, can tell
 * the outcomes apart from the subject alone.
 */

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

const REGION_NAMES: Record<Region, string> = {
  asia: 'Asia',
  europe: 'Europe',
  africa: 'Africa',
  americas: 'Americas',
  'middle-east': 'Middle East',
  oceania: 'Oceania',
};

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

const mayorsOffice = (app: Application): string[] => [app.mayor.officeEmail];

const cityFacts = (app: Application): [string, string][] => [
  ['City', app.city.name],
  ['Country', countryName(app.city.country)],
  ['Region', regionName(app.city.region)],
  ['Population', formatPopulation(app.city.population)],
  ['Website', app.city.website ?? 'Not given'],
];

const reference = (app: Application): [string, string] => ['Application reference', app.id];

const CONTACT_SECRETARIAT =
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

export interface BallotEmailInput {
  readonly voter: { readonly name: string; readonly email: string };
  readonly app: Application;
  readonly ballotUrl: string;
  readonly closesAt: string | Date;
}

/** To one Executive Committee member: their personal, single-use ballot link. */
export function ballotEmail({ voter, app, ballotUrl, closesAt }: BallotEmailInput): EmailMessage {
  const city = app.city.name;
  const closes = formatDateTimeUtc(closesAt);
  return renderEmail({
    to: [voter.email],
    subject: `WeGO Executive Committee ballot: ${city}`,
    heading: `Your vote is requested: ${city}`,
    paragraphs: [
      `Dear ${voter.name},`,
      `The WeGO Secretariat proposes to upgrade ${cityLabel(app)} from Associate Member to Full Member. As a member of the Executive Committee, please approve or reject this proposal before ${closes}.`,
      'Your ballot link, at the end of this email, is personal and works only once: please do not forward it. Opening the ballot records nothing; your vote counts when you press Approve or Reject on the ballot page, and it cannot be changed afterwards.',
      'The decision is taken as soon as a majority of the committee approves, or when a majority can no longer be reached. If neither happens before the vote closes, the city stays an Associate Member.',
    ],
    facts: [
      ...cityFacts(app),
      ['Associate Member since', app.memberSince ? formatDateUtc(app.memberSince) : 'Not recorded'],
      ['Voting closes', closes],
    ],
    quote: { label: `Motivation of ${city}`, text: app.motivation },
    action: { label: 'Open your ballot', url: ballotUrl },
  });
}

/** To the Mayor's office: the Executive Committee approved Full Membership (`full_pending` → `full`). */
export function fullApprovedEmail(app: Application): EmailMessage {
  const city = app.city.name;
  return renderEmail({
    to: mayorsOffice(app),
    subject: `${city} is now a Full Member of WeGO`,
    heading: `Congratulations, ${city}`,
    paragraphs: [
      `Dear ${app.mayor.name},`,
      `The WeGO Executive Committee has approved ${cityLabel(app)} as a Full Member of WeGO. The member directory now shows your city as a Full Member.`,
      'Thank you for your commitment to WeGO. We look forward to working with your city.',
      CONTACT_SECRETARIAT,
    ],
    facts: [
      ['City', city],
      ['Country', countryName(app.city.country)],
      ['Membership', 'Full Member'],
      ...(app.fullMemberSince
        ? [['Full Member since', formatDateUtc(app.fullMemberSince)] as [string, string]]
        : []),
      reference(app),
    ],
  });
}

export interface Tally {
  readonly approve: number;
  readonly reject: number;
  readonly committeeSize: number;
}

/** To the Mayor's office: the vote ended without approval (`full_pending` → `associate`). */
export function fullNotApprovedEmail(
  app: Application,
  outcome: 'rejected' | 'expired',
  tally: Tally,
): EmailMessage {
  const city = app.city.name;
  const notVoted = Math.max(0, tally.committeeSize - tally.approve - tally.reject);
  return renderEmail({
    to: mayorsOffice(app),
    subject: `WeGO Executive Committee decision on ${city}`,
    heading: 'The upgrade to Full Membership was not approved',
    paragraphs: [
      `Dear ${app.mayor.name},`,
      outcome === 'rejected'
        ? `The WeGO Executive Committee has voted on the proposal to upgrade ${cityLabel(app)} to Full Member. Enough members voted against it that a majority in favour can no longer be reached, so the proposal was not approved.`
        : `The WeGO Executive Committee vote on the proposal to upgrade ${cityLabel(app)} to Full Member closed before a majority of the committee approved it, so the proposal was not approved.`,
      `${city} remains an Associate Member of WeGO, with all the rights it had before. The Secretariat may propose the upgrade again in the future.`,
      CONTACT_SECRETARIAT,
    ],
    facts: [
      ['City', city],
      ['Country', countryName(app.city.country)],
      ['Result', outcome === 'rejected' ? 'Not approved by the committee' : 'Vote closed without a majority'],
      ['Votes to approve', String(tally.approve)],
      ['Votes to reject', String(tally.reject)],
      ['Did not vote', String(notVoted)],
      ['Committee members', String(tally.committeeSize)],
      ['Membership', 'Associate Member (unchanged)'],
    ],
  });
}

export interface WorkflowFailure {
  readonly approvalId: string;
  readonly cityName: string;
  readonly step: string;
  readonly error: string;
}

/** To the Secretariat: a step of the approval workflow failed after its retries. */
export function workflowFailedEmail(to: string, failure: WorkflowFailure): EmailMessage {
  const { approvalId, cityName, step, error } = failure;
  return renderEmail({
    to: [to],
    subject: `Action needed: WeGO approval workflow failed for ${cityName}`,
    heading: 'An approval workflow step failed',
    paragraphs: [
      `The step "${step}" of the Full Membership approval workflow for ${cityName} failed after all its retries, and the workflow stopped. The city may stay in the full_pending status until someone acts.`,
      'What to check:',
      `1. The Step Functions execution of approval ${approvalId}: which state failed and its input.`,
      `2. The logs of the function behind "${step}" around the time of the failure.`,
      '3. The email dead-letter queue, if the failure was about sending ballots or outcome emails.',
      `4. The approval itself (GET /approvals/${approvalId}): its status, tally and closing time, and the Executive Committee roster.`,
      'Once the cause is fixed, redrive the execution from the failed state, or ask the platform team to settle the approval.',
    ],
    facts: [
      ['Approval', approvalId],
      ['City', cityName],
      ['Failed step', step],
    ],
    quote: { label: 'Error', text: error },
  });
}
