import { formatDateTimeUtc, formatDateUtc } from '../emails/format.ts';
import { type EmailMessage, renderEmail } from '../emails/message.ts';
import type { Application } from '../membership/application.ts';
import {
  cityFacts,
  cityLabel,
  languageOf,
  mailWords,
  mayorsOffice,
  officeFor,
  reference,
  regionName,
} from '../membership/emails.ts';
import type { RegionalOffice } from '../shared/config.ts';
import { outcomeMessages } from './outcome-messages.ts';
import type { Tally } from './tally.ts';

/**
 * The emails of the Full Membership vote: the ballots, the outcome to the Mayor's office, and a failed
 * workflow to the Secretariat. Subjects name the outcome (`Full Member` only when approved).
 */
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

/** The words of the vote's outcomes in the city's language (with the membership emails' shared words). */
function toTheCity(app: Application) {
  const lang = languageOf(app);
  const w = mailWords(lang, outcomeMessages);
  return { w, frame: { lang, footer: w('footer') } as const };
}

/** To the Mayor's office: the Executive Committee approved Full Membership (`full_pending` → `full`). */
export function fullApprovedEmail(app: Application): EmailMessage {
  const { w, frame } = toTheCity(app);
  const city = app.city.name;
  return renderEmail({
    ...frame,
    to: mayorsOffice(app),
    subject: w('approved.subject', { city }),
    heading: w('approved.heading', { city }),
    paragraphs: [
      w('dear', { name: app.mayor.name }),
      w('approved.body', { cityLabel: w.cityLabel(app) }),
      w('approved.thanks'),
      w('contactSecretariat'),
    ],
    facts: [
      [w('fact.city'), city],
      [w('fact.country'), w.country(app.city.country)],
      [w('fact.membership'), w('fact.fullMember')],
      ...(app.fullMemberSince
        ? [[w('fact.fullMemberSince'), w.date(app.fullMemberSince)] as [string, string]]
        : []),
      reference(app, w),
    ],
  });
}

/** To the Mayor's office: the vote ended without approval (`full_pending` → `associate`). */
export function fullNotApprovedEmail(
  app: Application,
  outcome: 'rejected' | 'expired',
  tally: Tally,
): EmailMessage {
  const { w, frame } = toTheCity(app);
  const city = app.city.name;
  const notVoted = Math.max(0, tally.committeeSize - tally.approve - tally.reject);
  return renderEmail({
    ...frame,
    to: mayorsOffice(app),
    subject: w('notApproved.subject', { city }),
    heading: w('notApproved.heading'),
    paragraphs: [
      w('dear', { name: app.mayor.name }),
      w(`notApproved.${outcome}`, { cityLabel: w.cityLabel(app) }),
      w('notApproved.remains', { city }),
      w('contactSecretariat'),
    ],
    facts: [
      [w('fact.city'), city],
      [w('fact.country'), w.country(app.city.country)],
      [w('fact.result'), w(`result.${outcome}`)],
      [w('fact.votesApprove'), w.number(tally.approve)],
      [w('fact.votesReject'), w.number(tally.reject)],
      [w('fact.notVoted'), w.number(notVoted)],
      [w('fact.committee'), w.number(tally.committeeSize)],
      [w('fact.membership'), w('membership.unchanged')],
    ],
  });
}

/**
 * To the regional office of the city's region (none when no office serves it): the Executive
 * Committee's vote on the city has opened. In English, for WeGO's staff.
 */
export function voteStartedOfficeEmail(
  app: Application,
  offices: readonly RegionalOffice[],
  vote: { readonly approvalId: string; readonly closesAt: string },
): EmailMessage[] {
  const office = officeFor(offices, app.city.region);
  if (!office) return [];
  const city = app.city.name;
  return [
    renderEmail({
      to: [office.email],
      subject: `Copy for the ${office.name} office: the Executive Committee votes on ${city}`,
      heading: `The Executive Committee votes on ${city}`,
      paragraphs: [
        `For the WeGO regional office in ${office.name}, which serves ${regionName(app.city.region)}: the Secretariat has proposed to upgrade ${cityLabel(app)} from Associate Member, and the Executive Committee's vote is open until ${formatDateTimeUtc(vote.closesAt)}.`,
        "Each committee member has been emailed a personal ballot. The Mayor's office will be emailed the outcome.",
      ],
      facts: [
        ...cityFacts(app),
        ['Associate Member since', app.memberSince ? formatDateUtc(app.memberSince) : 'Not recorded'],
        ['Approval', vote.approvalId],
        ['Voting closes', formatDateTimeUtc(vote.closesAt)],
      ],
    }),
  ];
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
