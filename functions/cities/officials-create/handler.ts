import { createOfficial } from '../../cps/officials.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body }) => {
  const official = await createOfficial(params.cityId, body);
  return json(201, official, { location: `/cities/${params.cityId}/officials/${official.id}` });
});
