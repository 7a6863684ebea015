import { memberCity } from '../../cps/city.ts';
import { listRules } from '../../cps/routing-store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params }) => {
  const [, rules] = await Promise.all([memberCity(params.cityId), listRules(params.cityId)]);
  return json(200, { rules });
});
