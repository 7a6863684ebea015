import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'approvals/vote',
  method: 'POST',
  path: '/approvals/{approvalId}/votes',
  access: ['committee'],
  summary: 'Vote on a Full Membership (one vote per committee member)',
  workflow: 'answer',
});
