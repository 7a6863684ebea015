import { cps } from '../cps/civic.ts';
import { membership } from '../membership/members.ts';
import { publicBaseUrl, secretariatEmail } from '../shared/config.ts';
import { httpHandler, json } from '../shared/http.ts';
import { idempotent } from '../shared/idempotency.ts';
import { HttpError } from '../shared/problem.ts';
import { routeHandler } from '../shared/router.ts';
import { checkPlainQuery, isRequestId, parseRequestQuery } from './filters.ts';
import { apiKeyOf, parsePostForm, toRequestForm } from './form.ts';
import {
  type FileName,
  open311ErrorResponse,
  open311NotFound,
  open311Response,
  parseFileName,
} from './format.ts';
import { issueKey, listKeys, revokeKey, verifyKey } from './keys.ts';
import {
  createApiKeyRoute,
  getDocumentRoute,
  getOneRequestRoute,
  getServiceDefinitionRoute,
  listApiKeysRoute,
  postRequestRoute,
  revokeApiKeyRoute,
} from './routes.ts';
import { jurisdiction, requestsInWindow } from './store.ts';
import {
  createdEntry,
  discoveryDocument,
  requestEntry,
  serviceDefinition,
  serviceEntry,
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

const DOCUMENTS = ['discovery', 'services', 'requests'] as const;
type Document = (typeof DOCUMENTS)[number];

/** Discovery and the service list change rarely: caches may keep them a minute. */
const CACHEABLE = { 'cache-control': 'public, max-age=60' };

function documentOf(segment: string): FileName & { name: Document } {
  const file = parseFileName(segment);
  if (!file || !(DOCUMENTS as readonly string[]).includes(file.name)) {
    throw open311NotFound(
      `${segment} was not found: this endpoint serves discovery, services and requests, as .json or .xml`,
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
    return open311Response(200, file.format, 'service_definition', serviceDefinition(service.code), {
      'cache-control': 'public, max-age=60',
    });
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

const postRequestHandler = httpHandler(
  postRequestRoute,
  async ({ params, body }) => {
    const file = parseFileName(params.document);
    if (file?.name !== 'requests') {
      throw open311NotFound(
        `${params.document} was not found: POST service requests to requests.json or requests.xml`,
      );
    }
    const cityId = params.cityId;
    const apiKey = apiKeyOf(body);
    if (!apiKey) throw new HttpError(403, "api_key is missing -- can't proceed with create_request");
    // The key is checked alongside the routing read (the city, its services and rules): one round trip.
    const keyChecked = verifyKey(cityId, apiKey).then((valid) => {
      if (!valid) throw new HttpError(403, "Invalid api_key received -- can't proceed with create_request");
    });
    let form: ReturnType<typeof parsePostForm>;
    try {
      form = parsePostForm(body);
    } catch (error) {
      // Where and who may post come before what they posted: 404, then 403, then the form's 400.
      const [city, key] = await Promise.allSettled([jurisdiction(cityId), keyChecked]);
      if (city.status === 'rejected') throw city.reason;
      if (key.status === 'rejected') throw key.reason;
      throw error;
    }
    const request = await cps.file(cityId, toRequestForm(form), keyChecked).catch((error: unknown) => {
      if (error instanceof HttpError && error.errors?.some((e) => e.path === 'body.service')) {
        throw open311NotFound(`service_code ${form.service_code} was not found`);
      }
      // No city, or not a member (now, or by the time of the write): no jurisdiction.
      if (error instanceof HttpError && (error.status === 404 || error.status === 409))
        throw open311NotFound(`jurisdiction ${cityId} was not found`);
      throw error;
    });
    return open311Response(201, file.format, 'service_requests', [createdEntry(request, form.account_id)], {
      location: `/open311/v2/${cityId}/requests/${request.id}.${file.format}`,
    });
  },
  { errorResponse: open311ErrorResponse, idempotency: idempotent },
);

/** The Lambda function of the feature: one per feature, routing inside by the route key. */
export const handler = routeHandler([
  createApiKeyHandler,
  listApiKeysHandler,
  revokeApiKeyHandler,
  getDocumentHandler,
  getServiceDefinitionHandler,
  getOneRequestHandler,
  postRequestHandler,
]);
