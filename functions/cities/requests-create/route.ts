import { requestCreated } from '../../cps/responses.ts';
import { requestBody } from '../../cps/schemas.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/requests-create',
  method: 'POST',
  path: '/cities/{cityId}/requests',
  access: 'public',
  summary: 'File a civic request; it is routed to the official in charge, who is emailed',
  throttle: { rate: 10, burst: 20 },
  idempotent: true,
  request: { params: cityPath, body: requestBody },
  responses: {
    201: {
      description: 'Filed and routed; the `location` header is the request to follow',
      schema: requestCreated,
    },
  },
});
