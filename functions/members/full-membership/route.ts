import { fullMembershipStarted } from '../../membership/responses.ts';
import { idPath } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'members/full-membership',
  method: 'POST',
  path: '/members/{id}/full-membership',
  access: ['secretariat'],
  summary: 'Ask the Executive Committee to approve an Associate Member as a Full Member (starts the vote)',
  workflow: 'start',
  request: { params: idPath },
  responses: {
    202: {
      description: 'The vote is open: every committee member is emailed a ballot',
      schema: fullMembershipStarted,
    },
  },
});
