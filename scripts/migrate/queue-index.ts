/**
 * One-off migration for tables written before the officials' queue was ordered by due time: a request's
 * gsi1 sort key was `<status>#<createdAt>#<id>` and is now `<phase>#<expectedAt>#<id>`
 * (functions/cps/keys.ts assigneeIndex). Requests with the old key sort after the new ones and escape
 * the queue's status filters until their next change; this rewrites their key.
 *
 * Run once against a deployed table (AWS credentials and region from the environment):
 *   TABLE_NAME=<table> npm run --silent migrate:queue-index [-- --dry-run]
 * A full Scan, acceptable for a one-off migration (the API itself never scans). Each rewrite is
 * conditional on the key it read, so a request changed meanwhile (which already got the new key) is
 * left alone; running it again finds nothing to do.
 */
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { assigneeIndex } from '../../functions/cps/keys.ts';
import type { RequestStatus } from '../../functions/cps/request-status.ts';
import { ddb, tableName } from '../../functions/shared/ddb.ts';

export interface Migrated {
  readonly scanned: number;
  readonly rewritten: number;
  /** Changed between the read and the rewrite: they already carry the new key. */
  readonly skipped: number;
}

interface RequestItem {
  pk: string;
  sk: string;
  id: string;
  status: RequestStatus;
  expectedAt: string;
  assignedTo?: { email: string };
  gsi1sk: string;
}

/** The new key's phase is a digit; the old key started with a status word. */
const OLD_KEY =
  'attribute_exists(gsi1sk) AND NOT (begins_with(gsi1sk, :p1) OR begins_with(gsi1sk, :p2) OR begins_with(gsi1sk, :p3))';

export async function migrateQueueIndex(options: { dryRun?: boolean } = {}): Promise<Migrated> {
  let scanned = 0;
  let rewritten = 0;
  let skipped = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: `begins_with(pk, :request) AND sk = :item AND ${OLD_KEY}`,
        ExpressionAttributeValues: {
          ':request': 'REQUEST#',
          ':item': 'REQUEST',
          ':p1': '1',
          ':p2': '2',
          ':p3': '3',
        },
        ExclusiveStartKey: start,
      }),
    );
    scanned += page.ScannedCount ?? 0;
    for (const item of (page.Items ?? []) as RequestItem[]) {
      if (!item.assignedTo) continue;
      const { gsi1sk } = assigneeIndex(item.assignedTo.email, item.status, item.expectedAt, item.id);
      if (options.dryRun) {
        rewritten++;
        continue;
      }
      try {
        await ddb.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET gsi1sk = :new',
            ConditionExpression: 'gsi1sk = :old',
            ExpressionAttributeValues: { ':new': gsi1sk, ':old': item.gsi1sk },
          }),
        );
        rewritten++;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        skipped++;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { scanned, rewritten, skipped };
}

if (import.meta.main) {
  const dryRun = process.argv.includes('--dry-run');
  const result = await migrateQueueIndex({ dryRun });
  console.log(
    `${dryRun ? 'would rewrite' : 'rewrote'} ${result.rewritten} request keys (${result.scanned} items scanned, ${result.skipped} changed meanwhile)`,
  );
}
