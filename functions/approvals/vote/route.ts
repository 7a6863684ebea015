import * as z from 'zod';
import { idParam } from '../../shared/params.ts';
import { defineRoute } from '../../shared/route.ts';
import { voteRecorded } from '../responses.ts';
import { voteBody } from '../vote-body.ts';

export const route = defineRoute({
  name: 'approvals/vote',
  method: 'POST',
  path: '/approvals/{approvalId}/votes',
  access: ['committee'],
  summary: 'Vote on a Full Membership (one vote per committee member)',
  workflow: 'answer',
  request: { params: z.strictObject({ approvalId: idParam }), body: voteBody },
  responses: {
    201: { description: 'The vote is recorded', schema: voteRecorded },
    403: { description: 'The caller is not on the committee roster of this vote' },
    409: { description: 'The caller already voted, or the vote is closed' },
  },
});
