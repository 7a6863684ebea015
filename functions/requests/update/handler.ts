import { citizenUpdateEmail } from '../../cps/emails.ts';
import { requestUrl } from '../../cps/links.ts';
import { checkUpdate } from '../../cps/request-status.ts';
import { getRequest, updateStatus } from '../../cps/requests.ts';
import { assertInCharge, fullView } from '../../cps/views.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  const { request, updates } = await getRequest(params.id);
  assertInCharge(caller, request);
  checkUpdate(request.status, body.status);
  const { request: updated, update } = await updateStatus(
    request,
    { ...body, actor: caller?.email ?? 'unknown' },
    (r, update) =>
      update.public && r.contact?.email ? [citizenUpdateEmail(r, update, requestUrl(r.id))] : [],
  );
  return json(201, fullView(updated, [...updates, update]));
});
