import { defineRoute } from '../../shared/route.ts';
import { rosterView } from '../responses.ts';

export const route = defineRoute({
  name: 'committee/get',
  method: 'GET',
  path: '/committee',
  access: ['secretariat'],
  summary: 'The Executive Committee roster',
  responses: { 200: { description: 'The roster', schema: rosterView } },
});
