import { fullRequest } from '../../cps/responses.ts';
import { updateBody } from '../../cps/schemas.ts';
import { defineRoute } from '../../shared/route.ts';
import { requestPath } from '../params.ts';

export const route = defineRoute({
  name: 'requests/update',
  method: 'POST',
  path: '/requests/{id}/updates',
  access: ['official', 'secretariat'],
  summary: 'Update a request: new status and a public or internal note',
  request: { params: requestPath, body: updateBody },
  responses: {
    201: { description: 'The update is recorded; the whole request', schema: fullRequest },
    403: { description: 'The caller is neither the official in charge nor the Secretariat' },
  },
});
