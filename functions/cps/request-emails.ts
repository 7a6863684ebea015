import { secretariatEmail } from '../shared/config.ts';
import { assignmentEmail, citizenAcknowledgementEmail, unroutedRequestEmail } from './emails.ts';
import { requestUrl } from './links.ts';
import type { CivicRequest } from './types.ts';

const secretariat = secretariatEmail();

/**
 * The emails a new request sends, whichever door it came in (the API or Open311): the official in
 * charge (or, with no rule, the Secretariat) at once, and the citizen if they gave an email.
 */
export function newRequestEmails(request: CivicRequest) {
  const url = requestUrl(request.id);
  return [
    request.assignedTo
      ? assignmentEmail(request, request.assignedTo, url)
      : unroutedRequestEmail(secretariat, request, url),
    ...(request.contact?.email ? [citizenAcknowledgementEmail(request, url)] : []),
  ];
}
