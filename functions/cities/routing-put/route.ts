import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/routing-put',
  method: 'PUT',
  path: '/cities/{cityId}/routing',
  access: ['secretariat'],
  summary: 'Replace the routing rules (district, service, official; * matches any)',
});
