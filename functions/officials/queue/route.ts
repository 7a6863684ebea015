import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'officials/queue',
  method: 'GET',
  path: '/officials/me/requests',
  paginated: true,
  access: ['official'],
  summary: 'The requests assigned to the calling official, by status',
});
