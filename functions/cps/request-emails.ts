import type { EmailMessage } from '../emails/message.ts';
import { secretariatEmail } from '../shared/config.ts';
import type { CitizenToken } from './citizen-tokens.ts';
import {
  assignmentEmail,
  type CitizenLinks,
  citizenAcknowledgementEmail,
  citizenResolvedEmail,
  citizenUpdateEmail,
  handOverEmail,
  type NotFixedAnswer,
  reopenedEmail,
  unroutedRequestEmail,
} from './emails.ts';
import { citizenRequestUrl, contactRemovalUrl, feedbackUrl, officialRequestUrl } from './links.ts';
import type { Assignee, CivicRequest, RequestUpdate } from './types.ts';

const secretariat = secretariatEmail();

/**
 * Which emails each change of a request sends, and the pages they link, in each recipient's
 * language. A citizen's email mints the token its links carry (`token.value`); the store keeps its
 * hash in the same transaction.
 */

/** The citizen's links, in the language of their request. */
function citizenLinks(request: CivicRequest, token: CitizenToken): CitizenLinks {
  const lang = request.language ?? 'en';
  return {
    page: citizenRequestUrl(lang, request.id),
    removeContact: contactRemovalUrl(lang, request.id, token.value),
  };
}

const hasEmail = (request: CivicRequest) => !!request.contact?.email;

/** The official's page of the request, in the official's language. */
const officialUrl = (request: CivicRequest, official: Assignee) =>
  officialRequestUrl(official.language ?? 'en', request.id);

/**
 * A new request, whichever door it came in (the API or Open311): the official in charge (or, with no
 * rule, the Secretariat) at once, and the citizen if they gave an email.
 */
export function newRequestEmails(request: CivicRequest, token: CitizenToken): EmailMessage[] {
  return [
    request.assignedTo
      ? assignmentEmail(request, request.assignedTo, officialUrl(request, request.assignedTo))
      : unroutedRequestEmail(secretariat, request, officialRequestUrl('en', request.id)),
    ...(hasEmail(request) ? [citizenAcknowledgementEmail(request, citizenLinks(request, token))] : []),
  ];
}

/**
 * An official's update: a resolution asks the citizen "is it fixed?" (whatever the note's
 * visibility: the status is public); another public update tells them the news.
 */
export function updateEmails(
  previous: CivicRequest,
  request: CivicRequest,
  update: RequestUpdate,
  token: CitizenToken,
): EmailMessage[] {
  if (!hasEmail(request)) return [];
  if (update.status === 'resolved' && previous.status !== 'resolved') {
    const feedback = feedbackUrl(request.language ?? 'en', request.id, token.value);
    return [citizenResolvedEmail(request, update, { ...citizenLinks(request, token), feedback })];
  }
  return update.public ? [citizenUpdateEmail(request, update, citizenLinks(request, token))] : [];
}

/** A hand-over: the new official. */
export const handOverEmails = (request: CivicRequest, to: Assignee, reason: string): EmailMessage[] => [
  handOverEmail(request, to, reason, officialUrl(request, to)),
];

/** "Not fixed": the official in charge (a resolved request always has one). */
export const notFixedEmails = (request: CivicRequest, answer: NotFixedAnswer): EmailMessage[] =>
  request.assignedTo
    ? [reopenedEmail(request, request.assignedTo, answer, officialUrl(request, request.assignedTo))]
    : [];
