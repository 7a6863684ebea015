import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';

// The table and endpoint come from the global setup.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { requestKey } = await import('../../functions/cps/keys.ts');
const { migrateQueueIndex } = await import('../../scripts/migrate/queue-index.ts');

/** A request written before the queue was ordered by due time: its gsi1 key in the old format. */
async function oldRequest(status: string, expectedAt: string): Promise<string> {
  const id = `MIG${randomUUID().slice(0, 9).toUpperCase()}`;
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...requestKey(id),
        id,
        status,
        expectedAt,
        createdAt: '2026-01-10T08:00:00.000Z',
        assignedTo: { officialId: 'o1', name: 'Ana', title: 'Head of Roads', email: 'ana@city.example' },
        gsi1pk: 'ASSIGNEE#ana@city.example',
        gsi1sk: `${status}#2026-01-10T08:00:00.000Z#${id}`,
      },
    }),
  );
  return id;
}

const keyOf = async (id: string) =>
  (await ddb.send(new GetCommand({ TableName: tableName, Key: requestKey(id) }))).Item?.gsi1sk;

describe('the queue index migration', () => {
  it('rewrites old keys to phase and due time, leaves new ones alone, and finds nothing the second time', async () => {
    const open = await oldRequest('in_progress', '2026-01-12T08:00:00.000Z');
    const resolved = await oldRequest('resolved', '2026-01-11T08:00:00.000Z');

    const dry = await migrateQueueIndex({ dryRun: true });
    expect(dry.rewritten).toBeGreaterThanOrEqual(2);
    expect(await keyOf(open)).toBe(`in_progress#2026-01-10T08:00:00.000Z#${open}`);

    const first = await migrateQueueIndex();
    expect(first.rewritten).toBeGreaterThanOrEqual(2);
    expect(await keyOf(open)).toBe(`1open#2026-01-12T08:00:00.000Z#${open}`);
    expect(await keyOf(resolved)).toBe(`2resolved#2026-01-11T08:00:00.000Z#${resolved}`);

    const second = await migrateQueueIndex();
    expect(second.rewritten).toBe(0);
  });
});
