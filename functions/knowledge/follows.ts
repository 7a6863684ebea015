import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/ddb.ts';
import { notFound } from '../shared/problem.ts';
import { transact, updateOf } from '../shared/transaction.ts';
import { FOLLOWERS_PK, followerKey, unsubscribeKey } from './keys.ts';

/**
 * Follows: the themes a representative follows, for the weekly digest. The digest's unsubscribe link
 * carries a random token (128 bits) that works without signing in; only its SHA-256 is a key, and the
 * follower's item keeps the token to put it in the next digest.
 */
export interface Follower {
  readonly email: string;
  readonly themes: string[];
  readonly language?: string;
  /** Practices published or updated after this go into the next digest. */
  readonly lastDigestAt: string;
  readonly unsubscribeToken: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export const toFollower = (i: Record<string, unknown>): Follower => ({
  email: String(i.email),
  themes: (i.themes as string[]) ?? [],
  ...(i.language ? { language: String(i.language) } : {}),
  lastDigestAt: String(i.lastDigestAt),
  unsubscribeToken: String(i.unsubscribeToken),
});

export async function getFollows(email: string): Promise<Follower | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: followerKey(email), ConsistentRead: true }),
  );
  return out.Item ? toFollower(out.Item) : undefined;
}

/**
 * Sets what a person follows. A first follow starts now (the digest holds what is new from then on);
 * following nothing leaves the digest's list, and the unsubscribe token stays the same.
 */
export async function setFollows(
  email: string,
  themes: string[],
  language: string | undefined,
  current: Follower | undefined,
  now = new Date(),
): Promise<Follower> {
  const token = current?.unsubscribeToken ?? randomBytes(16).toString('base64url');
  const follower: Follower = {
    email,
    themes,
    ...(language ? { language } : {}),
    lastDigestAt: current?.lastDigestAt ?? now.toISOString(),
    unsubscribeToken: token,
  };
  await transact([
    {
      Put: {
        TableName: tableName,
        Item: {
          ...followerKey(email),
          ...follower,
          updatedAt: now.toISOString(),
          ...(themes.length > 0 ? { gsi1pk: FOLLOWERS_PK, gsi1sk: email } : {}),
        },
      },
    },
    { Put: { TableName: tableName, Item: { ...unsubscribeKey(hash(token)), email } } },
  ]);
  return follower;
}

/** The person an unsubscribe link names, or 404 (one read of the token's hash). */
export async function emailOfToken(token: string): Promise<string> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: unsubscribeKey(hash(token)) }));
  if (!out.Item) throw notFound('This unsubscribe link is not valid');
  return String(out.Item.email);
}

/** Follows nothing any more: conditional on the link's token being the follower's own. */
export async function unsubscribe(email: string, token: string, now = new Date()): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: followerKey(email),
        ...updateOf({ themes: [], updatedAt: now.toISOString() }, ['gsi1pk', 'gsi1sk'], {
          expression: 'unsubscribeToken = :token',
          values: { ':token': token },
        }),
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
      throw notFound('This unsubscribe link is not valid');
    }
    throw error;
  }
}
