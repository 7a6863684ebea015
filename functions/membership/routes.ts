import { idPath, pageQuery } from '../shared/params.ts';
import { reasonBody } from '../shared/reason.ts';
import { defineRoute } from '../shared/route.ts';
import * as z from '../shared/zod.ts';
import { applicationBody, countryCode, MEMBERSHIP_STATUSES, REGIONS } from './application.ts';
import { applicationPage, applicationView, directoryPage, historyPage, submitted } from './responses.ts';

export const submitApplicationRoute = defineRoute({
  name: 'applications/submit',
  method: 'POST',
  path: '/applications',
  access: 'public',
  summary: 'Submit the Membership Application Form',
  throttle: { rate: 5, burst: 10 },
  idempotent: true,
  request: { body: applicationBody },
  responses: {
    201: { description: 'Submitted; the `location` header is the application', schema: submitted },
  },
});

export const listApplicationsRoute = defineRoute({
  name: 'applications/list',
  method: 'GET',
  path: '/applications',
  paginated: true,
  access: ['secretariat'],
  summary:
    'Applications and members in one status, most recently changed first; optionally of one region or country',
  request: {
    query: z.strictObject({
      status: z._default(z.enum(MEMBERSHIP_STATUSES), 'submitted'),
      region: z.optional(z.enum(REGIONS)),
      country: z.optional(countryCode),
      ...pageQuery,
    }),
  },
  responses: { 200: { description: 'One page of applications', schema: applicationPage } },
});

export const getApplicationRoute = defineRoute({
  name: 'applications/get',
  method: 'GET',
  path: '/applications/{id}',
  access: ['secretariat'],
  summary: 'One application or member, all fields',
  request: { params: idPath },
  responses: { 200: { description: 'The application, all fields', schema: applicationView } },
});

export const applicationHistoryRoute = defineRoute({
  name: 'applications/history',
  method: 'GET',
  path: '/applications/{id}/history',
  paginated: true,
  access: ['secretariat'],
  summary: 'Audit trail of an application: who moved it from which status to which, and why',
  request: { params: idPath, query: z.strictObject(pageQuery) },
  responses: { 200: { description: 'Audit events, oldest first', schema: historyPage } },
});

export const acceptApplicationRoute = defineRoute({
  name: 'applications/accept',
  method: 'POST',
  path: '/applications/{id}/accept',
  access: ['secretariat'],
  summary: "Accept an application: the city becomes an Associate Member and its Mayor's office is emailed",
  request: { params: idPath },
  responses: { 200: { description: 'The application, now `associate`', schema: applicationView } },
});

export const rejectApplicationRoute = defineRoute({
  name: 'applications/reject',
  method: 'POST',
  path: '/applications/{id}/reject',
  access: ['secretariat'],
  summary: "Reject an application with a reason; its Mayor's office is emailed the reason",
  request: { params: idPath, body: reasonBody },
  responses: { 200: { description: 'The application, now `rejected`', schema: applicationView } },
});

export const withdrawMemberRoute = defineRoute({
  name: 'members/withdraw',
  method: 'POST',
  path: '/members/{id}/withdraw',
  access: ['secretariat'],
  summary: "Withdraw an application or a membership, with a reason; the Mayor's office is emailed",
  request: { params: idPath, body: reasonBody },
  responses: { 200: { description: 'The application, now `withdrawn`', schema: applicationView } },
});

export const memberDirectoryRoute = defineRoute({
  name: 'members/directory',
  method: 'GET',
  path: '/members',
  paginated: true,
  access: 'public',
  summary: 'Public directory of Associate and Full Members (no personal data)',
  request: {
    query: z.strictObject({
      status: z.optional(z.enum(['associate', 'full'])),
      region: z.optional(z.enum(REGIONS)),
      ...pageQuery,
    }),
  },
  responses: { 200: { description: 'One page of the directory', schema: directoryPage } },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [
  submitApplicationRoute,
  listApplicationsRoute,
  getApplicationRoute,
  applicationHistoryRoute,
  acceptApplicationRoute,
  rejectApplicationRoute,
  withdrawMemberRoute,
  memberDirectoryRoute,
] as const;
