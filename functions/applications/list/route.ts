import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/list',
  method: 'GET',
  path: '/applications',
  access: ['secretariat'],
  summary: 'Applications and members in one status, most recently changed first',
});
