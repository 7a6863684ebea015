import { httpHandler } from '../../shared/http.ts';
import { findBallot } from '../lookup.ts';
import { ballotErrorPage, ballotPage } from '../page.ts';
import { route } from './route.ts';

/** Opening the link records nothing: mail scanners that follow links cast no vote. */
export const handler = httpHandler(route, async ({ params }) => {
  const ballot = await findBallot(params.ballotId);
  if (!ballot) return ballotErrorPage(404);
  if (ballot.voter.decision) return ballotErrorPage(409);
  if (!ballot.open) return ballotErrorPage(410);
  return ballotPage({
    ballotId: params.ballotId,
    voterName: ballot.voter.name,
    app: ballot.app,
    closesAt: ballot.closesAt,
  });
});
