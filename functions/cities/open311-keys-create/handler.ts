import { z } from 'zod';
import { issueKey } from '../../open311/keys.ts';
import { type HttpEvent, httpHandler, json, zodFieldErrors } from '../../shared/http.ts';
import { badRequest, HttpError } from '../../shared/problem.ts';
import { line } from '../../shared/schemas.ts';
import { cityPath } from '../params.ts';
import { route } from './route.ts';

export const keyBody = z.strictObject({ label: line(100).optional() });
export type KeyBody = z.infer<typeof keyBody>;

/**
 * The body is optional (`{ label? }`), which the shared chain does not do (it requires a body when a
 * route has a body schema), so it is read here with the same rules: JSON only, strict.
 */
export function readKeyBody(event: HttpEvent): KeyBody {
  const raw =
    typeof event.body === 'string'
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';
  if (raw.trim() === '') return {};
  if (!/^application\/json(;.*)?$/i.test(event.headers?.['content-type'] ?? '')) {
    throw new HttpError(415, 'Send the body as application/json');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('The body is not valid JSON');
  }
  const result = keyBody.safeParse(parsed);
  if (!result.success) throw badRequest('The body is not valid', zodFieldErrors(result.error, 'body'));
  return result.data;
}

/**
 * Not idempotent on purpose: the idempotency store keeps the first answer for a day, and that answer
 * is the raw key, which must never be stored. A retry issues a second key; the first stays valid.
 */
export const handler = httpHandler(route, { params: cityPath }, async ({ params, caller, event }) => {
  const body = readKeyBody(event);
  const issued = await issueKey(params.cityId, { actor: caller?.email ?? 'unknown', label: body.label });
  return json(201, issued);
});
