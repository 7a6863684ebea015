import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './ddb.ts';
import { badRequest, conflict } from './problem.ts';
import { ConditionsFailed, type TransactItem, transact } from './transaction.ts';

/**
 * A set that is replaced as a whole and read as a whole (a city's services, its routing rules), kept
 * in one item with a version. One conditional write replaces it, whatever its size: a set spread over
 * items could not change more than a transaction's 100 items at once.
 */
type Key = { pk: string; sk: string };

/** DynamoDB items hold 400 KB; keep room for the keys and the version. */
export const MAX_DOCUMENT_BYTES = 350_000;

const STALE = 'This was changed by someone else meanwhile; read it again and retry';

export interface SetDocument<T> {
  readonly items: T[];
  /** 0 when the set was never written. */
  readonly version: number;
  readonly updatedAt?: string;
}

export async function readDocument<T>(key: Key, consistent = true): Promise<SetDocument<T>> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: consistent }));
  return documentOf<T>(out.Item);
}

/** The set in an item read some other way (e.g. in a BatchGetItem with other keys). */
export function documentOf<T>(item: Record<string, unknown> | undefined): SetDocument<T> {
  return {
    items: (item?.items as T[] | undefined) ?? [],
    version: Number(item?.version ?? 0),
    ...(typeof item?.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
  };
}

/**
 * Replaces the set: conditional on nobody having replaced it since it was read (409 if so) and on the
 * `guard` checks (e.g. the city is a member). `items` builds the new set while the current one is
 * read (validation reads go there, in parallel); what it throws is the answer.
 */
export async function replaceDocument<T>(options: {
  readonly key: Key;
  readonly items: () => Promise<readonly T[]>;
  readonly actor: string;
  /** What the caller sent, for the error that names a set too large to store. */
  readonly what: string;
  readonly guard?: readonly TransactItem[];
  /** The 409 when a guard fails. */
  readonly guardFailed?: string;
  /** The `updatedAt` the client read, if it says: a set changed since is a 409, before anything is written. */
  readonly expectedUpdatedAt?: string;
  readonly now?: Date;
}): Promise<void> {
  const [items, current] = await Promise.all([options.items(), readDocument<T>(options.key)]);
  if (options.expectedUpdatedAt !== undefined && options.expectedUpdatedAt !== current.updatedAt)
    throw conflict(STALE);
  const size = Buffer.byteLength(JSON.stringify(items));
  if (size > MAX_DOCUMENT_BYTES) {
    throw badRequest(
      `The ${options.what} take ${Math.ceil(size / 1000)} KB; at most ${MAX_DOCUMENT_BYTES / 1000} KB can be stored. Shorten the descriptions or split them.`,
    );
  }
  const version = current.version;
  try {
    await transact([
      {
        Put: {
          TableName: tableName,
          Item: {
            ...options.key,
            items,
            version: version + 1,
            updatedAt: (options.now ?? new Date()).toISOString(),
            updatedBy: options.actor,
          },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(version === 0 ? {} : { ExpressionAttributeValues: { ':v': version } }),
        },
      },
      ...(options.guard ?? []),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (error.failed.includes(0)) throw conflict(STALE);
      throw conflict(options.guardFailed ?? 'A condition of this change no longer holds');
    }
    throw error;
  }
}
