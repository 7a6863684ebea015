import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { membership } from '../membership/members.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { readDocument, replaceDocument } from '../shared/set-document.ts';
import { servicesKey } from './keys.ts';
import type { Service } from './types.ts';

/** Replaces the city's services (matters) in one conditional write. */
export async function replaceServices(
  cityId: string,
  services: readonly Service[],
  actor: string,
  expectedUpdatedAt?: string,
): Promise<void> {
  await replaceDocument<Service>({
    key: servicesKey(cityId),
    ...(expectedUpdatedAt ? { expectedUpdatedAt } : {}),
    what: 'services',
    items: async () => {
      await membership.member(cityId); // 404 or 409 with the reason; the transaction's guard keeps it true
      return [...services].sort((a, b) => a.code.localeCompare(b.code));
    },
    actor,
    guard: [membership.guard(cityId)],
    guardFailed: 'The city is not an Associate or Full Member',
  });
}

export async function listServices(cityId: string): Promise<Service[]> {
  return (await readDocument<Service>(servicesKey(cityId))).items;
}

export async function findService(cityId: string, code: string): Promise<Service | undefined> {
  return (await readDocument<Service>(servicesKey(cityId), false)).items.find((s) => s.code === code);
}

/** When the city's services last changed (Open311 discovery's changeset), if they ever were set. */
export async function servicesChangedAt(cityId: string): Promise<string | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: servicesKey(cityId), ProjectionExpression: 'updatedAt' }),
  );
  return typeof out.Item?.updatedAt === 'string' ? out.Item.updatedAt : undefined;
}
