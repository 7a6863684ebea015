import { issueKey } from '../../open311/keys.ts';
import { httpHandler, json } from '../../shared/http.ts';
import { route } from './route.ts';

/**
 * The body `{ label? }` may be left out (the route's `bodyOptional`). Not idempotent on purpose: the
 * idempotency store keeps the first answer for a day, and that answer is the raw key, which must never
 * be stored. A retry issues a second key; the first stays valid.
 */
export const handler = httpHandler(route, async ({ params, body, caller }) => {
  const issued = await issueKey(params.cityId, { actor: caller?.email ?? 'unknown', label: body?.label });
  return json(201, issued);
});
