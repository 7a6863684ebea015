import { applicationBody } from '../../membership/application.ts';
import { submitted } from '../../membership/responses.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'applications/submit',
  method: 'POST',
  path: '/applications',
  access: 'public',
  summary: 'Submit the Membership Application Form',
  throttle: { rate: 5, burst: 10 },
  idempotent: true,
  request: { body: applicationBody },
  responses: {
    201: { description: 'Submitted; the `location` header is the application', schema: submitted },
  },
});
