import { routes as approvals } from './approvals/routes.ts';
import { routes as cps } from './cps/routes.ts';
import { routes as docs } from './docs/routes.ts';
import { routes as knowledge } from './knowledge/routes.ts';
import { routes as membership } from './membership/routes.ts';
import { routes as open311 } from './open311/routes.ts';
import type { RouteSpec } from './shared/route.ts';
import { routes as uploads } from './uploads/routes.ts';
import { routes as web } from './web/routes.ts';

/**
 * The route catalogue: every HTTP route, by feature. Each feature's routes are served by one Lambda
 * function, `functions/<feature>/api.ts`, which routes inside; the CDK API construct, the local API
 * and the OpenAPI document are built from this list.
 */
export const featureApis = {
  membership,
  approvals,
  cps,
  open311,
  uploads,
  knowledge,
  docs,
  web,
} as const satisfies Record<string, readonly RouteSpec[]>;
export type Feature = keyof typeof featureApis;

export const routes: readonly RouteSpec[] = Object.values(featureApis).flat();
