import { membership } from '../membership/members.ts';
import { httpHandler, json } from '../shared/http.ts';
import { idempotent } from '../shared/idempotency.ts';
import { optionalCaller } from '../shared/optional-caller.ts';
import { badRequest, conflict } from '../shared/problem.ts';
import { routeHandler } from '../shared/router.ts';
import { answerFeedback, checkToken, removeContact } from './citizen-answers.ts';
import { createOfficial, listOfficials, officialById } from './officials.ts';
import { claimUploadedPhotos } from './photos.ts';
import { queue } from './queue.ts';
import { handOverEmails, newRequestEmails, notFixedEmails, updateEmails } from './request-emails.ts';
import { checkHandOver, checkUpdate } from './request-status.ts';
import { createRequest, getRequest, handOver, updateStatus } from './requests.ts';
import {
  assigneesRoute,
  assignRequestRoute,
  contactRemovalRoute,
  createOfficialRoute,
  createRequestRoute,
  feedbackRoute,
  getRequestRoute,
  getRoutingRoute,
  getServicesRoute,
  getSetupRoute,
  listOfficialsRoute,
  officialQueueRoute,
  previewRoutingRoute,
  putRoutingRoute,
  putServicesRoute,
  updateRequestRoute,
} from './routes.ts';
import { listRules, replaceRouting } from './routing-store.ts';
import { listServices, replaceServices } from './services.ts';
import { citySetup, previewRouting } from './setup.ts';
import { assertInCharge, fullView, isInCharge, publicView } from './views.ts';

const putServicesHandler = httpHandler(putServicesRoute, async ({ params, body, caller }) => {
  await replaceServices(params.cityId, body.services, caller.email, body.expectedUpdatedAt);
  return json(200, { services: body.services });
});

const getServicesHandler = httpHandler(getServicesRoute, async ({ params }) => {
  const [, services] = await Promise.all([membership.member(params.cityId), listServices(params.cityId)]);
  return json(200, { services }, { 'cache-control': 'public, max-age=60' });
});

const createOfficialHandler = httpHandler(
  createOfficialRoute,
  async ({ params, body }) => {
    const official = await createOfficial(params.cityId, body);
    return json(201, official, { location: `/cities/${params.cityId}/officials/${official.id}` });
  },
  { idempotency: idempotent },
);

const listOfficialsHandler = httpHandler(listOfficialsRoute, async ({ params }) => {
  const [, items] = await Promise.all([membership.member(params.cityId), listOfficials(params.cityId)]);
  return json(200, { items });
});

const putRoutingHandler = httpHandler(putRoutingRoute, async ({ params, body, caller }) => {
  await replaceRouting(params.cityId, body.rules, caller.email, body.expectedUpdatedAt);
  return json(200, { rules: body.rules });
});

const getRoutingHandler = httpHandler(getRoutingRoute, async ({ params }) => {
  const [, rules] = await Promise.all([membership.member(params.cityId), listRules(params.cityId)]);
  return json(200, { rules });
});

const getSetupHandler = httpHandler(getSetupRoute, async ({ params }) =>
  json(200, await citySetup(params.cityId)),
);

const previewRoutingHandler = httpHandler(previewRoutingRoute, async ({ params, body }) =>
  json(200, await previewRouting(params.cityId, body)),
);

const createRequestHandler = httpHandler(
  createRequestRoute,
  async ({ params, body }) => {
    const { media, ...form } = body;
    const request = await createRequest(params.cityId, form, newRequestEmails, {
      ...(media && media.length > 0 ? { photos: claimUploadedPhotos(params.cityId, media) } : {}),
    });
    return json(
      201,
      {
        id: request.id,
        status: request.status,
        ...(request.assignedTo
          ? { assignedTo: { name: request.assignedTo.name, title: request.assignedTo.title } }
          : {}),
        expectedAt: request.expectedAt,
      },
      { location: `/requests/${request.id}` },
    );
  },
  { idempotency: idempotent },
);

/** Public, but the official in charge and the Secretariat (signed in) also see the contact and internal notes. */
const getRequestHandler = httpHandler(getRequestRoute, async ({ params, event }) => {
  const [caller, { request, updates }] = await Promise.all([optionalCaller(event), getRequest(params.id)]);
  return json(200, isInCharge(caller, request) ? fullView(request, updates) : publicView(request, updates));
});

/** The caller's own queue: the index is keyed by the assignee's email, which is the token's email. */
const officialQueueHandler = httpHandler(officialQueueRoute, async ({ query: q, caller }) => {
  const { limit, cursor, ...filter } = q;
  const page = await queue(caller.email, filter, limit, cursor);
  // A queue entry is the request without its updates (GET /requests/{id} has those).
  const items = page.items.map((r) => {
    const { updates: _updates, timeline: _timeline, ...entry } = fullView(r, []);
    return entry;
  });
  return json(200, { ...page, items });
});

const updateRequestHandler = httpHandler(updateRequestRoute, async ({ params, body, caller }) => {
  const { request, updates } = await getRequest(params.id);
  assertInCharge(caller, request);
  checkUpdate(request.status, body.status);
  const { request: updated, update } = await updateStatus(
    request,
    { ...body, actor: caller.email },
    (r, u, token) => updateEmails(request, r, u, token),
  );
  return json(201, fullView(updated, [...updates, update]));
});

const assignRequestHandler = httpHandler(assignRequestRoute, async ({ params, body, caller }) => {
  // The request and the new official are read together; the official must be of the request's city.
  const [{ request, updates }, official] = await Promise.all([
    getRequest(params.id),
    officialById(body.officialId),
  ]);
  assertInCharge(caller, request);
  checkHandOver(request.status);
  if (!official || official.cityId !== request.cityId) {
    throw badRequest('No such official in this city', [
      { path: 'body.officialId', message: 'is not an official of this city' },
    ]);
  }
  if (request.assignedTo?.officialId === official.id)
    throw conflict('The request is already assigned to this official');
  const to = {
    officialId: official.id,
    name: official.name,
    title: official.title,
    email: official.email,
    language: official.language,
  };
  const updated = await handOver(request, to, { reason: body.reason, actor: caller.email }, (r) =>
    handOverEmails(r, to, body.reason),
  );
  return json(200, fullView(updated, updates));
});

/** "Is it fixed?", answered from the page the citizen's email links (public: the token is the proof). */
const feedbackHandler = httpHandler(feedbackRoute, async ({ params, body }) => {
  const { request, updates, tokenHashes } = await getRequest(params.id);
  checkToken(body.token, tokenHashes);
  const { request: answered, update } = await answerFeedback(request, updates, body, notFixedEmails);
  return json(200, publicView(answered, [...updates, update]));
});

/** "Remove my contact details", from the page the citizen's email links. */
const contactRemovalHandler = httpHandler(contactRemovalRoute, async ({ params, body }) => {
  const { request, tokenHashes } = await getRequest(params.id);
  checkToken(body.token, tokenHashes);
  const contactRemovedAt = await removeContact(request);
  return json(200, { id: request.id, contactRemovedAt });
});

/** Whom the official in charge may hand a request over to: the city's other officials, without their emails. */
const assigneesHandler = httpHandler(assigneesRoute, async ({ params, caller }) => {
  const { request } = await getRequest(params.id);
  assertInCharge(caller, request);
  const officials = await listOfficials(request.cityId);
  const items = officials
    .filter((o) => o.id !== request.assignedTo?.officialId)
    .map(({ id, name, title }) => ({ id, name, title }));
  return json(200, { items });
});

/** The Lambda function of the feature: one per feature, routing inside by the route key. */
export const handler = routeHandler([
  putServicesHandler,
  getServicesHandler,
  createOfficialHandler,
  listOfficialsHandler,
  putRoutingHandler,
  getRoutingHandler,
  getSetupHandler,
  previewRoutingHandler,
  createRequestHandler,
  getRequestHandler,
  officialQueueHandler,
  updateRequestHandler,
  assignRequestHandler,
  feedbackHandler,
  contactRemovalHandler,
  assigneesHandler,
]);
