import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'committee/put',
  method: 'PUT',
  path: '/committee',
  access: ['secretariat'],
  summary: 'Replace the Executive Committee roster',
});
