import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
  name: 'openapi/docs-page',
  method: 'GET',
  path: '/docs',
  access: 'public',
  summary: 'The API documentation: /openapi.json rendered by Redoc',
  usesTable: false,
  responses: { 200: { description: 'An HTML page', contentType: 'text/html' } },
});
