import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import type { Application, MembershipStatus, Region } from './application.ts';
import {
  byRegionStatusPk,
  byStatusPk,
  cityKey,
  DIRECTORY_PK,
  directoryPrefix,
  EVENT_PREFIX,
} from './keys.ts';
import { type AuditEvent, toApplication } from './store.ts';

/** The membership listings: each one Query with a limit and a signed cursor. */

/**
 * Applications and members in one status, most recently changed first; of one region (its own index)
 * or country (a filter: a page may then hold fewer than `limit` items, and the cursor goes on where the
 * query stopped) when asked. For staff with region scopes (a regional office) and no region asked, the
 * cities of their regions come first, region by region, then the others: a page reads its region's
 * index and, when that runs out, goes on into the next part of the list (at most two Queries, one after
 * the other; a page may then hold fewer items than the limit).
 */
export async function listByStatus(
  status: MembershipStatus,
  limit: number,
  cursor: string | undefined,
  { regionsFirst = [], region, country }: ListFilter = {},
): Promise<Page<Application>> {
  const only = (part: Part): Part => (country ? withCountry(part, country) : part);
  const parts = region
    ? [only(regionOf(status, region))]
    : regionsFirst.length === 0
      ? [only(allOf(status))]
      : [...regionsFirst.map((r) => only(regionOf(status, r))), only(othersOf(status, regionsFirst))];
  const scope = `applications:${status}:${region ?? ''}:${country ?? ''}:${region ? '' : regionsFirst.join(',')}`;
  const { [PART]: at = 0, ...start } = decodeCursor(cursor, scope) ?? {};
  let part = Number(at);
  let from: Record<string, string | number> | undefined = Object.keys(start).length > 0 ? start : undefined;
  const items: Application[] = [];
  for (let reads = 0; reads < 2 && part < parts.length && items.length < limit; reads++) {
    const out = await queryPart(parts[part] as Part, limit - items.length, from);
    items.push(...(out.Items ?? []).map(toApplication));
    from = out.LastEvaluatedKey;
    if (!from) part++;
  }
  const next = part < parts.length ? { [PART]: part, ...from } : undefined;
  return page(items, encodeCursor(next, scope));
}

export interface ListFilter {
  /** The caller's region scopes: their regions' cities first (ignored when `region` is asked). */
  readonly regionsFirst?: readonly Region[];
  readonly region?: Region | undefined;
  /** An ISO 3166-1 alpha-2 code. */
  readonly country?: string | undefined;
}

/** The cursor field that says which part of a region-first list comes next. */
const PART = '_part';

type Part = Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'FilterExpression'> & {
  values: Record<string, string>;
  names?: Record<string, string>;
};

const allOf = (status: MembershipStatus): Part => ({
  IndexName: 'gsi1',
  KeyConditionExpression: 'gsi1pk = :pk',
  values: { ':pk': byStatusPk(status) },
});

const regionOf = (status: MembershipStatus, region: Region): Part => ({
  IndexName: 'gsi3',
  KeyConditionExpression: 'gsi3pk = :pk',
  values: { ':pk': byRegionStatusPk(status, region) },
});

/** Everything else in the status: the whole list without the regions already shown. */
const othersOf = (status: MembershipStatus, regions: readonly Region[]): Part => ({
  ...allOf(status),
  FilterExpression: `NOT (#city.#region IN (${regions.map((_, i) => `:r${i}`).join(', ')}))`,
  names: { '#city': 'city', '#region': 'region' },
  values: { ':pk': byStatusPk(status), ...Object.fromEntries(regions.map((r, i) => [`:r${i}`, r])) },
});

/** A part narrowed to one country. */
const withCountry = (part: Part, country: string): Part => ({
  ...part,
  FilterExpression: [part.FilterExpression, '#city.#country = :country'].filter(Boolean).join(' AND '),
  names: { ...part.names, '#city': 'city', '#country': 'country' },
  values: { ...part.values, ':country': country },
});

async function queryPart(part: Part, limit: number, start: Record<string, string | number> | undefined) {
  const { values, names, ...query } = part;
  return ddb.send(
    new QueryCommand({
      TableName: tableName,
      ...query,
      ExpressionAttributeValues: values,
      ...(names ? { ExpressionAttributeNames: names } : {}),
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
}

export async function history(id: string, limit: number, cursor?: string): Promise<Page<AuditEvent>> {
  const scope = `history:${id}`;
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': cityKey(id).pk, ':events': EVENT_PREFIX },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  const items = (out.Items ?? []).map(
    ({ at, actor, from, to, note }) => ({ at, actor, from, to, note }) as AuditEvent,
  );
  return page(items, encodeCursor(out.LastEvaluatedKey, scope));
}

/** The public directory of members; no personal data. */
export interface DirectoryEntry {
  readonly id: string;
  readonly city: { readonly name: string; readonly country: string; readonly region: Region };
  readonly status: 'associate' | 'full';
  readonly memberSince?: string;
}

export async function directory(
  filter: { status?: 'associate' | 'full'; region?: Region },
  limit: number,
  cursor?: string,
): Promise<Page<DirectoryEntry>> {
  const scope = `members:${filter.status ?? ''}:${filter.region ?? ''}`;
  // The directory index, by region (and status) as a key prefix; by status alone, filtered on the status shown.
  const query = {
    IndexName: 'gsi2',
    KeyConditionExpression: filter.region ? 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' : 'gsi2pk = :pk',
    ...(filter.status && !filter.region
      ? {
          FilterExpression: 'listedAs = :status',
          ExpressionAttributeValues: { ':pk': DIRECTORY_PK, ':status': filter.status },
        }
      : {
          ExpressionAttributeValues: {
            ':pk': DIRECTORY_PK,
            ...(filter.region ? { ':prefix': directoryPrefix(filter.region, filter.status) } : {}),
          },
        }),
  };
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      ...query,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  const items = (out.Items ?? []).map((i) => {
    const app = toApplication(i);
    return {
      id: app.id,
      city: { name: app.city.name, country: app.city.country, region: app.city.region },
      status: i.listedAs as DirectoryEntry['status'],
      ...(app.memberSince ? { memberSince: app.memberSince } : {}),
    };
  });
  return page(items, encodeCursor(out.LastEvaluatedKey, scope));
}

function page<T>(items: T[], nextCursor: string | undefined): Page<T> {
  return nextCursor ? { items, nextCursor } : { items };
}
