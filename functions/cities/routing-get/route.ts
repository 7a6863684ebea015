import { routingRules } from '../../cps/responses.ts';
import { defineRoute } from '../../shared/route.ts';
import { cityPath } from '../params.ts';

export const route = defineRoute({
  name: 'cities/routing-get',
  method: 'GET',
  path: '/cities/{cityId}/routing',
  access: ['secretariat'],
  summary: 'The routing rules of a member city',
  request: { params: cityPath },
  responses: { 200: { description: 'The rules', schema: routingRules } },
});
