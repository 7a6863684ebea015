import { voteRecorded } from '../../approvals/responses.ts';
import { voteBody } from '../../approvals/vote-body.ts';
import { defineRoute } from '../../shared/route.ts';
import { ballotPath } from '../params.ts';

export const route = defineRoute({
  name: 'ballots/cast',
  method: 'POST',
  path: '/ballots/{ballotId}',
  access: 'public',
  summary: 'Cast the emailed ballot (form or JSON); single use',
  throttle: { rate: 10, burst: 20 },
  workflow: 'answer',
  request: { params: ballotPath, body: voteBody, bodyTypes: ['form', 'json'] },
  responses: {
    200: { description: 'A form post: a page confirming the vote', contentType: 'text/html' },
    201: { description: 'A JSON post: the vote is recorded', schema: voteRecorded },
    404: {
      description: 'Not a ballot (a page for a form post)',
      contentType: ['application/problem+json', 'text/html'],
    },
    409: {
      description: 'The ballot was already used (a page for a form post)',
      contentType: ['application/problem+json', 'text/html'],
    },
    410: {
      description: 'The vote is closed (a page for a form post)',
      contentType: ['application/problem+json', 'text/html'],
    },
  },
});
