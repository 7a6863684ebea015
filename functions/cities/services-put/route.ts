import { serviceList } from '../../cps/responses.ts';
import { servicesBody } from '../../cps/schemas.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/services-put',
  method: 'PUT',
  path: '/cities/{cityId}/services',
  access: ['secretariat'],
  summary: 'Replace the services (matters) a member city handles, with their service levels',
  request: { params: cityPath, body: servicesBody },
  responses: { 200: { description: 'The new services', schema: serviceList } },
});
