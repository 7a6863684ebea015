import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { membership } from '../membership/members.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { isLanguage } from '../shared/i18n.ts';
import { conflict } from '../shared/problem.ts';
import { queryPrefix } from '../shared/query.ts';
import { ConditionsFailed, transact } from '../shared/transaction.ts';
import { OFFICIAL_PREFIX, officialByIdKey, officialEmailKey, officialKey } from './keys.ts';
import type { Official } from './types.ts';

export const toOfficial = (a: Record<string, unknown>): Official => ({
  id: String(a.id),
  cityId: String(a.cityId),
  name: String(a.name),
  title: String(a.title),
  email: String(a.email),
  ...(a.phone ? { phone: String(a.phone) } : {}),
  // Officials added before languages existed read English.
  language: typeof a.language === 'string' && isLanguage(a.language) ? a.language : 'en',
});

/** Adds an official to a member city; the email claim in the same transaction keeps emails unique per city. */
export async function createOfficial(
  cityId: string,
  input: Omit<Official, 'id' | 'cityId'>,
  now = new Date(),
): Promise<Official> {
  await membership.member(cityId);
  const official: Official = { ...input, id: randomUUID(), cityId };
  try {
    await transact([
      membership.guard(cityId),
      {
        Put: {
          TableName: tableName,
          Item: {
            ...officialEmailKey(cityId, official.email),
            officialId: official.id,
            createdAt: now.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...officialKey(cityId, official.id), ...official, createdAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...officialByIdKey(official.id), ...official, createdAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (error.failed.includes(0)) throw conflict('The city is not an Associate or Full Member');
      throw conflict(`The city already has an official with the email ${official.email}`);
    }
    throw error;
  }
  return official;
}

export async function listOfficials(cityId: string): Promise<Official[]> {
  const items = await queryPrefix(officialKey(cityId, '').pk, OFFICIAL_PREFIX);
  return items.map(toOfficial).sort((a, b) => a.name.localeCompare(b.name));
}

/** An official by id alone (any city), or undefined. */
export async function officialById(id: string): Promise<Official | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: officialByIdKey(id) }));
  return out.Item ? toOfficial(out.Item) : undefined;
}
