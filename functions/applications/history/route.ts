import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/history',
  method: 'GET',
  path: '/applications/{id}/history',
  paginated: true,
  access: ['secretariat'],
  summary: 'Audit trail of an application: who moved it from which status to which, and why',
});
