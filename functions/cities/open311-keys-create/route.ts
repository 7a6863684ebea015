import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/open311-keys-create',
  method: 'POST',
  path: '/cities/{cityId}/open311-keys',
  access: ['secretariat'],
  summary: 'Issue an Open311 API key for a member city (shown once, stored hashed)',
});
