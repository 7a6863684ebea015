import { defineRoute } from '../shared/route.ts';
import * as z from '../shared/zod.ts';

export const healthRoute = defineRoute({
  name: 'health',
  method: 'GET',
  path: '/health',
  access: 'public',
  summary: 'Liveness check of the API',
  usesTable: false,
  responses: { 200: { description: 'The API answers', schema: z.object({ status: z.literal('ok') }) } },
});

export const getOpenApiRoute = defineRoute({
  name: 'openapi/document-get',
  method: 'GET',
  path: '/openapi.json',
  access: 'public',
  summary: 'This OpenAPI 3.1 document, generated from the route catalogue and its zod schemas',
  usesTable: false,
  responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
});

export const docsPageRoute = defineRoute({
  name: 'openapi/docs-page',
  method: 'GET',
  path: '/docs',
  access: 'public',
  summary: 'The API documentation: /openapi.json rendered by Redoc',
  usesTable: false,
  responses: { 200: { description: 'An HTML page', contentType: 'text/html' } },
});

export const docsRendererRoute = defineRoute({
  name: 'openapi/docs-renderer',
  method: 'GET',
  path: '/docs/redoc.js',
  access: 'public',
  summary: "Redoc's standalone bundle, served from this API so the docs page loads scripts only from here",
  usesTable: false,
  responses: {
    200: { description: 'JavaScript (gzip when the client accepts it)', contentType: 'text/javascript' },
  },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [healthRoute, getOpenApiRoute, docsPageRoute, docsRendererRoute] as const;
