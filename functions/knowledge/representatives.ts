import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { membership } from '../membership/members.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { badRequest, conflict, forbidden } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, type TransactItem, transact } from '../shared/transaction.ts';
import { repKey, repPk, representativesKey } from './keys.ts';
import { repItem } from './representation.ts';
import type { Representative } from './schemas.ts';

/** A city the caller represents, as their lookup item holds it. */
export interface Representation {
  readonly cityId: string;
  readonly cityName: string;
  readonly country: string;
  readonly region: string;
  readonly name: string;
  readonly email: string;
  readonly language?: string;
}

const toRepresentation = (i: Record<string, unknown>): Representation => ({
  cityId: String(i.cityId),
  cityName: String(i.cityName),
  country: String(i.country),
  region: String(i.region),
  name: String(i.name),
  email: String(i.email),
  ...(i.language ? { language: String(i.language) } : {}),
});

/** The cities a person represents: one Query on their verified email. */
export async function representationsOf(email: string): Promise<Representation[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': repPk(email) },
  });
  return items.map(toRepresentation);
}

/**
 * The city a representative acts for: the one they represent, or the `cityId` they name when they
 * represent several. Whether that city is still a member is checked where it matters (the guard of
 * every write, a member check on reads of drafts).
 */
export function actingFor(reps: readonly Representation[], cityId?: string): Representation {
  if (reps.length === 0) throw forbidden('You are not a representative of a member city');
  if (cityId !== undefined) {
    const rep = reps.find((r) => r.cityId === cityId);
    if (!rep) throw forbidden('You are not a representative of this city');
    return rep;
  }
  if (reps.length > 1) {
    throw badRequest('You represent several cities: say which one', [
      { path: 'body.cityId', message: 'is required when you represent several cities' },
    ]);
  }
  return reps[0] as Representation;
}

export const represents = (reps: readonly Representation[], cityId: string): boolean =>
  reps.some((r) => r.cityId === cityId);

interface RepresentativesDoc {
  readonly representatives: Representative[];
  readonly version: number;
  readonly updatedAt?: string;
}

async function readDoc(cityId: string, consistent = false): Promise<RepresentativesDoc | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: representativesKey(cityId), ConsistentRead: consistent }),
  );
  return out.Item
    ? {
        representatives: out.Item.representatives as Representative[],
        version: Number(out.Item.version),
        ...(typeof out.Item.updatedAt === 'string' ? { updatedAt: out.Item.updatedAt } : {}),
      }
    : undefined;
}

/** The list and when it last changed (read consistently: a change is sent back with that time). */
export async function listRepresentatives(
  cityId: string,
): Promise<{ representatives: Representative[]; updatedAt?: string }> {
  const [, doc] = await Promise.all([membership.member(cityId), readDoc(cityId, true)]);
  return {
    representatives: doc?.representatives ?? [],
    ...(doc?.updatedAt ? { updatedAt: doc.updatedAt } : {}),
  };
}

/**
 * Replaces a member city's representatives: the list (a versioned document) and each person's lookup
 * item, added and removed in one transaction with the member check. With `expectedUpdatedAt` (the time
 * the caller read), a list changed since is a 409 and nothing is written.
 */
export async function replaceRepresentatives(
  cityId: string,
  reps: Representative[],
  actor: string,
  { now = new Date(), expectedUpdatedAt }: { now?: Date; expectedUpdatedAt?: string } = {},
): Promise<Representative[]> {
  const [city, current] = await Promise.all([membership.member(cityId), readDoc(cityId, true)]);
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== current?.updatedAt)
    throw conflict('The representatives changed since you read them; reload them');
  const keep = new Set(reps.map((r) => r.email));
  const removed = (current?.representatives ?? []).filter((r) => !keep.has(r.email));
  const items: TransactItem[] = [
    membership.guard(cityId),
    {
      Put: {
        TableName: tableName,
        Item: {
          ...representativesKey(cityId),
          cityId,
          representatives: reps,
          version: (current?.version ?? 0) + 1,
          updatedAt: now.toISOString(),
          updatedBy: actor,
        },
        ...(current
          ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...reps.map((r) => ({ Put: { TableName: tableName, Item: repItem(cityId, city.city, r) } })),
    ...removed.map((r) => ({ Delete: { TableName: tableName, Key: repKey(r.email, cityId) } })),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionsFailed) {
      if (error.failed.includes(0)) throw conflict('The city is no longer an Associate or Full Member');
      throw conflict('The representatives changed while this was handled; reload them');
    }
    throw error;
  }
  return reps;
}

/** The representatives' addresses and languages, for the emails to a city (read with its list). */
export async function representativesOf(cityId: string): Promise<Representative[]> {
  return (await readDoc(cityId))?.representatives ?? [];
}
