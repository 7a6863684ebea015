import { assignmentEmail, citizenAcknowledgementEmail, unroutedRequestEmail } from '../../cps/emails.ts';
import { requestUrl } from '../../cps/links.ts';
import { createRequest } from '../../cps/requests.ts';
import type { CivicRequest } from '../../cps/types.ts';
import { secretariatEmail } from '../../shared/config.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

const secretariat = secretariatEmail();

/** The official in charge (or, with no rule, the Secretariat) is emailed at once; the citizen if they gave an email. */
export function requestEmails(request: CivicRequest) {
  const url = requestUrl(request.id);
  return [
    request.assignedTo
      ? assignmentEmail(request, request.assignedTo, url)
      : unroutedRequestEmail(secretariat, request, url),
    ...(request.contact?.email ? [citizenAcknowledgementEmail(request, url)] : []),
  ];
}

export const handler = httpHandler(route, async ({ params, body }) => {
  const request = await createRequest(params.cityId, body, requestEmails);
  return json(
    201,
    {
      id: request.id,
      status: request.status,
      ...(request.assignedTo
        ? { assignedTo: { name: request.assignedTo.name, title: request.assignedTo.title } }
        : {}),
      expectedAt: request.expectedAt,
    },
    { location: `/requests/${request.id}` },
  );
});
