import { createHmac, timingSafeEqual } from 'node:crypto';
import { requireEnv } from './env.ts';
import { badRequest } from './problem.ts';
import * as z from './zod.ts';

/**
 * Opaque, tamper-evident list cursors: the DynamoDB LastEvaluatedKey, base64url-encoded and signed
 * with HMAC-SHA256 over the listing's scope, so a cursor works only for the listing that issued it
 * and a forged or edited one is a 400.
 */
const secret = requireEnv('CURSOR_SECRET');

type Key = Record<string, string | number>;

const sign = (scope: string, payload: string) =>
  createHmac('sha256', secret).update(`${scope}\n${payload}`).digest().subarray(0, 16);

export function encodeCursor(key: Key | undefined, scope: string): string | undefined {
  if (!key) return undefined;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${sign(scope, payload).toString('base64url')}`;
}

const keySchema = z.record(z.string(), z.union([z.string(), z.number()]));

export function decodeCursor(cursor: string | undefined, scope: string): Key | undefined {
  if (cursor === undefined) return undefined;
  const [payload, mac, extra] = cursor.split('.');
  const given = Buffer.from(mac ?? '', 'base64url');
  const expected = sign(scope, payload ?? '');
  if (
    !payload ||
    extra !== undefined ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw badRequest('The cursor is not valid for this listing', [
      { path: 'query.cursor', message: 'is not valid' },
    ]);
  }
  return z.parse(keySchema, JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}
