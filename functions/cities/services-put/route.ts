import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/services-put',
  method: 'PUT',
  path: '/cities/{cityId}/services',
  access: ['secretariat'],
  summary: 'Replace the services (matters) a member city handles, with their service levels',
});
