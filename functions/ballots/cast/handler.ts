import { BALLOT_ID } from '../../approvals/ballot-id.ts';
import { castVote, VoteRefused, voterByBallot } from '../../approvals/store.ts';
import { getApplication } from '../../membership/store.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { conflict, HttpError, notFound } from '../../shared/problem.ts';
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
  const voter = BALLOT_ID.test(params.ballotId) ? await voterByBallot(params.ballotId) : undefined;
  if (!voter) return refuse(404, 'No such ballot');
  // The vote's transaction checks that the vote is open and the ballot unused; the city (for the
  // thank-you page) is read alongside it.
  const vote = castVote(voter.approvalId, voter.email, { ...body, via: 'ballot' }).then(
    ({ tally }) => ({ refused: undefined, tally }),
    (error: unknown) => {
      if (error instanceof VoteRefused) return { refused: error.reason, tally: undefined };
      throw error;
    },
  );
  const [result, app] = await Promise.all([vote, fromForm ? getApplication(voter.cityId) : undefined]);
  if (result.refused === 'closed') return refuse(410, 'This vote is closed');
  if (result.refused === 'already-voted') return refuse(409, 'This ballot was already used');
  if (result.refused) return refuse(404, 'No such ballot');
  if (app) return voteRecordedPage({ decision: body.decision, app });
  return json(201, { approvalId: voter.approvalId, decision: body.decision, tally: result.tally });
});
