import { serviceList } from '../../cps/responses.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/services-get',
  method: 'GET',
  path: '/cities/{cityId}/services',
  access: 'public',
  summary: 'The services (matters) of a member city',
  request: { params: cityPath },
  responses: { 200: { description: 'The services', schema: serviceList } },
});
