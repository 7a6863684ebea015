import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/ddb.ts';
import { cityUpdatesPk, monthsOf, updateIdOf } from './keys.ts';
import type { RequestStatus } from './request-status.ts';

/** A public update as a city's feed lists it (Open311 servicerequestupdates). */
export interface FeedUpdate {
  readonly updateId: string;
  readonly requestId: string;
  readonly at: string;
  readonly status: RequestStatus;
  readonly note: string;
}

/**
 * A city's public updates in a window, oldest first, at most `max`: through gsi2, partitioned by month
 * (`CITY#<city>#UPD#<yyyy-mm>` / `<at>#<request>#<update>`), the months read together (one round trip).
 */
export async function publicUpdatesInWindow(
  cityId: string,
  window: { readonly from: Date; readonly to: Date },
  max: number,
): Promise<FeedUpdate[]> {
  const from = window.from.toISOString();
  // `#` then `~` sorts after every id: the whole last millisecond is in.
  const to = `${window.to.toISOString()}#~`;
  const month = async (yearMonth: string) => {
    const found: FeedUpdate[] = [];
    const pages = paginateQuery(
      { client: ddb, pageSize: Math.min(max, 500) },
      {
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': cityUpdatesPk(cityId, yearMonth), ':from': from, ':to': to },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        found.push({
          updateId: updateIdOf(String(item.sk)),
          requestId: String(item.pk).slice('REQUEST#'.length),
          at: String(item.at),
          status: item.status as RequestStatus,
          note: String(item.note),
        });
      }
      if (found.length >= max) break;
    }
    return found;
  };
  const months = await Promise.all(monthsOf(window.from, window.to).map(month));
  return months
    .flat()
    .sort((a, b) => a.at.localeCompare(b.at) || a.updateId.localeCompare(b.updateId))
    .slice(0, max);
}
