import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/services-get',
  method: 'GET',
  path: '/cities/{cityId}/services',
  access: 'public',
  summary: 'The services (matters) of a member city',
});
