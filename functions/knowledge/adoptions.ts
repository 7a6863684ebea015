import { membership } from '../membership/members.ts';
import { tableName } from '../shared/ddb.ts';
import { conflict } from '../shared/problem.ts';
import { ConditionsFailed, type TransactItem, transact } from '../shared/transaction.ts';
import { adaptsKey, adoptionKey, publishedKey } from './keys.ts';
import type { Adoption } from './practices.ts';

/**
 * "We adopted this": a city records that it replicated a published practice, optionally naming its own
 * practice that adapts it; the original then shows which cities replicated it, and the city's own
 * practice what it adapts. Once per city and practice.
 */
export async function recordAdoption(
  originalId: string,
  adoption: Adoption,
  now = new Date(),
): Promise<Adoption> {
  const items: TransactItem[] = [
    membership.guard(adoption.cityId),
    {
      ConditionCheck: {
        TableName: tableName,
        Key: publishedKey(originalId),
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(retiredAt)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...adoptionKey(originalId, adoption.cityId), ...adoption, at: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...(adoption.practiceId
      ? [
          {
            Put: {
              TableName: tableName,
              Item: { ...adaptsKey(adoption.practiceId, originalId), originalId, at: now.toISOString() },
            },
          },
        ]
      : []),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (error.failed.includes(0)) throw conflict('Your city is no longer an Associate or Full Member');
      if (error.failed.includes(1)) throw conflict('The practice is no longer published');
      throw conflict('Your city has already marked this practice as adopted');
    }
    throw error;
  }
  return { ...adoption, at: now.toISOString() };
}
