import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'openapi/document-get',
  method: 'GET',
  path: '/openapi.json',
  access: 'public',
  summary: 'This OpenAPI 3.1 document, generated from the route catalogue and its zod schemas',
  usesTable: false,
  responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
});
