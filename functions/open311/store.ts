import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cityMonthPk, requestKey, requestPk, servicesKey, UPDATE_PREFIX } from '../cps/keys.ts';
import { OPEN_STATUSES, REQUEST_STATUSES } from '../cps/request-status.ts';
import { toRequest } from '../cps/requests.ts';
import type { CivicRequest, Service } from '../cps/types.ts';
import type { Application } from '../membership/application.ts';
import { membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { HttpError } from '../shared/problem.ts';
import { readDocument } from '../shared/set-document.ts';
import { MAX_RESULTS, monthsOf, type RequestQuery } from './filters.ts';
import { requestEntry } from './views.ts';

/**
 * Reads of the Open311 routes. Every list is a Query (no Scan): a city's requests come from gsi2,
 * partitioned by month (`CITY#<city>#REQ#<yyyy-mm>` / `<createdAt>#<id>`), one Query per month of the
 * window, newest first.
 */

/**
 * The jurisdiction: a member city. A city that does not exist or is not an Associate or Full Member
 * is no jurisdiction: 404 (GeoReport v2: "jurisdiction_id provided was not found").
 */
export async function jurisdiction(cityId: string): Promise<Application> {
  try {
    return await membership.member(cityId);
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 409)) {
      throw new HttpError(
        404,
        `jurisdiction ${cityId} was not found: WeGO serves Open311 for its Associate and Full Members`,
      );
    }
    throw error;
  }
}

export async function findService(cityId: string, code: string): Promise<Service | undefined> {
  return (await readDocument<Service>(servicesKey(cityId), false)).items.find((s) => s.code === code);
}

/** When the city's services last changed (discovery's changeset), if they ever were set. */
export async function servicesChangedAt(cityId: string): Promise<string | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: tableName, Key: servicesKey(cityId), ProjectionExpression: 'updatedAt' }),
  );
  return typeof out.Item?.updatedAt === 'string' ? out.Item.updatedAt : undefined;
}

const CLOSED_STATUSES = REQUEST_STATUSES.filter((s) => !OPEN_STATUSES.includes(s));

/** The FilterExpression of the service_code and status arguments, if any. */
function filterOf(query: Extract<RequestQuery, { kind: 'window' }>) {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.serviceCodes) {
    names['#service'] = 'service';
    query.serviceCodes.forEach((c, i) => {
      values[`:c${i}`] = c;
    });
    clauses.push(`#service IN (${query.serviceCodes.map((_, i) => `:c${i}`).join(', ')})`);
  }
  if (query.statuses && query.statuses.length === 1) {
    const statuses = query.statuses[0] === 'open' ? OPEN_STATUSES : CLOSED_STATUSES;
    names['#status'] = 'status';
    statuses.forEach((s, i) => {
      values[`:s${i}`] = s;
    });
    clauses.push(`#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`);
  }
  return {
    filter:
      clauses.length === 0
        ? {}
        : { FilterExpression: clauses.join(' AND '), ExpressionAttributeNames: names },
    values,
  };
}

/** The city's requests in the window, newest first, at most `max` (the spec's 1000). */
export async function requestsInWindow(
  cityId: string,
  query: Extract<RequestQuery, { kind: 'window' }>,
  max = MAX_RESULTS,
): Promise<CivicRequest[]> {
  const { filter, values } = filterOf(query);
  const from = query.from.toISOString();
  // `#` then `~` sorts after every id: the whole last millisecond is in.
  const to = `${query.to.toISOString()}#~`;
  // The window's month partitions are read together (one round trip), newest first, at most `max` each.
  const month = async (yearMonth: string) => {
    const found: CivicRequest[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
          ...filter,
          ExpressionAttributeValues: {
            ':pk': cityMonthPk(cityId, yearMonth),
            ':from': from,
            ':to': to,
            ...values,
          },
          ScanIndexForward: false,
          Limit: Math.min(max - found.length, 500),
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(out.Items ?? []).map(toRequest));
      start = out.LastEvaluatedKey;
    } while (start && found.length < max);
    return found;
  };
  const months = await Promise.all(monthsOf(query.from, query.to).map(month));
  return months
    .flat()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .slice(0, max);
}

/** The requests with these ids that belong to the city (others are left out), newest first. */
export async function requestsById(cityId: string, ids: readonly string[]): Promise<CivicRequest[]> {
  const found = await batchGet(ids.map(requestKey));
  return ids
    .flatMap((id): Record<string, unknown>[] => {
      const item = found.get(keyOf(requestKey(id)));
      return item ? [item] : [];
    })
    .filter((item) => item.cityId === cityId)
    .map(toRequest)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The note of a request's latest public update: its `status_notes`. */
export async function latestPublicNote(requestId: string): Promise<string | undefined> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :updates)',
        ExpressionAttributeNames: { '#public': 'public', '#note': 'note' },
        ExpressionAttributeValues: { ':pk': requestPk(requestId), ':updates': UPDATE_PREFIX },
        ProjectionExpression: '#note, #public',
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    const hit = (out.Items ?? []).find((u) => u.public === true);
    if (hit) return String(hit.note);
    start = out.LastEvaluatedKey;
  } while (start);
  return undefined;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** GET requests: each request with its status_notes (one Query of its updates, 16 at a time). */
export async function requestEntries(requests: readonly CivicRequest[]) {
  return mapLimit(requests, 16, async (r) => requestEntry(r, await latestPublicNote(r.id)));
}
