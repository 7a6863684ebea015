import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/ddb.ts';
import { conflict } from '../shared/problem.ts';

/**
 * The Executive Committee roster. Items: `COMMITTEE` / `MEMBER#<email>` per member, and
 * `COMMITTEE` / `META` with a version, so two concurrent replacements cannot interleave.
 */
export interface CommitteeMember {
  readonly name: string;
  readonly email: string;
}

export interface Roster {
  readonly members: readonly CommitteeMember[];
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

const PK = 'COMMITTEE';
const META = 'META';
const memberSk = (email: string) => `MEMBER#${email}`;

/** The roster, read with one Query of the COMMITTEE partition (at most 1 MB: the roster is small). */
export async function getRoster(): Promise<Roster> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PK },
    }),
  );
  const items = out.Items ?? [];
  const meta = items.find((i) => i.sk === META);
  return {
    members: items
      .filter((i) => String(i.sk).startsWith('MEMBER#'))
      .map((i) => ({ name: i.name, email: i.email })),
    version: Number(meta?.version ?? 0),
    ...(meta ? { updatedAt: meta.updatedAt, updatedBy: meta.updatedBy } : {}),
  };
}

/**
 * Replaces the roster in one transaction: removes members no longer listed, writes the new list and
 * bumps the version on the condition that nobody replaced it since `current` was read (409 if so).
 */
export async function replaceRoster(
  current: Roster,
  members: readonly CommitteeMember[],
  actor: string,
  now = new Date(),
): Promise<Roster> {
  const keep = new Set(members.map((m) => m.email));
  const version = current.version + 1;
  const updatedAt = now.toISOString();
  try {
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { pk: PK, sk: META, version, updatedAt, updatedBy: actor, size: members.length },
              ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
              ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':v': current.version } }),
            },
          },
          ...current.members
            .filter((m) => !keep.has(m.email))
            .map((m) => ({ Delete: { TableName: tableName, Key: { pk: PK, sk: memberSk(m.email) } } })),
          ...members.map((m) => ({
            Put: {
              TableName: tableName,
              Item: { pk: PK, sk: memberSk(m.email), name: m.name, email: m.email, addedAt: updatedAt },
            },
          })),
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') {
      throw conflict('The roster was changed by someone else meanwhile; read it again and retry');
    }
    throw error;
  }
  return { members, version, updatedAt, updatedBy: actor };
}
