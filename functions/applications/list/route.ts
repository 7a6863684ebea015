import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/list',
  method: 'GET',
  path: '/applications',
  paginated: true,
  access: ['secretariat'],
  summary: 'Applications and members in one status, most recently changed first',
});
