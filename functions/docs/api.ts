import { requireEnv } from '../shared/env.ts';
import { type HttpResponse, httpHandler, json } from '../shared/http.ts';
import { routeHandler } from '../shared/router.ts';
import { buildDocument } from './document.ts';
import { docsPageRoute, getOpenApiRoute, healthRoute } from './routes.ts';

const healthHandler = httpHandler(healthRoute, async () => json(200, { status: 'ok' }));

/** Built once per cold start: it changes only with a deployment. */
const document = buildDocument();

const getOpenApiHandler = httpHandler(getOpenApiRoute, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);

/**
 * Redoc's standalone bundle (1.1 MB) is one of the site's assets (site/build.ts), served by the CDN
 * under a versioned path, so this function stays small and starts fast.
 */
const siteUrl = new URL(requireEnv('SITE_URL'));
export const REDOC_URL = new URL(`/assets/${requireEnv('ASSET_VERSION')}/redoc/redoc.standalone.js`, siteUrl)
  .href;

/**
 * SHA-256 of the empty string. Redoc styles itself through styled-components, which adds an empty
 * <style> element and fills it with CSSOM insertRule (which CSP does not govern); this hash lets that
 * empty element in and nothing else inline. Redoc's `nonce` option cannot do it: the nonce is applied
 * only after the first styles are injected.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * Scripts from this origin and the site's (the page is read at the API's own URL as well as through
 * the CDN at /api/docs); styles, images, fonts and fetches from this origin; nothing inline but the
 * above (Redoc's few style attributes are refused, and its remote logo: the page reads fine without).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  `script-src 'self' ${siteUrl.origin}`,
  `style-src 'self' ${EMPTY_STYLE_HASH}`,
  // Redoc draws its link and arrow icons as data: SVGs.
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const relative = (path: string) => path.replace(/^\//, '');

/**
 * The documentation page: Redoc renders /openapi.json. Its URL is relative, so the page works under any
 * path prefix. Options: no search (Redoc runs it in a worker made from a blob: URL, which the policy
 * refuses) and native scrollbars (the custom ones need a stylesheet Redoc injects inline, which the
 * policy refuses too).
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WeGO API</title>
</head>
<body>
<redoc spec-url="${relative(getOpenApiRoute.path)}" disable-search native-scrollbars></redoc>
<script src="${REDOC_URL}"></script>
</body>
</html>
`;

const page: HttpResponse = {
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': DOCS_CSP,
    'cache-control': 'public, max-age=300',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  },
  body: DOCS_PAGE,
};

const docsPageHandler = httpHandler(docsPageRoute, async () => page);

/** The Lambda function of the feature: one per feature, routing inside by the route key. */
export const handler = routeHandler([healthHandler, getOpenApiHandler, docsPageHandler]);
