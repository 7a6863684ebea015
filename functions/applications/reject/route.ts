import { applicationView } from '../../membership/responses.ts';
import { idPath } from '../../shared/params.ts';
import { reasonBody } from '../../shared/reason.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/reject',
  method: 'POST',
  path: '/applications/{id}/reject',
  access: ['secretariat'],
  summary: "Reject an application with a reason; its Mayor's office is emailed the reason",
  request: { params: idPath, body: reasonBody },
  responses: { 200: { description: 'The application, now `rejected`', schema: applicationView } },
});
