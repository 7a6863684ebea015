import { httpHandler, json } from '../../shared/http.ts';
import { conflict, forbidden, notFound } from '../../shared/problem.ts';
import { castVote, VoteRefused } from '../store.ts';
import { route } from './route.ts';

export const handler = httpHandler(route, async ({ params, body, caller }) => {
  const voter = caller?.email ?? '';
  try {
    const { tally } = await castVote(params.approvalId, voter, { ...body, via: 'api' });
    return json(201, { approvalId: params.approvalId, decision: body.decision, tally });
  } catch (error) {
    if (!(error instanceof VoteRefused)) throw error;
    switch (error.reason) {
      case 'unknown':
        throw notFound(`No approval ${params.approvalId}`);
      case 'not-eligible':
        throw forbidden('You are not on the committee roster of this vote');
      case 'already-voted':
        throw conflict('You have already voted');
      case 'closed':
        throw conflict('This vote is closed');
    }
  }
});
