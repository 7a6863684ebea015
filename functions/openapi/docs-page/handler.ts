import { randomBytes } from 'node:crypto';
import { type HttpResponse, httpHandler } from '../../shared/http.ts';
import { route as rendererRoute } from '../docs-renderer/route.ts';
import { route as documentRoute } from '../document-get/route.ts';
import { route } from './route.ts';

/**
 * The documentation page. Nothing is inline and nothing comes from elsewhere: the script is Redoc's
 * own bundle from this API, and the styles Redoc injects carry this response's nonce (Redoc's `nonce`
 * option), so the policy allows only 'self' plus that nonce. Search is off: Redoc runs it in a worker
 * made from a blob: URL, which the policy refuses. URLs are relative, so the page works under any prefix.
 */
export function docsPage(nonce: string): HttpResponse {
  const relative = (path: string) => path.replace(/^\//, '');
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': [
        "default-src 'none'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      // The nonce is new on every response: no cache may keep the page.
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    body: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WeGO API</title>
</head>
<body>
<redoc spec-url="${relative(documentRoute.path)}" nonce="${nonce}" disable-search></redoc>
<script src="${relative(rendererRoute.path)}"></script>
</body>
</html>
`,
  };
}

export const handler = httpHandler(route, async () => docsPage(randomBytes(16).toString('base64')));
