import { idPath, pageQuery } from '../shared/params.ts';
import { reasonBody } from '../shared/reason.ts';
import { defineRoute } from '../shared/route.ts';
import * as z from '../shared/zod.ts';
import { presignBody, presignedUpload } from '../uploads/schemas.ts';
import { applicationBody, countryCode, MEMBERSHIP_STATUSES, REGIONS } from './application.ts';
import { createDraftBody, replaceDraftBody, signedFormBody, submitDraftBody } from './draft-schema.ts';
import {
  applicationPage,
  applicationView,
  directoryPage,
  draftCreated,
  draftView,
  historyPage,
  secretariatApplicationView,
  submitted,
} from './responses.ts';

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
    'Applications and members in one status, most recently changed first; optionally of one region or country; staff with a region scope (a `region-<region>` group) get their regions first',
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
  summary:
    'One application or member, all fields, with a link to its signed Membership Application Form (a PDF) that works for 5 minutes',
  uploads: true,
  request: { params: idPath },
  responses: { 200: { description: 'The application, all fields', schema: secretariatApplicationView } },
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

/** What a draft route answers besides its success: every one needs the token of the draft's link. */
const draftErrors = {
  404: { description: 'No draft with this id opens with this token' },
  410: { description: 'The draft expired (drafts are kept 30 days)' },
} as const;

export const createDraftRoute = defineRoute({
  name: 'applications/draft-create',
  method: 'POST',
  path: '/application-drafts',
  access: 'public',
  summary:
    'Save a draft of the Membership Application Form: its resume token is answered once and emailed as a link to `email` (no Idempotency-Key: the answer holds a secret that is never stored)',
  throttle: { rate: 5, burst: 10 },
  request: { body: createDraftBody },
  responses: { 201: { description: 'The draft, with its resume token', schema: draftCreated } },
});

export const getDraftRoute = defineRoute({
  name: 'applications/draft-get',
  method: 'GET',
  path: '/application-drafts/{id}',
  access: 'public',
  summary: 'A draft, with its resume token in the `draft-token` header',
  request: { params: idPath },
  responses: { 200: { description: 'The draft', schema: draftView }, ...draftErrors },
});

export const replaceDraftRoute = defineRoute({
  name: 'applications/draft-replace',
  method: 'PUT',
  path: '/application-drafts/{id}',
  access: 'public',
  summary:
    "Replace a draft's answers (each section complete and valid), with its resume token in the `draft-token` header",
  throttle: { rate: 10, burst: 20 },
  request: { params: idPath, body: replaceDraftBody },
  responses: {
    200: { description: 'The draft as saved', schema: draftView },
    ...draftErrors,
    409: { description: 'The draft was already submitted' },
  },
});

export const signedFormUploadRoute = defineRoute({
  name: 'applications/draft-signed-form-upload',
  method: 'POST',
  path: '/application-drafts/{id}/signed-form',
  access: 'public',
  summary:
    "Upload the draft's signed Membership Application Form (a PDF of at most 10 MB): a presigned POST, with the draft's resume token in the `draft-token` header",
  throttle: { rate: 10, burst: 20 },
  uploads: true,
  request: { params: idPath, body: presignBody('application-form') },
  responses: {
    201: {
      description:
        'POST `fields`, then the PDF as the last field `file`, as multipart/form-data to `url` before `expiresAt`; then attach its `uploadId` with PUT /application-drafts/{id}/signed-form. A page without JavaScript leaves out `contentType` and `size` and gives `redirect`: S3 sends the browser back there with `?upload=<uploadId>`.',
      schema: presignedUpload,
    },
    ...draftErrors,
    409: { description: 'The draft was already submitted' },
  },
});

export const attachSignedFormRoute = defineRoute({
  name: 'applications/draft-signed-form-attach',
  method: 'PUT',
  path: '/application-drafts/{id}/signed-form',
  access: 'public',
  summary:
    "Attach an uploaded PDF as the draft's signed form (it replaces the last one): its type is checked from its bytes; with the draft's resume token in the `draft-token` header",
  throttle: { rate: 10, burst: 20 },
  uploads: true,
  request: { params: idPath, body: signedFormBody },
  responses: {
    200: { description: 'The draft, with its signed form', schema: draftView },
    400: { description: 'The file is not a PDF (`uploadId` names it)' },
    404: {
      description: "No draft with this id opens with this token, or the upload is unknown or another draft's",
    },
    409: {
      description:
        'The file never arrived (or it expired: upload it again), the upload is attached already, or the draft was submitted',
    },
    410: draftErrors[410],
  },
});

export const submitDraftRoute = defineRoute({
  name: 'applications/draft-submit',
  method: 'POST',
  path: '/application-drafts/{id}/submit',
  access: 'public',
  summary:
    'Submit a complete draft as the application (a retry answers the same application), with its resume token in the `draft-token` header',
  throttle: { rate: 5, burst: 10 },
  request: { params: idPath, body: submitDraftBody, bodyOptional: true },
  responses: {
    201: { description: 'Submitted; the `location` header is the application', schema: submitted },
    ...draftErrors,
    409: {
      description:
        'The city already has a live application or membership, or the draft was submitted at the same moment',
    },
  },
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
  createDraftRoute,
  getDraftRoute,
  replaceDraftRoute,
  submitDraftRoute,
  signedFormUploadRoute,
  attachSignedFormRoute,
] as const;
