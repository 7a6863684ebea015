import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/officials-list',
  method: 'GET',
  path: '/cities/{cityId}/officials',
  access: ['secretariat'],
  summary: 'The officials of a member city',
});
