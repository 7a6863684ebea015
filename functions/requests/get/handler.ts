import { getRequest } from '../../cps/requests.ts';
import { fullView, isInCharge, publicView } from '../../cps/views.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { optionalCaller } from '../../shared/optional-caller.ts';
import { route } from './route.ts';

/** Public, but the official in charge and the Secretariat (signed in) also see the contact and internal notes. */
export const handler = httpHandler(route, async ({ params, event }) => {
  const [caller, { request, updates }] = await Promise.all([optionalCaller(event), getRequest(params.id)]);
  return json(200, isInCharge(caller, request) ? fullView(request, updates) : publicView(request, updates));
});
