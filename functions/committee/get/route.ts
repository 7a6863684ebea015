import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'committee/get',
  method: 'GET',
  path: '/committee',
  access: ['secretariat'],
  summary: 'The Executive Committee roster',
});
