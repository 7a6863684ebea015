import { replaceServices } from '../../cps/services.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  await replaceServices(params.cityId, body.services, caller?.email ?? 'secretariat');
  return json(200, { services: body.services });
});
