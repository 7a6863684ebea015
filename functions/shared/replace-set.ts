import { isDeepStrictEqual } from 'node:util';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './ddb.ts';
import { badRequest, conflict } from './problem.ts';
import { ConditionsFailed, type TransactItem, transact } from './transaction.ts';

/** A transaction holds 100 writes; one is the version bump. */
export const MAX_CHANGES = 99;

export interface SetItem {
  readonly sk: string;
  readonly attributes: Record<string, unknown>;
}

/**
 * Replaces the items of a set (a city's services, its routing rules) in one transaction: the items no
 * longer listed are deleted, new and changed ones written, unchanged ones left alone, and the set's
 * version item bumped on the condition that nobody replaced the set since it was read (409 if so).
 * `guard` adds condition checks that must hold too (the city is a member).
 */
export async function replaceSet(options: {
  readonly pk: string;
  readonly prefix: string;
  readonly versionSk: string;
  /** The new set; computed while the current one is read (validation reads go here, in parallel). */
  readonly items: () => Promise<readonly SetItem[]>;
  readonly actor: string;
  readonly guard?: readonly TransactItem[];
  readonly now?: Date;
}): Promise<void> {
  const { pk, prefix, versionSk } = options;
  const [items, current, version] = await Promise.all([
    options.items(),
    readSet(pk, prefix),
    readVersion(pk, versionSk),
  ]);
  const wanted = new Map(items.map((i) => [i.sk, i.attributes]));
  const deletes = [...current.keys()].filter((sk) => !wanted.has(sk));
  const puts = items.filter((i) => !isDeepStrictEqual(current.get(i.sk), i.attributes));
  const changes = deletes.length + puts.length;
  if (changes > MAX_CHANGES) {
    throw badRequest(
      `This replaces ${changes} entries; at most ${MAX_CHANGES} can change at once. Apply it in two steps.`,
    );
  }
  const at = (options.now ?? new Date()).toISOString();
  try {
    await transact([
      {
        Put: {
          TableName: tableName,
          Item: {
            pk,
            sk: versionSk,
            version: version + 1,
            updatedAt: at,
            updatedBy: options.actor,
            size: items.length,
          },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(version === 0 ? {} : { ExpressionAttributeValues: { ':v': version } }),
        },
      },
      ...(options.guard ?? []),
      ...deletes.map((sk) => ({ Delete: { TableName: tableName, Key: { pk, sk } } })),
      ...puts.map((i) => ({ Put: { TableName: tableName, Item: { pk, sk: i.sk, ...i.attributes } } })),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (error.failed.includes(0))
        throw conflict('This was changed by someone else meanwhile; read it again and retry');
      throw conflict('The city is not an Associate or Full Member');
    }
    throw error;
  }
}

/** All items of a set, keyed by sort key, without their keys. */
export async function readSet(pk: string, prefix: string): Promise<Map<string, Record<string, unknown>>> {
  const items = new Map<string, Record<string, unknown>>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const { pk: _pk, sk, ...attributes } of out.Items ?? []) items.set(String(sk), attributes);
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function readVersion(pk: string, sk: string): Promise<number> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }));
  return Number(out.Item?.version ?? 0);
}
