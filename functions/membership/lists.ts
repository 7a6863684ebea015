import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import type { Application, MembershipStatus, Region } from './application.ts';
import { byStatusPk, cityKey, DIRECTORY_PK, directoryPrefix, EVENT_PREFIX } from './keys.ts';
import { type AuditEvent, toApplication } from './store.ts';

/** The membership listings: each one Query with a limit and a signed cursor. */
/**
 * Applications and members in one status, most recently changed first; of one region or country when
 * asked (a filter on the status query: a page may then hold fewer than `limit` items, and the cursor
 * goes on where the query stopped).
 */
export async function listByStatus(
  status: MembershipStatus,
  limit: number,
  cursor?: string,
  filter: { region?: Region; country?: string } = {},
): Promise<Page<Application>> {
  const filtered = filter.region || filter.country ? `:${filter.region ?? ''}:${filter.country ?? ''}` : '';
  const scope = `applications:${status}${filtered}`;
  const conditions = [
    ...(filter.region ? ['#city.#region = :region'] : []),
    ...(filter.country ? ['#city.#country = :country'] : []),
  ];
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(conditions.length > 0
        ? {
            FilterExpression: conditions.join(' AND '),
            ExpressionAttributeNames: {
              '#city': 'city',
              ...(filter.region ? { '#region': 'region' } : {}),
              ...(filter.country ? { '#country': 'country' } : {}),
            },
          }
        : {}),
      ExpressionAttributeValues: {
        ':pk': byStatusPk(status),
        ...(filter.region ? { ':region': filter.region } : {}),
        ...(filter.country ? { ':country': filter.country } : {}),
      },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  return page((out.Items ?? []).map(toApplication), encodeCursor(out.LastEvaluatedKey, scope));
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
