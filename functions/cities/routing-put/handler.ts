import { replaceRouting } from '../../cps/routing-store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  await replaceRouting(params.cityId, body.rules, caller?.email ?? 'secretariat');
  return json(200, { rules: body.rules });
});
