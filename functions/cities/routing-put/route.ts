import { routingRules } from '../../cps/responses.ts';
import { routingBody } from '../../cps/schemas.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/routing-put',
  method: 'PUT',
  path: '/cities/{cityId}/routing',
  access: ['secretariat'],
  summary: 'Replace the routing rules (district, service, official; * matches any)',
  request: { params: cityPath, body: routingBody },
  responses: { 200: { description: 'The new rules', schema: routingRules } },
});
