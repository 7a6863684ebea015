import { formatDateTimeUtc, formatDateUtc } from '../emails/format.ts';
import { type EmailMessage, renderEmail } from '../emails/message.ts';
import type { Application } from '../membership/application.ts';
import { countryName } from '../membership/country-name.ts';
import { CONTACT_SECRETARIAT, cityFacts, cityLabel, mayorsOffice, reference } from '../membership/emails.ts';
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
