import { defineRoute } from '../shared/route.ts';

/**
 * The web app's pages reach API Gateway under `/site` (CloudFront adds the prefix): two catch-all
 * routes to the web function, which routes pages inside (server.ts). Pages are HTML for people, not
 * part of the JSON API: they stay out of the OpenAPI document.
 */
const page = {
  path: '/site/{proxy+}',
  access: 'public',
  page: true,
  usesTable: false,
  // The session cookie holds a Cognito ID token, verified as the authorizer would (JWKS, issuer, client).
  optionalAuth: true,
  responses: { 200: { description: 'An HTML page', contentType: 'text/html' } },
} as const;

export const pageGetRoute = defineRoute({
  ...page,
  name: 'web/get',
  method: 'GET',
  summary: 'A page of the web app',
});
export const pagePostRoute = defineRoute({
  ...page,
  name: 'web/post',
  method: 'POST',
  summary: 'A form of the web app',
  throttle: { rate: 20, burst: 40 },
});

export const routes = [pageGetRoute, pagePostRoute] as const;
