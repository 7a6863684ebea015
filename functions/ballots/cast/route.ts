import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'ballots/cast',
  method: 'POST',
  path: '/ballots/{ballotId}',
  access: 'public',
  summary: 'Cast the emailed ballot (form or JSON); single use',
  throttle: { rate: 10, burst: 20 },
  workflow: 'answer',
});
