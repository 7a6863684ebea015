import { fullRequest } from '../../cps/responses.ts';
import { assignBody } from '../../cps/schemas.ts';
import { defineRoute } from '../../shared/route.ts';
import { requestPath } from '../params.ts';

export const route = defineRoute({
  name: 'requests/assign',
  method: 'POST',
  path: '/requests/{id}/assign',
  access: ['official', 'secretariat'],
  summary: 'Hand a request over to another official of the city, with a reason',
  request: { params: requestPath, body: assignBody },
  responses: {
    200: { description: 'The request, now with the new official', schema: fullRequest },
    403: { description: 'The caller is neither the official in charge nor the Secretariat' },
  },
});
