import { newRequestEmails } from '../../cps/request-emails.ts';
import { createRequest } from '../../cps/requests.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body }) => {
  const request = await createRequest(params.cityId, body, newRequestEmails);
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
