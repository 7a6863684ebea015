import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'members/withdraw',
  method: 'POST',
  path: '/members/{id}/withdraw',
  access: ['secretariat'],
  summary: "Withdraw an application or a membership, with a reason; the Mayor's office is emailed",
});
