import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { membership } from '../membership/members.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { queryPrefix } from '../shared/query.ts';
import { ConditionsFailed, transact } from '../shared/transaction.ts';

/** `CITY#<city>` / `APIKEY#<sha256>`: a city's Open311 API keys, stored hashed. */
const APIKEY_PREFIX = 'APIKEY#';
const apiKeyKey = (cityId: string, hash: string) => ({ pk: `CITY#${cityId}`, sk: `${APIKEY_PREFIX}${hash}` });

/**
 * Open311 API keys (GeoReport v2: POST Service Request "Requires API Key: Yes"). A key is 32 random
 * bytes, base64url; only its SHA-256 is stored, at `CITY#<city>` / `APIKEY#<sha256>`, so the table
 * never holds a usable key and the caller sees the key once, in the answer that issues it.
 */
export interface IssuedKey {
  readonly apiKey: string;
  /** The key's SHA-256 (hex), which names it for listing and revoking: it cannot be used as the key. */
  readonly id: string;
  readonly createdAt: string;
  readonly label?: string;
}

/** A key as listed: never the key itself. */
export interface KeyEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly label?: string;
}

/** Longest api_key worth hashing: issued keys are 43 characters. */
const MAX_KEY_LENGTH = 256;

export const hashKey = (apiKey: string): string => createHash('sha256').update(apiKey, 'utf8').digest('hex');

export const newApiKey = (): string => randomBytes(32).toString('base64url');

/** Issues a key for a member city; the city's membership is checked in the same transaction. */
export async function issueKey(
  cityId: string,
  input: { readonly actor: string; readonly label?: string },
  now = new Date(),
): Promise<IssuedKey> {
  await membership.member(cityId);
  const apiKey = newApiKey();
  const id = hashKey(apiKey);
  const createdAt = now.toISOString();
  try {
    await transact([
      membership.guard(cityId),
      {
        Put: {
          TableName: tableName,
          Item: {
            ...apiKeyKey(cityId, id),
            cityId,
            createdAt,
            createdBy: input.actor,
            ...(input.label ? { label: input.label } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (error.failed.includes(0)) throw conflict('The city is not an Associate or Full Member');
      throw conflict('A key collision happened; issue the key again'); // 2^-256: never in practice
    }
    throw error;
  }
  return { apiKey, id, createdAt, ...(input.label ? { label: input.label } : {}) };
}

/** The city's keys, newest first (a city has a handful: one Query of its key items). */
export async function listKeys(cityId: string): Promise<KeyEntry[]> {
  const items = await queryPrefix(`CITY#${cityId}`, APIKEY_PREFIX);
  return items
    .map((i) => ({
      id: String(i.sk).slice(APIKEY_PREFIX.length),
      createdAt: String(i.createdAt),
      ...(typeof i.label === 'string' ? { label: i.label } : {}),
    }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Revokes a key: it is deleted, so the next POST with it is refused (403). 404 when there is no such key. */
export async function revokeKey(cityId: string, id: string): Promise<void> {
  try {
    await ddb.send(
      new DeleteCommand({
        TableName: tableName,
        Key: apiKeyKey(cityId, id),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException')
      throw notFound('No such key for this city');
    throw error;
  }
}

/** A key issued for a city, as a request that sent it knows it: its hash (never the key) and label. */
export interface VerifiedKey {
  readonly hash: string;
  readonly label?: string;
}

/** The key, if `apiKey` is one issued for this city: one GetItem of its hash. */
export async function verifyKey(
  cityId: string,
  apiKey: string | undefined,
): Promise<VerifiedKey | undefined> {
  if (!apiKey || apiKey.length > MAX_KEY_LENGTH) return undefined;
  const hash = hashKey(apiKey);
  const out = await ddb.send(
    new GetCommand({
      TableName: tableName,
      Key: apiKeyKey(cityId, hash),
      ProjectionExpression: 'pk, #label',
      ExpressionAttributeNames: { '#label': 'label' },
    }),
  );
  if (!out.Item) return undefined;
  return { hash, ...(typeof out.Item.label === 'string' ? { label: out.Item.label } : {}) };
}
