import { memberCity } from '../../cps/city.ts';
import { listServices } from '../../cps/services.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params }) => {
  const [, services] = await Promise.all([memberCity(params.cityId), listServices(params.cityId)]);
  return json(200, { services }, { 'cache-control': 'public, max-age=60' });
});
