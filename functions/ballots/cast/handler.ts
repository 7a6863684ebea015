import { castVote, VoteRefused } from '../../approvals/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { conflict, HttpError, notFound } from '../../shared/problem.ts';
import { findBallot } from '../lookup.ts';
import { ballotErrorPage, voteRecordedPage } from '../page.ts';
import { route } from './route.ts';

/**
 * The ballot link is the credential: single use (409 once used), 410 once the vote is closed, 404 for a
 * link that is not a ballot. A browser's form post gets HTML pages; a JSON client gets JSON.
 */
export const handler = httpHandler(route, async ({ params, body, event }) => {
  const fromForm = (event.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const refuse = (status: 404 | 409 | 410, detail: string) => {
    if (fromForm) return ballotErrorPage(status);
    throw status === 404 ? notFound(detail) : status === 409 ? conflict(detail) : new HttpError(410, detail);
  };
  const ballot = await findBallot(params.ballotId);
  if (!ballot) return refuse(404, 'No such ballot');
  try {
    const { tally } = await castVote(ballot.voter.approvalId, ballot.voter.email, {
      ...body,
      via: 'ballot',
    });
    if (fromForm) return voteRecordedPage({ decision: body.decision, app: ballot.app });
    return json(201, { approvalId: ballot.voter.approvalId, decision: body.decision, tally });
  } catch (error) {
    if (!(error instanceof VoteRefused)) throw error;
    if (error.reason === 'closed') return refuse(410, 'This vote is closed');
    if (error.reason === 'already-voted') return refuse(409, 'This ballot was already used');
    return refuse(404, 'No such ballot');
  }
});
