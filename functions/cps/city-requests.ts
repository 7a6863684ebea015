import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { ddb, tableName } from '../shared/ddb.ts';
import { cityMonthPk, monthsOf, requestKey } from './keys.ts';
import type { RequestStatus } from './request-status.ts';
import { toRequest } from './requests.ts';
import type { CivicRequest } from './types.ts';

/**
 * A city's requests as open data (Open311 lists them): by date, through gsi2, partitioned by month
 * (`CITY#<city>#REQ#<yyyy-mm>` / `<createdAt>#<id>`), one Query per month of the window, newest first.
 */
export interface Window {
  readonly from: Date;
  readonly to: Date;
  readonly services?: readonly string[];
  readonly statuses?: readonly RequestStatus[];
}

/** The FilterExpression of the service and status filters, if any. */
function filterOf(window: Window) {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const oneOf = (attribute: string, prefix: string, list: readonly string[]) => {
    names[`#${attribute}`] = attribute;
    list.forEach((v, i) => {
      values[`:${prefix}${i}`] = v;
    });
    clauses.push(`#${attribute} IN (${list.map((_, i) => `:${prefix}${i}`).join(', ')})`);
  };
  if (window.services?.length) oneOf('service', 'c', window.services);
  if (window.statuses?.length) oneOf('status', 's', window.statuses);
  return {
    filter:
      clauses.length === 0
        ? {}
        : { FilterExpression: clauses.join(' AND '), ExpressionAttributeNames: names },
    values,
  };
}

/** The city's requests in the window, newest first, at most `max`. */
export async function requestsInWindow(cityId: string, window: Window, max: number): Promise<CivicRequest[]> {
  const { filter, values } = filterOf(window);
  const from = window.from.toISOString();
  // `#` then `~` sorts after every id: the whole last millisecond is in.
  const to = `${window.to.toISOString()}#~`;
  // The window's month partitions are read together (one round trip), newest first, at most `max` each.
  const month = async (yearMonth: string) => {
    const found: CivicRequest[] = [];
    const pages = paginateQuery(
      { client: ddb, pageSize: Math.min(max, 500) },
      {
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
      },
    );
    for await (const page of pages) {
      found.push(...(page.Items ?? []).map(toRequest));
      if (found.length >= max) break;
    }
    return found;
  };
  const months = await Promise.all(monthsOf(window.from, window.to).map(month));
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
