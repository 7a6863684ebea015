import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/routing-get',
  method: 'GET',
  path: '/cities/{cityId}/routing',
  access: ['secretariat'],
  summary: 'The routing rules of a member city',
});
