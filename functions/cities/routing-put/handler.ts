import { replaceRouting } from '../../cps/routing-store.ts';
import { routingBody } from '../../cps/schemas.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { cityPath } from '../params.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  { params: cityPath, body: routingBody },
  async ({ params, body, caller }) => {
    await replaceRouting(params.cityId, body.rules, caller?.email ?? 'secretariat');
    return json(200, { rules: body.rules });
  },
);
