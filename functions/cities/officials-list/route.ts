import { officialList } from '../../cps/responses.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/officials-list',
  method: 'GET',
  path: '/cities/{cityId}/officials',
  access: ['secretariat'],
  summary: 'The officials of a member city',
  request: { params: cityPath },
  responses: { 200: { description: 'The officials', schema: officialList } },
});
