import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'members/directory',
  method: 'GET',
  path: '/members',
  paginated: true,
  access: 'public',
  summary: 'Public directory of Associate and Full Members (no personal data)',
});
