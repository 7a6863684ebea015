import { idParam, idPath } from '../shared/params.ts';
import { defineRoute } from '../shared/route.ts';
import * as z from '../shared/zod.ts';
import { ballotPath } from './ballot-params.ts';
import {
  approvalView,
  committeeVotes,
  committeeVoteView,
  fullMembershipStarted,
  overviewView,
  voteRecorded,
} from './responses.ts';
import { rosterView } from './roster-responses.ts';
import { rosterBody } from './roster-schema.ts';
import { voteBody } from './vote-body.ts';

export const getCommitteeRoute = defineRoute({
  name: 'committee/get',
  method: 'GET',
  path: '/committee',
  access: ['secretariat'],
  summary: 'The Executive Committee roster',
  responses: { 200: { description: 'The roster', schema: rosterView } },
});

export const putCommitteeRoute = defineRoute({
  name: 'committee/put',
  method: 'PUT',
  path: '/committee',
  access: ['secretariat'],
  summary: 'Replace the Executive Committee roster',
  request: { body: rosterBody },
  responses: { 200: { description: 'The new roster', schema: rosterView } },
});

export const requestFullMembershipRoute = defineRoute({
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

export const getApprovalRoute = defineRoute({
  name: 'approvals/get',
  method: 'GET',
  path: '/approvals/{approvalId}',
  access: ['secretariat', 'committee'],
  summary: 'A Full Membership vote: status, tally and closing time',
  request: { params: z.strictObject({ approvalId: idParam }) },
  responses: { 200: { description: 'The vote', schema: approvalView } },
});

export const voteOnApprovalRoute = defineRoute({
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

export const viewBallotRoute = defineRoute({
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

export const castBallotRoute = defineRoute({
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

export const overviewRoute = defineRoute({
  name: 'secretariat/overview',
  method: 'GET',
  path: '/secretariat/overview',
  access: ['secretariat'],
  summary:
    'What needs doing: applications to review, open votes with their tally, overdue CPS requests, emails that failed',
  responses: {
    200: { description: 'The first few of each, and whether there are more', schema: overviewView },
  },
});

export const myVotesRoute = defineRoute({
  name: 'committee/my-votes',
  method: 'GET',
  path: '/committee/me/votes',
  access: ['committee'],
  summary: "The open Full Membership votes, each with the application and the caller's own ballot",
  responses: { 200: { description: 'The open votes, soonest to close first', schema: committeeVotes } },
});

export const myVoteRoute = defineRoute({
  name: 'committee/my-vote',
  method: 'GET',
  path: '/committee/me/votes/{approvalId}',
  access: ['committee'],
  summary: "A Full Membership vote, open or closed, with the application and the caller's own ballot",
  request: { params: z.strictObject({ approvalId: idParam }) },
  responses: { 200: { description: 'The vote', schema: committeeVoteView } },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [
  getCommitteeRoute,
  putCommitteeRoute,
  requestFullMembershipRoute,
  getApprovalRoute,
  voteOnApprovalRoute,
  viewBallotRoute,
  castBallotRoute,
  overviewRoute,
  myVotesRoute,
  myVoteRoute,
] as const;
