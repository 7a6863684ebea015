import { knowledge } from '../knowledge/representation.ts';
import { httpHandler, json } from '../shared/http.ts';
import { idempotent } from '../shared/idempotency.ts';
import { routeHandler } from '../shared/router.ts';
import { acceptedEmail, applicationReceivedEmail, rejectedEmail, withdrawnEmail } from './emails.ts';
import { directory, history, listByStatus } from './lists.ts';
import {
  acceptApplicationRoute,
  applicationHistoryRoute,
  getApplicationRoute,
  listApplicationsRoute,
  memberDirectoryRoute,
  rejectApplicationRoute,
  submitApplicationRoute,
  withdrawMemberRoute,
} from './routes.ts';
import { changeStatus, getApplication, releaseName, submitApplication } from './store.ts';

const submitApplicationHandler = httpHandler(
  submitApplicationRoute,
  async ({ body }) => {
    const app = await submitApplication(body, (a) => [applicationReceivedEmail(a)]);
    return json(
      201,
      { id: app.id, status: app.status, submittedAt: app.submittedAt },
      { location: `/applications/${app.id}` },
    );
  },
  { idempotency: idempotent },
);

const listApplicationsHandler = httpHandler(listApplicationsRoute, async ({ query: q }) =>
  json(200, await listByStatus(q.status, q.limit, q.cursor)),
);

const getApplicationHandler = httpHandler(getApplicationRoute, async ({ params }) =>
  json(200, await getApplication(params.id)),
);

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
      emails: (a) => [acceptedEmail(a)],
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
]);
