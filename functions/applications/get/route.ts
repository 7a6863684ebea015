import { applicationView } from '../../membership/responses.ts';
import { idPath } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/get',
  method: 'GET',
  path: '/applications/{id}',
  access: ['secretariat'],
  summary: 'One application or member, all fields',
  request: { params: idPath },
  responses: { 200: { description: 'The application, all fields', schema: applicationView } },
});
