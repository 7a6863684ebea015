import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'requests/assign',
  method: 'POST',
  path: '/requests/{id}/assign',
  access: ['official', 'secretariat'],
  summary: 'Hand a request over to another official of the city, with a reason',
});
