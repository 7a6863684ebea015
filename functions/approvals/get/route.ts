import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'approvals/get',
  method: 'GET',
  path: '/approvals/{approvalId}',
  access: ['secretariat', 'committee'],
  summary: 'A Full Membership vote: status, tally and closing time',
});
