import type { Context } from 'aws-lambda';
import { cps } from '../cps/civic.ts';
import { membership } from '../membership/members.ts';
import { publicBaseUrl, secretariatEmail } from '../shared/config.ts';
import { type HttpEvent, type HttpResponse, httpHandler, json } from '../shared/http.ts';
import { idempotent } from '../shared/idempotency.ts';
import { HttpError } from '../shared/problem.ts';
import { routeHandler } from '../shared/router.ts';
import { anyOpen311, headAsGet } from './any.ts';
import { checkPlainQuery, isRequestId, parseRequestQuery, parseUpdatesQuery } from './filters.ts';
import {
  type FileName,
  open311ErrorResponse,
  open311NotFound,
  open311Response,
  parseFileName,
} from './format.ts';
import { issueKey, listKeys, revokeKey } from './keys.ts';
import { postComment, postServiceRequest } from './posts.ts';
import {
  anyOpen311Route,
  createApiKeyRoute,
  getDocumentRoute,
  getOneRequestRoute,
  getServiceDefinitionRoute,
  getTokenRoute,
  listApiKeysRoute,
  postRequestRoute,
  revokeApiKeyRoute,
  routes,
} from './routes.ts';
import { jurisdiction, requestsInWindow } from './store.ts';
import {
  discoveryDocument,
  requestEntry,
  serviceDefinition,
  serviceEntry,
  tokenEntry,
  updateEntry,
  w3c,
} from './views.ts';

/**
 * The body `{ label? }` may be left out (the route's `bodyOptional`). Not idempotent on purpose: the
 * idempotency store keeps the first answer for a day, and that answer is the raw key, which must never
 * be stored. A retry issues a second key; the first stays valid.
 */
const createApiKeyHandler = httpHandler(createApiKeyRoute, async ({ params, body, caller }) => {
  const issued = await issueKey(params.cityId, { actor: caller.email, label: body?.label });
  return json(201, issued);
});

/** The city is read alongside its keys: an unknown city is a 404, as for issuing. */
const listApiKeysHandler = httpHandler(listApiKeysRoute, async ({ params }) => {
  const [, items] = await Promise.all([membership.read(params.cityId), listKeys(params.cityId)]);
  return json(200, { items });
});

const revokeApiKeyHandler = httpHandler(revokeApiKeyRoute, async ({ params }) => {
  await revokeKey(params.cityId, params.keyId);
  return { statusCode: 204, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } };
});

const baseUrl = publicBaseUrl();
const secretariat = secretariatEmail();

/** What `{document}` may name: GeoReport v2's three, and FixMyStreet's updates extension. */
const DOCUMENTS = ['discovery', 'services', 'requests', 'servicerequestupdates'] as const;
type Document = (typeof DOCUMENTS)[number];
const UPDATES = 'servicerequestupdates';

/** Discovery and the service list change rarely: caches may keep them a minute. */
const CACHEABLE = { 'cache-control': 'public, max-age=60' };

function documentOf(segment: string): FileName & { name: Document } {
  const file = parseFileName(segment);
  if (!file || !(DOCUMENTS as readonly string[]).includes(file.name)) {
    throw open311NotFound(
      `${segment} was not found: this endpoint serves discovery, services, requests and servicerequestupdates, as .json or .xml`,
    );
  }
  return file as FileName & { name: Document };
}

const getDocumentHandler = httpHandler(
  getDocumentRoute,
  async ({ params, query }) => {
    const { name, format } = documentOf(params.document);
    const cityId = params.cityId;

    if (name === 'discovery') {
      checkPlainQuery(query);
      const [city, changedAt] = await Promise.all([jurisdiction(cityId), cps.servicesChangedAt(cityId)]);
      const changeset = w3c(changedAt ?? city.memberSince ?? city.updatedAt);
      const document = discoveryDocument({
        baseUrl,
        cityId,
        cityName: city.city.name,
        changeset,
        secretariatEmail: secretariat,
      });
      return open311Response(200, format, 'discovery', document, CACHEABLE);
    }

    if (name === 'services') {
      checkPlainQuery(query);
      const [, services] = await Promise.all([jurisdiction(cityId), cps.services(cityId)]);
      return open311Response(200, format, 'services', services.map(serviceEntry), CACHEABLE);
    }

    if (name === UPDATES) {
      const window = parseUpdatesQuery(query);
      const [, updates] = await Promise.all([
        jurisdiction(cityId),
        cps.publicUpdatesInWindow(cityId, window, MAX_UPDATES),
      ]);
      return open311Response(200, format, 'service_request_updates', updates.map(updateEntry));
    }

    const filters = parseRequestQuery(query);
    // The jurisdiction check and the reads run together: a non-member city answers 404 either way.
    const [, requests] = await Promise.all([
      jurisdiction(cityId),
      filters.kind === 'ids' ? cps.requestsById(cityId, filters.ids) : requestsInWindow(cityId, filters),
    ]);
    return open311Response(200, format, 'service_requests', requests.map(requestEntry));
  },
  { errorResponse: open311ErrorResponse },
);

/** A window of updates lists at most this many, oldest first. */
const MAX_UPDATES = 1000;

const getServiceDefinitionHandler = httpHandler(
  getServiceDefinitionRoute,
  async ({ params, query }) => {
    const file = parseFileName(params.serviceFile);
    if (!file)
      throw open311NotFound(`${params.serviceFile} was not found: ask for <service_code>.json or .xml`);
    checkPlainQuery(query);
    const [, service] = await Promise.all([
      jurisdiction(params.cityId),
      cps.service(params.cityId, file.name),
    ]);
    if (!service) throw open311NotFound(`service_code ${file.name} was not found`);
    const definition = serviceDefinition(service.code, cps.attributesOf(service));
    return open311Response(200, file.format, 'service_definition', definition, CACHEABLE);
  },
  { errorResponse: open311ErrorResponse },
);

const getOneRequestHandler = httpHandler(
  getOneRequestRoute,
  async ({ params, query }) => {
    const file = parseFileName(params.requestFile);
    if (!file || !isRequestId(file.name)) {
      throw open311NotFound(`${params.requestFile} was not found: ask for <service_request_id>.json or .xml`);
    }
    checkPlainQuery(query);
    const notFound = open311NotFound(`service_request_id ${file.name} was not found`);
    const [, found] = await Promise.all([
      jurisdiction(params.cityId),
      cps.request(file.name).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 404) return undefined;
        throw error;
      }),
    ]);
    // Another city's request is not part of this jurisdiction.
    if (!found || found.request.cityId !== params.cityId) throw notFound;
    const entry = requestEntry(found.request);
    return open311Response(200, file.format, 'service_requests', [entry]);
  },
  { errorResponse: open311ErrorResponse },
);

/** GET tokens/{token}: the request of the token, which is its id (every request is filed at once). */
const getTokenHandler = httpHandler(
  getTokenRoute,
  async ({ params, query }) => {
    const file = parseFileName(params.tokenFile);
    if (!file) throw open311NotFound(`${params.tokenFile} was not found: ask for <token>.json or .xml`);
    checkPlainQuery(query);
    const [, found] = await Promise.all([
      jurisdiction(params.cityId),
      isRequestId(file.name) ? cps.requestsById(params.cityId, [file.name]) : [],
    ]);
    if (found.length === 0) throw open311NotFound(`token ${file.name} was not found`);
    return open311Response(200, file.format, 'service_requests', [tokenEntry(file.name)]);
  },
  { errorResponse: open311ErrorResponse },
);

const postRequestHandler = httpHandler(
  postRequestRoute,
  async ({ params, body, query, files }) => {
    const file = parseFileName(params.document);
    if (file?.name === 'requests') return postServiceRequest(params.cityId, file.format, body, query, files);
    if (file?.name === UPDATES) return postComment(params.cityId, file.format, body, query, files);
    throw open311NotFound(
      `${params.document} was not found: POST service requests to requests.json or .xml, and comments to servicerequestupdates.json or .xml`,
    );
  },
  { errorResponse: open311ErrorResponse, idempotency: idempotent },
);

/** Everything else under /open311/: Open311 errors (404, 405) in the format of the path. */
const anyHandler = httpHandler(anyOpen311Route, ({ event }) => anyOpen311(event, routes), {
  errorResponse: open311ErrorResponse,
});

const routed = routeHandler([
  createApiKeyHandler,
  listApiKeysHandler,
  revokeApiKeyHandler,
  getDocumentHandler,
  getServiceDefinitionHandler,
  getOneRequestHandler,
  getTokenHandler,
  postRequestHandler,
  anyHandler,
]);

/**
 * The Lambda function of the feature: one per feature, routing inside by the route key. A HEAD (which
 * only the catch-all route gets) is served as the GET of its path, and answered without a body.
 */
export async function handler(event: HttpEvent, context: Context): Promise<HttpResponse> {
  const get = headAsGet(event, anyOpen311Route, routes);
  const response = await routed(get ?? event, context);
  if (event.requestContext.http.method.toUpperCase() !== 'HEAD') return response;
  const { body: _body, ...head } = response;
  return head;
}
