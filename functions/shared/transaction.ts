import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './ddb.ts';
import { conflict } from './problem.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction whose condition checks failed: `failed` holds the indexes of the items that failed them. */
export class ConditionsFailed extends Error {
  constructor(readonly failed: readonly number[]) {
    super(`transaction conditions failed at ${failed.join(', ')}`);
    this.name = 'ConditionsFailed';
  }
}

/** How often a transaction cancelled only by a conflicting concurrent transaction is tried again. */
const CONFLICT_RETRIES = 3;

/**
 * Writes all items or none. A condition that fails becomes ConditionsFailed (the caller turns it into
 * a 409 that says which fact changed). A cancellation caused only by another transaction on the same
 * items at the same moment (`TransactionConflict`, which the SDK does not retry) is tried again after
 * a short random pause; if it keeps happening, it is a 409 too.
 */
export async function transact(items: readonly TransactItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return;
    } catch (error) {
      const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
      if (e.name !== 'TransactionCanceledException' || !e.CancellationReasons) throw error;
      const codes = e.CancellationReasons.map((r) => r.Code ?? 'None');
      const failed = codes.flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new ConditionsFailed(failed);
      if (!codes.every((code) => code === 'TransactionConflict' || code === 'None')) throw error;
      if (attempt >= CONFLICT_RETRIES)
        throw conflict('Too many concurrent changes of the same data; try again');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/** A condition on the item, with its own placeholder names and values (not `#sN`/`#rN`/`:sN`: those are the update's). */
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
