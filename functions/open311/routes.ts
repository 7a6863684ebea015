import { cityPath, idParam } from '../shared/params.ts';
import { defineRoute } from '../shared/route.ts';
import { line } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { anyPath, documentPath, rawQuery, requestPath, servicePath, tokenPath } from './params.ts';

export const createApiKeyRoute = defineRoute({
  name: 'cities/open311-keys-create',
  method: 'POST',
  path: '/cities/{cityId}/open311-keys',
  access: ['secretariat'],
  summary: 'Issue an Open311 API key for a member city (shown once, stored hashed)',
  request: {
    params: cityPath,
    body: z.strictObject({
      label: z.optional(line(100)).check(z.describe('What the key is for, e.g. the app')),
    }),
    bodyOptional: true,
  },
  responses: {
    201: {
      description: 'The key: shown this once, stored only as a hash',
      schema: z.object({
        apiKey: z.string(),
        id: z.string().check(z.describe('Names the key for listing and revoking; it is not the key')),
        createdAt: z.iso.datetime(),
        label: z.optional(z.string()),
      }),
    },
  },
});

const keyEntry = z.object({ id: z.string(), createdAt: z.iso.datetime(), label: z.optional(z.string()) });

export const listApiKeysRoute = defineRoute({
  name: 'cities/open311-keys-list',
  method: 'GET',
  path: '/cities/{cityId}/open311-keys',
  access: ['secretariat'],
  summary: "A city's Open311 API keys, newest first (never the keys themselves)",
  request: { params: cityPath },
  responses: { 200: { description: 'The keys', schema: z.object({ items: z.array(keyEntry) }) } },
});

export const revokeApiKeyRoute = defineRoute({
  name: 'cities/open311-keys-revoke',
  method: 'DELETE',
  path: '/cities/{cityId}/open311-keys/{keyId}',
  access: ['secretariat'],
  summary: 'Revoke an Open311 API key: a request posted with it is refused from now on',
  request: {
    params: z.strictObject({
      cityId: idParam,
      keyId: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'is not a key id' })),
    }),
  },
  responses: { 204: { description: 'Revoked' } },
});

export const getDocumentRoute = defineRoute({
  name: 'open311/document-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary:
    "Open311 GeoReport v2 of a member city: discovery, services, requests, and FixMyStreet's servicerequestupdates, each .json or .xml",
  errorFormat: 'open311',
  request: { params: documentPath, query: rawQuery },
  responses: {
    200: {
      description:
        'The document in the format of the extension. requests.{json|xml} takes the GeoReport v2 filters: service_request_id (up to 1,000 ids), service_code, start_date, end_date, status, and page_size & page; servicerequestupdates.{json|xml} the public updates between start_date and end_date, oldest first',
      contentType: ['application/json', 'text/xml'],
    },
  },
});

export const getServiceDefinitionRoute = defineRoute({
  name: 'open311/service-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/services/{serviceFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service definition: services/<service_code>.{json|xml}',
  errorFormat: 'open311',
  request: { params: servicePath, query: rawQuery },
  responses: {
    200: {
      description: 'The service definition, in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
  },
});

export const getOneRequestRoute = defineRoute({
  name: 'open311/request-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/requests/{requestFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service request: requests/<service_request_id>.{json|xml}',
  errorFormat: 'open311',
  request: { params: requestPath, query: rawQuery },
  responses: {
    200: {
      description: 'The service request, in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
  },
});

export const getTokenRoute = defineRoute({
  name: 'open311/token-get',
  method: 'GET',
  path: '/open311/v2/{cityId}/tokens/{tokenFile}',
  access: 'public',
  summary: 'Open311 GeoReport v2 service request id from a token: tokens/<token>.{json|xml}',
  errorFormat: 'open311',
  request: { params: tokenPath, query: rawQuery },
  responses: {
    200: {
      description:
        'The service_request_id of the token. Every request is filed at once, so a token is its request id and resolves at once',
      contentType: ['application/json', 'text/xml'],
    },
  },
});

export const postRequestRoute = defineRoute({
  name: 'open311/requests-post',
  method: 'POST',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary:
    "Open311 GeoReport v2 POST Service Request (requests.{json|xml}), and FixMyStreet's POST Service Request Update (servicerequestupdates.{json|xml}): form-urlencoded, or multipart/form-data with photos, with api_key",
  throttle: { rate: 10, burst: 20 },
  idempotent: true,
  // Photos sent in a multipart body are checked and stored as uploads are.
  uploads: true,
  errorFormat: 'open311',
  request: {
    params: documentPath,
    // The Python `open311` library sends api_key and jurisdiction_id in the query string.
    query: rawQuery,
    // The form as parsed; its fields are checked in the handler, after the api_key (403 comes before 400).
    body: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .check(
        z.describe(
          "requests: api_key, service_code, lat & long, address_string or address_id, attribute[code] (attribute[code][] for a multivaluelist; attribute[district] routes it), description, email, first_name, last_name, phone, media_url (repeatable), account_id, device_id; other fields are kept for the official. servicerequestupdates: api_key, service_request_id, update_id, status, updated_datetime, description, first_name, last_name, email, phone, media_url: a citizen's comment the official sees. As multipart/form-data, the same fields and up to 5 photos as file parts (any name: FixMyStreet sends photo1, photo2…, three sends media): JPEG, PNG, WebP or HEIC of at most 10 MB each, checked from their bytes, stripped of location and camera data, and served back as media_url; the whole body at most 4,500,000 bytes (in AWS a Lambda event holds at most 6 MB, base64)",
        ),
      ),
    bodyTypes: ['form', 'multipart'],
  },
  responses: {
    200: { description: 'A comment posted again with the same update_id: the first answer, nothing added' },
    201: {
      description:
        'The service request is filed (its service_request_id), or the comment added (its update_id), in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
    403: { description: 'The api_key is missing or is not a key of this city' },
  },
});

export const anyOpen311Route = defineRoute({
  name: 'open311/any',
  method: 'ANY',
  path: '/open311/{proxy+}',
  access: 'public',
  summary:
    'Everything else under /open311/: HEAD of the GET documents, and an Open311 error (404, 405) in the format of the extension',
  throttle: { rate: 10, burst: 20 },
  errorFormat: 'open311',
  request: { params: anyPath, query: rawQuery },
  responses: {
    200: { description: 'HEAD of a document: its headers' },
    404: { description: 'No such document' },
    405: { description: 'The document does not take this method (the Allow header lists those it takes)' },
  },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [
  createApiKeyRoute,
  listApiKeysRoute,
  revokeApiKeyRoute,
  getDocumentRoute,
  getServiceDefinitionRoute,
  getOneRequestRoute,
  getTokenRoute,
  postRequestRoute,
  anyOpen311Route,
] as const;
