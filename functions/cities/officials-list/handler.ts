import { memberCity } from '../../cps/city.ts';
import { listOfficials } from '../../cps/officials.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params }) => {
  const [, items] = await Promise.all([memberCity(params.cityId), listOfficials(params.cityId)]);
  return json(200, { items });
});
