import * as z from 'zod';
import { fullRequest, publicRequest } from '../../cps/responses.ts';
import { defineRoute } from '../../shared/route.ts';
import { requestPath } from '../params.ts';

export const route = defineRoute({
  name: 'requests/get',
  method: 'GET',
  path: '/requests/{id}',
  access: 'public',
  summary: 'Follow a civic request (contact details only for its official and the Secretariat)',
  optionalAuth: true,
  request: { params: requestPath },
  responses: {
    200: {
      description:
        'The request; with a token of its official or the Secretariat, also the contact and internal notes',
      schema: z.union([publicRequest, fullRequest]),
    },
  },
});
