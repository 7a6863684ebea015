import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'ballots/view',
  method: 'GET',
  path: '/ballots/{ballotId}',
  access: 'public',
  summary:
    'The emailed ballot: an HTML page that shows the application and asks for the decision (changes nothing)',
});
