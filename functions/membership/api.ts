import { knowledge } from '../knowledge/representation.ts';
import { publicBaseUrl, regionalOffices } from '../shared/config.ts';
import { httpHandler, json } from '../shared/http.ts';
import { idempotent } from '../shared/idempotency.ts';
import { routeHandler } from '../shared/router.ts';
import type { Application } from './application.ts';
import type { Draft } from './draft-schema.ts';
import { createDraft, draftToken, getDraft, replaceDraft, submitDraft } from './drafts.ts';
import {
  acceptedContent,
  acceptedEmail,
  applicationReceivedEmail,
  draftLinkEmail,
  receivedContent,
  regionalCopy,
  rejectedEmail,
  withdrawnEmail,
} from './emails.ts';
import { directory, history, listByStatus } from './lists.ts';
import {
  acceptApplicationRoute,
  applicationHistoryRoute,
  attachSignedFormRoute,
  createDraftRoute,
  getApplicationRoute,
  getDraftRoute,
  listApplicationsRoute,
  memberDirectoryRoute,
  rejectApplicationRoute,
  replaceDraftRoute,
  signedFormUploadRoute,
  submitApplicationRoute,
  submitDraftRoute,
  withdrawMemberRoute,
} from './routes.ts';
import { attachSignedForm, presignSignedForm, signedFormView } from './signed-form.ts';
import { changeStatus, getApplication, readApplication, releaseName, submitApplication } from './store.ts';

const baseUrl = publicBaseUrl();
const offices = regionalOffices();

/** A new application's emails: the acknowledgement, and a copy for the regional office of its region. */
const receivedEmails = (a: Application) => [
  applicationReceivedEmail(a),
  ...regionalCopy(a, offices, receivedContent),
];

const submitApplicationHandler = httpHandler(
  submitApplicationRoute,
  async ({ body }) => {
    const app = await submitApplication(body, receivedEmails);
    return json(
      201,
      { id: app.id, status: app.status, submittedAt: app.submittedAt },
      { location: `/applications/${app.id}` },
    );
  },
  { idempotency: idempotent },
);

// Staff of a regional office (a region scope in their verified token) see their regions first; a region
// or country asked narrows the list.
const listApplicationsHandler = httpHandler(listApplicationsRoute, async ({ query: q, caller }) =>
  json(
    200,
    await listByStatus(q.status, q.limit, q.cursor, {
      regionsFirst: caller.regions ?? [],
      region: q.region,
      country: q.country,
    }),
  ),
);

const getApplicationHandler = httpHandler(getApplicationRoute, async ({ params }) => {
  const { app, signedForm } = await readApplication(params.id);
  return json(200, signedForm ? { ...app, signedForm: await signedFormView(app, signedForm) } : app);
});

const applicationHistoryHandler = httpHandler(applicationHistoryRoute, async ({ params, query }) => {
  const [page] = await Promise.all([
    history(params.id, query.limit, query.cursor),
    getApplication(params.id),
  ]);
  return json(200, page);
});

const acceptApplicationHandler = httpHandler(acceptApplicationRoute, async ({ params, caller }) => {
  const now = new Date();
  const app = await changeStatus(
    params.id,
    {
      action: 'accept',
      actor: caller.email,
      set: { memberSince: now.toISOString() },
      // The contact person becomes the city's first representative on the knowledge platform.
      with: (a) => knowledge.firstRepresentative(a, now.toISOString()),
      emails: (a) => [acceptedEmail(a), ...regionalCopy(a, offices, acceptedContent)],
    },
    now,
  );
  return json(200, app);
});

const rejectApplicationHandler = httpHandler(rejectApplicationRoute, async ({ params, body, caller }) => {
  const app = await changeStatus(params.id, {
    action: 'reject',
    actor: caller.email,
    note: body.reason,
    set: { rejectionReason: body.reason },
    with: (a) => [releaseName(a)],
    emails: (a) => [rejectedEmail(a, body.reason)],
  });
  return json(200, app);
});

/** A vote still open on a withdrawn city ends on its own; its outcome then leaves the city withdrawn. */
const withdrawMemberHandler = httpHandler(withdrawMemberRoute, async ({ params, body, caller }) => {
  const app = await changeStatus(params.id, {
    action: 'withdraw',
    actor: caller.email,
    note: body.reason,
    set: { withdrawalReason: body.reason },
    with: (a) => [releaseName(a)],
    emails: (a) => [withdrawnEmail(a, body.reason)],
  });
  return json(200, app);
});

const memberDirectoryHandler = httpHandler(memberDirectoryRoute, async ({ query: q }) =>
  json(
    200,
    await directory(
      { ...(q.status ? { status: q.status } : {}), ...(q.region ? { region: q.region } : {}) },
      q.limit,
      q.cursor,
    ),
    {
      'cache-control': 'public, max-age=60',
    },
  ),
);

/** The link that resumes a draft: a page of the site, in the draft's language. */
const draftLink = (draft: Draft, token: string) =>
  draftLinkEmail({
    to: draft.email ?? '',
    lang: draft.language,
    url: `${baseUrl}/${draft.language}/apply/resume?${new URLSearchParams({ draft: draft.id, token })}`,
    expiresAt: draft.expiresAt,
  });

const createDraftHandler = httpHandler(createDraftRoute, async ({ body }) => {
  const draft = await createDraft(body, draftLink);
  return json(
    201,
    { id: draft.id, token: draft.token, expiresAt: draft.expiresAt },
    { location: `/application-drafts/${draft.id}` },
  );
});

const getDraftHandler = httpHandler(getDraftRoute, async ({ params, event }) =>
  json(200, await getDraft(params.id, draftToken(event))),
);

const replaceDraftHandler = httpHandler(replaceDraftRoute, async ({ params, body, event }) =>
  json(200, await replaceDraft(params.id, draftToken(event), body, draftLink)),
);

const submitDraftHandler = httpHandler(submitDraftRoute, async ({ params, body, event }) => {
  const app = await submitDraft(params.id, draftToken(event), body?.language, receivedEmails);
  return json(
    201,
    { id: app.id, status: 'submitted', submittedAt: app.submittedAt },
    { location: `/applications/${app.id}` },
  );
});

const signedFormUploadHandler = httpHandler(signedFormUploadRoute, async ({ params, body, event }) =>
  json(201, await presignSignedForm(params.id, draftToken(event), body)),
);

const attachSignedFormHandler = httpHandler(attachSignedFormRoute, async ({ params, body, event }) =>
  json(200, await attachSignedForm(params.id, draftToken(event), body.uploadId)),
);

/** The Lambda function of the feature: one per feature, routing inside by the route key. */
export const handler = routeHandler([
  submitApplicationHandler,
  listApplicationsHandler,
  getApplicationHandler,
  applicationHistoryHandler,
  acceptApplicationHandler,
  rejectApplicationHandler,
  withdrawMemberHandler,
  memberDirectoryHandler,
  createDraftHandler,
  getDraftHandler,
  replaceDraftHandler,
  submitDraftHandler,
  signedFormUploadHandler,
  attachSignedFormHandler,
]);
