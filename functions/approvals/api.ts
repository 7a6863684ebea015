import { membership } from '../membership/members.ts';
import { regionalOffices } from '../shared/config.ts';
import { requireEnv } from '../shared/env.ts';
import { httpHandler, json } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { conflict, forbidden, HttpError, notFound } from '../shared/problem.ts';
import { routeHandler } from '../shared/router.ts';
import { closeApprovalUpdate, closesAt, getApproval, newApprovalId, openApprovalPut } from './approvals.ts';
import { ballotErrorPage, ballotPage, voteRecordedPage } from './ballot-page.ts';
import { ballotOf, findBallot } from './ballots.ts';
import { committeeVote, openVotesOf } from './committee-votes.ts';
import { voteStartedOfficeEmail } from './emails.ts';
import { overview } from './overview.ts';
import { getRoster, replaceRoster } from './roster.ts';
import {
  castBallotRoute,
  getApprovalRoute,
  getCommitteeRoute,
  myVoteRoute,
  myVotesRoute,
  overviewRoute,
  putCommitteeRoute,
  requestFullMembershipRoute,
  viewBallotRoute,
  voteOnApprovalRoute,
} from './routes.ts';
import { castVote, VoteRefused } from './votes.ts';
import { startApprovalWorkflow } from './workflow.ts';

const getCommitteeHandler = httpHandler(getCommitteeRoute, async () => {
  const roster = await getRoster();
  return json(200, { members: roster.members, ...(roster.updatedAt ? { updatedAt: roster.updatedAt } : {}) });
});

const putCommitteeHandler = httpHandler(putCommitteeRoute, async ({ body, caller }) => {
  const current = await getRoster();
  const roster = await replaceRoster(current, body.members, caller.email);
  return json(200, { members: roster.members, updatedAt: roster.updatedAt });
});

const stateMachineArn = requireEnv('STATE_MACHINE_ARN');
const votingSeconds = Number(requireEnv('VOTING_PERIOD_SECONDS'));
const offices = regionalOffices();

const requestFullMembershipHandler = httpHandler(requestFullMembershipRoute, async ({ params, caller }) => {
  // The roster and the application are read together; the transaction then checks the status read.
  const [roster, current] = await Promise.all([getRoster(), membership.read(params.id)]);
  if (roster.members.length === 0)
    throw conflict('The Executive Committee roster is empty: set it with PUT /committee first');
  const actor = caller.email;
  const approvalId = newApprovalId();
  const now = new Date();
  const app = await membership.move(
    params.id,
    {
      action: 'requestFullMembership',
      actor,
      set: { approvalId },
      with: (a) => [openApprovalPut(a, approvalId, actor, now, votingSeconds)],
      // The regional office of the city's region hears of the vote with it.
      emails: (a) =>
        voteStartedOfficeEmail(a, offices, { approvalId, closesAt: closesAt(now, votingSeconds) }),
    },
    now,
    current,
  );
  try {
    await startApprovalWorkflow(stateMachineArn, { approvalId, cityId: app.id });
  } catch (error) {
    // No workflow, no vote: undo the opening so the city is not left waiting for nothing.
    logger.error('Approval workflow did not start', { approvalId, errorName: (error as Error).name });
    await membership.move(app.id, {
      action: 'returnToAssociate',
      actor: 'system',
      note: 'the approval workflow could not be started',
      remove: ['approvalId'],
      with: () => [closeApprovalUpdate(approvalId, 'failed', new Date())],
    });
    throw error;
  }
  return json(202, { approvalId, status: app.status, votingClosesAt: closesAt(now, votingSeconds) });
});

const getApprovalHandler = httpHandler(getApprovalRoute, async ({ params }) =>
  json(200, await getApproval(params.approvalId)),
);

const voteOnApprovalHandler = httpHandler(voteOnApprovalRoute, async ({ params, body, caller }) => {
  const voter = caller.email;
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
      case 'busy':
        throw conflict('Many votes arrived at the same moment; send yours again');
    }
  }
});

/** Opening the link records nothing: mail scanners that follow links cast no vote. */
const viewBallotHandler = httpHandler(viewBallotRoute, async ({ params }) => {
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

/**
 * The ballot link is the credential: single use (409 once used), 410 once the vote is closed, 404 for a
 * link that is not a ballot. A browser's form post gets HTML pages; a JSON client gets JSON.
 */
const castBallotHandler = httpHandler(castBallotRoute, async ({ params, body, event }) => {
  const fromForm = (event.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const refuse = (status: 404 | 409 | 410, detail: string) => {
    if (fromForm) return ballotErrorPage(status);
    throw status === 404 ? notFound(detail) : status === 409 ? conflict(detail) : new HttpError(410, detail);
  };
  // The approval and the ballot in one read; then the vote's transaction checks that the vote is open
  // and the ballot unused, while the city (for the thank-you page) is read alongside it.
  const ballot = await ballotOf(params.ballotId);
  if (!ballot) return refuse(404, 'No such ballot');
  const { approval, email } = ballot;
  const vote = castVote(approval.id, email, { ...body, via: 'ballot' }, new Date(), approval).then(
    ({ tally }) => ({ refused: undefined, tally }),
    (error: unknown) => {
      if (error instanceof VoteRefused) return { refused: error.reason, tally: undefined };
      throw error;
    },
  );
  const [result, app] = await Promise.all([vote, fromForm ? membership.read(approval.cityId) : undefined]);
  if (result.refused === 'closed') return refuse(410, 'This vote is closed');
  if (result.refused === 'already-voted') return refuse(409, 'This ballot was already used');
  if (result.refused === 'busy') throw conflict('Many votes arrived at the same moment; send yours again');
  if (result.refused) return refuse(404, 'No such ballot');
  if (app) return voteRecordedPage({ decision: body.decision, app });
  return json(201, { approvalId: approval.id, decision: body.decision, tally: result.tally });
});

const overviewHandler = httpHandler(overviewRoute, async () => json(200, await overview()));

/** The caller's own ballots: the voter records are keyed by the token's email. */
const myVotesHandler = httpHandler(myVotesRoute, async ({ caller }) =>
  json(200, await openVotesOf(caller.email)),
);

const myVoteHandler = httpHandler(myVoteRoute, async ({ params, caller }) =>
  json(200, await committeeVote(params.approvalId, caller.email)),
);

/** The Lambda function of the feature: one per feature, routing inside by the route key. */
export const handler = routeHandler([
  getCommitteeHandler,
  putCommitteeHandler,
  requestFullMembershipHandler,
  getApprovalHandler,
  voteOnApprovalHandler,
  viewBallotHandler,
  castBallotHandler,
  overviewHandler,
  myVotesHandler,
  myVoteHandler,
]);
