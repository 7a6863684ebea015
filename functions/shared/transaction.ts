import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './ddb.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction whose condition checks failed: `failed` holds the indexes of the items that failed them. */
export class ConditionsFailed extends Error {
  constructor(readonly failed: readonly number[]) {
    super(`transaction conditions failed at ${failed.join(', ')}`);
    this.name = 'ConditionsFailed';
  }
}

/**
 * Writes all items or none. A condition that fails becomes ConditionsFailed (the caller turns it into
 * a 409 that says which fact changed); any other error propagates.
 */
export async function transact(items: readonly TransactItem[]): Promise<void> {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [...items] }));
  } catch (error) {
    const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (e.name === 'TransactionCanceledException' && e.CancellationReasons) {
      const failed = e.CancellationReasons.flatMap((r, i) =>
        r.Code === 'ConditionalCheckFailed' ? [i] : [],
      );
      if (failed.length > 0) throw new ConditionsFailed(failed);
    }
    throw error;
  }
}

/** A condition on the item, with its own placeholder names and values. */
export interface Condition {
  readonly expression: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

/**
 * SET and REMOVE clauses with generated placeholders, and an optional condition, ready to spread into
 * an UpdateCommand or a transactional Update.
 */
export function updateOf(set: Record<string, unknown>, remove: readonly string[] = [], when?: Condition) {
  const names: Record<string, string> = { ...when?.names };
  const values: Record<string, unknown> = { ...when?.values };
  const sets = Object.entries(set)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      return `#s${i} = :s${i}`;
    });
  const removes = remove.map((k, i) => {
    names[`#r${i}`] = k;
    return `#r${i}`;
  });
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    UpdateExpression: expression,
    ...(when ? { ConditionExpression: when.expression } : {}),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** The usual condition of a status change: the status is still the one that was read. */
export const statusIs = (expected: string): Condition => ({
  expression: '#status = :expected',
  names: { '#status': 'status' },
  values: { ':expected': expected },
});
