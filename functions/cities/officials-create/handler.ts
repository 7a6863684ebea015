import { createOfficial } from '../../cps/officials.ts';
import { officialBody } from '../../cps/schemas.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { cityPath } from '../params.ts';
import { route } from './route.ts';

export const handler = httpHandler(
  route,
  { params: cityPath, body: officialBody, idempotent: true },
  async ({ params, body }) => {
    const official = await createOfficial(params.cityId, body);
    return json(201, official, { location: `/cities/${params.cityId}/officials/${official.id}` });
  },
);
