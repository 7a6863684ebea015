import { cityPath, pageQuery } from '../shared/params.ts';
import { defineRoute } from '../shared/route.ts';
import { line } from '../shared/schemas.ts';
import * as z from '../shared/zod.ts';
import { requestPath } from './request-params.ts';
import { REQUEST_STATUSES } from './request-status.ts';
import {
  assigneeList,
  contactRemoved,
  fullRequest,
  official,
  officialList,
  publicRequest,
  queuePage,
  requestCreated,
  routingPreview,
  routingRules,
  serviceList,
  setupView,
} from './responses.ts';
import {
  assignBody,
  contactRemovalBody,
  feedbackBody,
  officialBody,
  requestBody,
  routingBody,
  routingPreviewBody,
  serviceCode,
  servicesBody,
  updateBody,
} from './schemas.ts';

export const putServicesRoute = defineRoute({
  name: 'cities/services-put',
  method: 'PUT',
  path: '/cities/{cityId}/services',
  access: ['secretariat'],
  summary: 'Replace the services (matters) a member city handles, with their service levels',
  request: { params: cityPath, body: servicesBody },
  responses: { 200: { description: 'The new services', schema: serviceList } },
});

export const getServicesRoute = defineRoute({
  name: 'cities/services-get',
  method: 'GET',
  path: '/cities/{cityId}/services',
  access: 'public',
  summary: 'The services (matters) of a member city',
  request: { params: cityPath },
  responses: { 200: { description: 'The services', schema: serviceList } },
});

export const createOfficialRoute = defineRoute({
  name: 'cities/officials-create',
  method: 'POST',
  path: '/cities/{cityId}/officials',
  access: ['secretariat'],
  summary: 'Add an official of a member city (email unique within the city)',
  idempotent: true,
  request: { params: cityPath, body: officialBody },
  responses: { 201: { description: 'The official, with its id', schema: official } },
});

export const listOfficialsRoute = defineRoute({
  name: 'cities/officials-list',
  method: 'GET',
  path: '/cities/{cityId}/officials',
  access: ['secretariat'],
  summary: 'The officials of a member city',
  request: { params: cityPath },
  responses: { 200: { description: 'The officials', schema: officialList } },
});

export const putRoutingRoute = defineRoute({
  name: 'cities/routing-put',
  method: 'PUT',
  path: '/cities/{cityId}/routing',
  access: ['secretariat'],
  summary: 'Replace the routing rules (district, service, official; * matches any)',
  request: { params: cityPath, body: routingBody },
  responses: { 200: { description: 'The new rules', schema: routingRules } },
});

export const getRoutingRoute = defineRoute({
  name: 'cities/routing-get',
  method: 'GET',
  path: '/cities/{cityId}/routing',
  access: ['secretariat'],
  summary: 'The routing rules of a member city',
  request: { params: cityPath },
  responses: { 200: { description: 'The rules', schema: routingRules } },
});

export const getSetupRoute = defineRoute({
  name: 'cities/setup-get',
  method: 'GET',
  path: '/cities/{cityId}/setup',
  access: ['secretariat'],
  summary: 'The whole CPS setup of a member city: the city, its services, officials and routing rules',
  request: { params: cityPath },
  responses: { 200: { description: 'The setup', schema: setupView } },
});

export const previewRoutingRoute = defineRoute({
  name: 'cities/routing-preview',
  method: 'POST',
  path: '/cities/{cityId}/routing/preview',
  access: ['secretariat'],
  summary:
    'Where a request for a service in a district would go, by the saved rules or by rules being edited (saves nothing)',
  request: { params: cityPath, body: routingPreviewBody },
  responses: {
    200: {
      description: 'The rule that wins and its official; neither when no rule matches',
      schema: routingPreview,
    },
  },
});

export const createRequestRoute = defineRoute({
  name: 'cities/requests-create',
  method: 'POST',
  path: '/cities/{cityId}/requests',
  access: 'public',
  summary:
    'File a civic request, with its photos (`media`); it is routed to the official in charge, who is emailed',
  throttle: { rate: 10, burst: 20 },
  idempotent: true,
  // Claims the photos uploaded for it (`media`).
  uploads: true,
  request: { params: cityPath, body: requestBody },
  responses: {
    201: {
      description: 'Filed and routed; the `location` header is the request to follow',
      schema: requestCreated,
    },
  },
});

export const getRequestRoute = defineRoute({
  name: 'requests/get',
  method: 'GET',
  path: '/requests/{id}',
  access: 'public',
  summary: 'Follow a civic request (contact details only for its official and the Secretariat)',
  optionalAuth: true,
  request: { params: requestPath },
  responses: {
    200: {
      description:
        'The request; with a token of its official or the Secretariat, also the contact and internal notes',
      schema: z.union([publicRequest, fullRequest]),
    },
  },
});

export const officialQueueRoute = defineRoute({
  name: 'officials/queue',
  method: 'GET',
  path: '/officials/me/requests',
  paginated: true,
  access: ['official'],
  summary:
    'The requests assigned to the calling official: open ones first by due time (overdue first), then resolved, then closed',
  request: {
    query: z.strictObject({
      status: z
        .optional(z.enum([...REQUEST_STATUSES, 'open']))
        .check(z.describe('One status, or `open` for every status that still waits (assigned, in_progress)')),
      service: z.optional(serviceCode).check(z.describe('A service code of the city')),
      district: z
        .optional(line(100))
        .check(z.describe('A district; case, accents and punctuation do not count, as in routing')),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description:
        "One page of the caller's requests, without their updates; with filters a page may hold fewer than `limit` (follow `nextCursor`)",
      schema: queuePage,
    },
  },
});

export const updateRequestRoute = defineRoute({
  name: 'requests/update',
  method: 'POST',
  path: '/requests/{id}/updates',
  access: ['official', 'secretariat'],
  summary: 'Update a request: new status and a public or internal note',
  request: { params: requestPath, body: updateBody },
  responses: {
    201: { description: 'The update is recorded; the whole request', schema: fullRequest },
    403: { description: 'The caller is neither the official in charge nor the Secretariat' },
  },
});

export const assignRequestRoute = defineRoute({
  name: 'requests/assign',
  method: 'POST',
  path: '/requests/{id}/assign',
  access: ['official', 'secretariat'],
  summary: 'Hand a request over to another official of the city, with a reason',
  request: { params: requestPath, body: assignBody },
  responses: {
    200: { description: 'The request, now with the new official', schema: fullRequest },
    403: { description: 'The caller is neither the official in charge nor the Secretariat' },
  },
});

export const feedbackRoute = defineRoute({
  name: 'requests/feedback',
  method: 'POST',
  path: '/requests/{id}/feedback',
  access: 'public',
  summary:
    'The citizen answers "is it fixed?" with the token of their email: fixed closes the request, not fixed reopens it for its official',
  throttle: { rate: 5, burst: 10 },
  request: { params: requestPath, body: feedbackBody },
  responses: {
    200: {
      description:
        'Answered: the request, now closed (fixed) or back with its official (not fixed; the official is emailed the note)',
      schema: publicRequest,
    },
    403: { description: 'The token is not one emailed for this request' },
    409: { description: 'The request is not resolved (only a resolved request can be answered)' },
    410: { description: 'The token is from an email older than the latest resolution' },
  },
});

export const contactRemovalRoute = defineRoute({
  name: 'requests/contact-removal',
  method: 'POST',
  path: '/requests/{id}/contact/removal',
  access: 'public',
  summary: 'The citizen removes their contact details from the request, with the token of their email',
  throttle: { rate: 5, burst: 10 },
  request: { params: requestPath, body: contactRemovalBody },
  responses: {
    200: { description: 'Removed at once; the history records it without the data', schema: contactRemoved },
    403: { description: 'The token is not one emailed for this request' },
    409: { description: 'The request holds no contact details any more' },
  },
});

export const assigneesRoute = defineRoute({
  name: 'requests/assignees',
  method: 'GET',
  path: '/requests/{id}/assignees',
  access: ['official', 'secretariat'],
  summary:
    "The officials of the request's city it may be handed over to: ids, names and titles, no contact details",
  request: { params: requestPath },
  responses: {
    200: { description: 'The other officials of the city, by name', schema: assigneeList },
    403: { description: 'The caller is neither the official in charge nor the Secretariat' },
  },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [
  putServicesRoute,
  getServicesRoute,
  createOfficialRoute,
  listOfficialsRoute,
  putRoutingRoute,
  getRoutingRoute,
  getSetupRoute,
  previewRoutingRoute,
  createRequestRoute,
  getRequestRoute,
  officialQueueRoute,
  updateRequestRoute,
  assignRequestRoute,
  feedbackRoute,
  contactRemovalRoute,
  assigneesRoute,
] as const;
