import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { tableName } from '../shared/ddb.ts';
import type { TransactItem } from '../shared/transaction.ts';
import { requestPk, TOKEN_PREFIX, tokenSk } from './keys.ts';

/**
 * The citizen's secret in the links of their emails ("is it fixed?", "remove my contact details"):
 * 256 random bits, base64url, minted for each email that carries such links. Only its SHA-256 is kept,
 * as an item of the request's partition (`REQUEST#<id>` / `TOKEN#<sha256>`), so the token is good for
 * that request alone and the table never holds it. A token answers "is it fixed?" only while it is the
 * one of the latest resolution (`feedbackToken` on the request).
 */

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A token for one email, minted the first time the email uses it, so an email without links mints none. */
export class CitizenToken {
  #value?: string;

  get value(): string {
    this.#value ??= randomBytes(32).toString('base64url');
    return this.#value;
  }

  /** The hash to store, once minted. */
  get hash(): string | undefined {
    return this.#value === undefined ? undefined : hashToken(this.#value);
  }
}

/** The Put that keeps the hash of a minted token, in the transaction that queues its email. */
export function tokenPuts(requestId: string, token: CitizenToken, at: string): TransactItem[] {
  const hash = token.hash;
  if (!hash) return [];
  return [
    {
      Put: {
        TableName: tableName,
        Item: { pk: requestPk(requestId), sk: tokenSk(hash), createdAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** The token hashes among the items of a request's partition. */
export const tokenHashesOf = (items: readonly Record<string, unknown>[]): string[] =>
  items.flatMap((i) =>
    String(i.sk).startsWith(TOKEN_PREFIX) ? [String(i.sk).slice(TOKEN_PREFIX.length)] : [],
  );

const equalHashes = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/**
 * Whether `token` is one of the hashes, compared in constant time: every stored hash is compared, and
 * each comparison takes the same time whatever the bytes.
 */
export function matchesAny(token: string, hashes: readonly string[]): boolean {
  const hash = hashToken(token);
  let found = false;
  for (const stored of hashes) found = equalHashes(hash, stored) || found;
  return found;
}

export const matchesHash = (token: string, hash: string | undefined): boolean =>
  hash !== undefined && equalHashes(hashToken(token), hash);
