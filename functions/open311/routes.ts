import { cityPath, idParam } from '../shared/params.ts';
import { defineRoute } from '../shared/route.ts';
import { line } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { documentPath, rawQuery, requestPath, servicePath } from './params.ts';

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
    'Open311 GeoReport v2 of a member city: discovery.{json|xml}, services.{json|xml}, requests.{json|xml}',
  errorFormat: 'open311',
  request: { params: documentPath, query: rawQuery },
  responses: {
    200: {
      description:
        'The document in the format of the extension. requests.{json|xml} takes the GeoReport v2 filters: service_request_id, service_code, start_date, end_date, status',
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

export const postRequestRoute = defineRoute({
  name: 'open311/requests-post',
  method: 'POST',
  path: '/open311/v2/{cityId}/{document}',
  access: 'public',
  summary: 'Open311 GeoReport v2 POST Service Request: requests.{json|xml}, form-urlencoded, with api_key',
  throttle: { rate: 10, burst: 20 },
  idempotent: true,
  errorFormat: 'open311',
  request: {
    params: documentPath,
    // The form as parsed; its fields are checked in the handler, after the api_key (403 comes before 400).
    body: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .check(
        z.describe(
          'GeoReport v2 POST Service Request arguments: api_key, service_code, lat & long or address_string, attribute[district], description, email, first_name, last_name, phone, media_url, ...',
        ),
      ),
    bodyTypes: ['form'],
  },
  responses: {
    201: {
      description: 'The service request is filed: its service_request_id, in the format of the extension',
      contentType: ['application/json', 'text/xml'],
    },
    403: { description: 'The api_key is missing or is not a key of this city' },
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
  postRequestRoute,
] as const;
