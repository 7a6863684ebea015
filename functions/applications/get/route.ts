import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/get',
  method: 'GET',
  path: '/applications/{id}',
  access: ['secretariat'],
  summary: 'One application or member, all fields',
});
