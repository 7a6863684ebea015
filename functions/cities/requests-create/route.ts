import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'cities/requests-create',
  method: 'POST',
  path: '/cities/{cityId}/requests',
  access: 'public',
  summary: 'File a civic request; it is routed to the official in charge, who is emailed',
  throttle: { rate: 10, burst: 20 },
});
