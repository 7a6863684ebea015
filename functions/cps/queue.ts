import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { assigneePk, districtKey, QUEUE_PHASES, queuePhase } from './keys.ts';
import type { RequestStatus } from './request-status.ts';
import { toRequest } from './requests.ts';
import type { CivicRequest } from './types.ts';

/** `open` is every status that still waits for the official (assigned, in progress). */
export type QueueStatus = RequestStatus | 'open';

export interface QueueFilter {
  readonly status?: QueueStatus | undefined;
  /** A service code. */
  readonly service?: string | undefined;
  /** A district as people write it: case, accents and punctuation do not count. */
  readonly district?: string | undefined;
}

/** At most this many sequential reads per page: a filtered page may hold fewer items than asked. */
const ROUND_TRIPS = 2;
/** Items a filtered read evaluates at once (the filters drop some; 1 MB is DynamoDB's own cap). */
const FILTERED_READ = 100;

/**
 * An official's queue, one page: the requests assigned to this email, open ones first by due time (so
 * the overdue ones lead), then resolved, then closed (gsi1 sorts them so: see keys.ts). The status
 * narrows the key to its phase; a status within a phase and the service are filter expressions; the
 * district is compared normalized, here, as routing compares it. At most two sequential Queries of the
 * one partition; the cursor is the key of the last request given, or of the last one read.
 */
export async function queue(
  email: string,
  filter: QueueFilter,
  limit: number,
  cursor: string | undefined,
): Promise<Page<CivicRequest>> {
  const district = filter.district === undefined ? undefined : districtKey(filter.district);
  const scope = `queue:${email}:${filter.status ?? ''}:${filter.service ?? ''}:${district ?? ''}`;
  const phase =
    filter.status === undefined
      ? undefined
      : filter.status === 'open'
        ? QUEUE_PHASES.open
        : queuePhase(filter.status);
  const exactStatus = filter.status !== undefined && filter.status !== 'open' && phase === QUEUE_PHASES.open;
  const clauses = [
    ...(exactStatus ? ['#status = :status'] : []),
    ...(filter.service !== undefined ? ['#service = :service'] : []),
  ];
  const filtered = clauses.length > 0 || district !== undefined;
  const read = (start: Record<string, unknown> | undefined, want: number): Promise<QueryCommandOutput> =>
    ddb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: phase ? 'gsi1pk = :pk AND begins_with(gsi1sk, :phase)' : 'gsi1pk = :pk',
        ...(clauses.length > 0
          ? {
              FilterExpression: clauses.join(' AND '),
              ExpressionAttributeNames: {
                ...(exactStatus ? { '#status': 'status' } : {}),
                ...(filter.service !== undefined ? { '#service': 'service' } : {}),
              },
            }
          : {}),
        ExpressionAttributeValues: {
          ':pk': assigneePk(email),
          ...(phase ? { ':phase': `${phase}#` } : {}),
          ...(exactStatus ? { ':status': filter.status } : {}),
          ...(filter.service !== undefined ? { ':service': filter.service } : {}),
        },
        Limit: filtered ? Math.max(want, FILTERED_READ) : want,
        ExclusiveStartKey: start,
      }),
    );

  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined = decodeCursor(cursor, scope);
  for (let trip = 0; trip < ROUND_TRIPS && (trip === 0 || start); trip++) {
    const room = limit - found.length;
    const out = await read(start, room);
    const items = (out.Items ?? []).filter(
      (i) => district === undefined || districtKey(String(i.district)) === district,
    );
    found.push(...items.slice(0, room));
    // More matched than the page holds: the next page starts after the last request given. Otherwise
    // after the last one read (those the filters left out between need no second look).
    start = items.length > room ? keyOf(items[room - 1] as Record<string, unknown>) : out.LastEvaluatedKey;
    if (found.length === limit) break;
  }
  const next = encodeCursor(start as Record<string, string> | undefined, scope);
  return { items: found.map(toRequest), ...(next ? { nextCursor: next } : {}) };
}

/** The gsi1 key of a request (what a Query of gsi1 starts after). */
const keyOf = (item: Record<string, unknown>) => ({
  pk: String(item.pk),
  sk: String(item.sk),
  gsi1pk: String(item.gsi1pk),
  gsi1sk: String(item.gsi1sk),
});
