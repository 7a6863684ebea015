import { official } from '../../cps/responses.ts';
import { officialBody } from '../../cps/schemas.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/officials-create',
  method: 'POST',
  path: '/cities/{cityId}/officials',
  access: ['secretariat'],
  summary: 'Add an official of a member city (email unique within the city)',
  idempotent: true,
  request: { params: cityPath, body: officialBody },
  responses: { 201: { description: 'The official, with its id', schema: official } },
});
