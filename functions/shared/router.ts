import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResponse } from './http.ts';
import { problemResponse } from './http.ts';
import { HttpError } from './problem.ts';
import { type RouteSpec, routeKey } from './route.ts';

/** An HTTP handler built by httpHandler: it knows the route it serves. */
export interface RouteHandler {
  (event: HttpEvent, context: Context): Promise<HttpResponse>;
  readonly route: RouteSpec;
}

/**
 * The one Lambda handler of a feature: API Gateway names the route it matched in `event.routeKey`
 * ("POST /applications"), the key the catalogue built the route from, so dispatch is a map lookup.
 * Each route keeps its own chain (role check, body, schemas, errors).
 */
export function routeHandler(handlers: readonly RouteHandler[]) {
  const byKey = new Map<string, RouteHandler>();
  for (const h of handlers) {
    const key = routeKey(h.route);
    if (byKey.has(key)) throw new Error(`Two handlers for ${key}`);
    byKey.set(key, h);
  }
  const handler = (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const route = byKey.get(event.routeKey);
    // Only a route of this feature reaches this function; anything else is a wiring mistake.
    if (!route) return Promise.resolve(problemResponse(new HttpError(404, `No route ${event.routeKey}`)));
    return route(event, context);
  };
  return Object.assign(handler, { routes: handlers.map((h) => h.route) });
}
