import { defineRoute } from '../../shared/route.ts';

export const route = defineRoute({
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
