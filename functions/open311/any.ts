import type { HttpEvent, HttpResponse } from '../shared/http.ts';
import { HttpError } from '../shared/problem.ts';
import { type RouteSpec, routeKey } from '../shared/route.ts';
import { formatOfPath, open311Error } from './format.ts';

/**
 * What the catch-all route (`ANY /open311/{proxy+}`) does with what no other route took, so that every
 * answer under /open311/ is Open311's, in the format the path asks for, never the gateway's own JSON:
 *
 * - HEAD of a document a GET serves is that GET without its body (the HTTP API routes HEAD apart);
 * - a method a document does not take is a 405 with `Allow`; OPTIONS answers `Allow` (204);
 * - any other path is a 404.
 */

/** The path parameters of `template` in `path`, or undefined when it does not match. */
function paramsOf(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/').filter(Boolean);
  const parts = path.split('/').filter(Boolean);
  if (want.length !== parts.length || want.some((w) => w.endsWith('+}'))) return undefined;
  const params: Record<string, string> = {};
  for (const [i, w] of want.entries()) {
    let part: string;
    try {
      part = decodeURIComponent(parts[i] as string);
    } catch {
      return undefined;
    }
    if (w.startsWith('{')) params[w.slice(1, -1)] = part;
    else if (w !== part) return undefined;
  }
  return params;
}

/** The routes (other than the catch-all) whose path matches, each with its parameters. */
function matching(path: string, routes: readonly RouteSpec[]) {
  return routes.flatMap((route) => {
    const params = route.method === 'ANY' ? undefined : paramsOf(route.path, path);
    return params ? [{ route, params }] : [];
  });
}

const methodOf = (event: HttpEvent) => event.requestContext.http.method.toUpperCase();

/**
 * A HEAD the catch-all got for a document a GET route serves: the event of that GET (route key, path
 * parameters, method), for the feature's function to serve and strip of its body. The most literal
 * template wins, as the HTTP API matches them.
 */
export function headAsGet(
  event: HttpEvent,
  catchAll: RouteSpec,
  routes: readonly RouteSpec[],
): HttpEvent | undefined {
  if (event.routeKey !== routeKey(catchAll) || methodOf(event) !== 'HEAD') return undefined;
  const literal = (r: RouteSpec) => r.path.split('/').filter((s) => s && !s.startsWith('{')).length;
  const [get] = matching(event.rawPath, routes)
    .filter(({ route }) => route.method === 'GET')
    .sort((a, b) => literal(b.route) - literal(a.route));
  if (!get) return undefined;
  const key = routeKey(get.route);
  return {
    ...event,
    routeKey: key,
    pathParameters: get.params,
    requestContext: {
      ...event.requestContext,
      routeKey: key,
      http: { ...event.requestContext.http, method: 'GET' },
    },
  };
}

/** The catch-all's answer: 405 with `Allow` for a known document, 204 to OPTIONS, 404 otherwise. */
export function anyOpen311(event: HttpEvent, routes: readonly RouteSpec[]): Promise<HttpResponse> {
  const methods = [...new Set(matching(event.rawPath, routes).map(({ route }) => route.method))];
  if (methods.length === 0) {
    throw new HttpError(
      404,
      `${event.rawPath} was not found: Open311 GeoReport v2 is at /open311/v2/<city id>/ (discovery, services, requests, servicerequestupdates, tokens), as .json or .xml`,
    );
  }
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  if (methodOf(event) === 'OPTIONS') return Promise.resolve({ statusCode: 204, headers: { allow } });
  const answer = open311Error(
    new HttpError(405, `${event.rawPath} takes ${allow}, not ${methodOf(event)}`),
    formatOfPath(event.rawPath),
  );
  return Promise.resolve({ ...answer, headers: { ...answer.headers, allow } });
}
