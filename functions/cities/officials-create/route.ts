import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/officials-create',
  method: 'POST',
  path: '/cities/{cityId}/officials',
  access: ['secretariat'],
  summary: 'Add an official of a member city (email unique within the city)',
});
