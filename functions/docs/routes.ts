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
  summary:
    "The API documentation: /openapi.json rendered by Redoc, whose bundle comes from the site's assets",
  usesTable: false,
  siteAssets: true,
  responses: { 200: { description: 'An HTML page', contentType: 'text/html' } },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [healthRoute, getOpenApiRoute, docsPageRoute] as const;
