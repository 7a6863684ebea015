import { memberCity } from '../../cps/city.ts';
import { listRules } from '../../cps/routing-store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { cityPath } from '../params.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, { params: cityPath }, async ({ params }) => {
  const [, rules] = await Promise.all([memberCity(params.cityId), listRules(params.cityId)]);
  return json(200, { rules });
});
