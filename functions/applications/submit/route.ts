import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/submit',
  method: 'POST',
  path: '/applications',
  access: 'public',
  summary: 'Submit the Membership Application Form',
  throttle: { rate: 5, burst: 10 },
});
