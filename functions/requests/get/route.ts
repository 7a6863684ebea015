import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'requests/get',
  method: 'GET',
  path: '/requests/{id}',
  access: 'public',
  summary: 'Follow a civic request (contact details only for its official and the Secretariat)',
  optionalAuth: true,
});
