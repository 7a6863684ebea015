import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'requests/update',
  method: 'POST',
  path: '/requests/{id}/updates',
  access: ['official', 'secretariat'],
  summary: 'Update a request: new status and a public or internal note',
});
