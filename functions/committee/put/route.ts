import { defineRoute } from '../../shared/route.ts';
import { rosterView } from '../responses.ts';
import { rosterBody } from '../schema.ts';

export const route = defineRoute({
  name: 'committee/put',
  method: 'PUT',
  path: '/committee',
  access: ['secretariat'],
  summary: 'Replace the Executive Committee roster',
  request: { body: rosterBody },
  responses: { 200: { description: 'The new roster', schema: rosterView } },
});
