import { applicationView } from '../../membership/responses.ts';
import { idPath } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/accept',
  method: 'POST',
  path: '/applications/{id}/accept',
  access: ['secretariat'],
  summary: "Accept an application: the city becomes an Associate Member and its Mayor's office is emailed",
  request: { params: idPath },
  responses: { 200: { description: 'The application, now `associate`', schema: applicationView } },
});
