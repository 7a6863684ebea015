import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/reject',
  method: 'POST',
  path: '/applications/{id}/reject',
  access: ['secretariat'],
  summary: "Reject an application with a reason; its Mayor's office is emailed the reason",
});
