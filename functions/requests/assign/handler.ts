import { handOverEmail } from '../../cps/emails.ts';
import { requestUrl } from '../../cps/links.ts';
import { officialById } from '../../cps/officials.ts';
import { checkHandOver } from '../../cps/request-status.ts';
import { getRequest, handOver } from '../../cps/requests.ts';
import { assertInCharge, fullView } from '../../cps/views.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { badRequest, conflict } from '../../shared/problem.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  // The request and the new official are read together; the official must be of the request's city.
  const [{ request, updates }, official] = await Promise.all([
    getRequest(params.id),
    officialById(body.officialId),
  ]);
  assertInCharge(caller, request);
  checkHandOver(request.status);
  if (!official || official.cityId !== request.cityId) {
    throw badRequest('No such official in this city', [
      { path: 'body.officialId', message: 'is not an official of this city' },
    ]);
  }
  if (request.assignedTo?.officialId === official.id)
    throw conflict('The request is already assigned to this official');
  const to = { officialId: official.id, name: official.name, title: official.title, email: official.email };
  const updated = await handOver(
    request,
    to,
    { reason: body.reason, actor: caller?.email ?? 'unknown' },
    (r) => [handOverEmail(r, to, body.reason, requestUrl(r.id))],
  );
  return json(200, fullView(updated, updates));
});
