import { route as committeeGet } from './committee/get/route.ts';
import { route as committePut } from './committee/put/route.ts';
import { route as health } from './health/route.ts';
import type { RouteSpec } from './shared/route.ts';

/** Every HTTP route of the API. The CDK API construct and the OpenAPI document are built from this list. */
export const routes: readonly RouteSpec[] = [health, committeeGet, committePut];
