import { defineRoute } from '../../shared/route.ts';
import { ballotPath } from '../params.ts';

export const route = defineRoute({
  name: 'ballots/view',
  method: 'GET',
  path: '/ballots/{ballotId}',
  access: 'public',
  summary:
    'The emailed ballot: an HTML page that shows the application and asks for the decision (changes nothing)',
  request: { params: ballotPath },
  responses: {
    200: { description: 'The ballot page', contentType: 'text/html' },
    404: { description: 'A page saying the link is not a ballot', contentType: 'text/html' },
    409: { description: 'A page saying the ballot was already used', contentType: 'text/html' },
    410: { description: 'A page saying the vote is closed', contentType: 'text/html' },
  },
});
