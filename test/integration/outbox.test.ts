import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';

const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { outboxPuts } = await import('../../functions/shared/outbox.ts');
const { renderEmail } = await import('../../functions/emails/message.ts');

const stored = async (pk: string) =>
  (await ddb.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'EMAIL' } }))).Item;

describe('writing an email to the outbox', () => {
  it('stores one item per recipient with a TTL, in the same transaction as the change it reports', async () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const email = renderEmail({
      to: ['mayor@city.example', 'ict@city.example'],
      subject: 'Hello',
      heading: 'Hi',
      paragraphs: ['p'],
    });
    const puts = outboxPuts(email, now);
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          ...puts,
          { Put: { TableName: tableName, Item: { pk: 'TEST#outbox', sk: 'STATE', v: 1 } } },
        ],
      }),
    );
    const items = await Promise.all(puts.map((p) => stored(p.Put.Item.pk)));
    expect(items.map((i) => i?.to)).toEqual([['mayor@city.example'], ['ict@city.example']]);
    for (const item of items) {
      expect(item).toMatchObject({ subject: 'Hello', type: 'email' });
      expect(item?.ttl).toBe(Math.floor(now.getTime() / 1000) + 3 * 24 * 3600);
    }
  });

  it('writes neither the email nor the change when the transaction fails', async () => {
    const email = renderEmail({ to: ['mayor@city.example'], subject: 'Never', heading: 'x', paragraphs: [] });
    const puts = outboxPuts(email);
    await expect(
      ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            ...puts,
            {
              Put: {
                TableName: tableName,
                Item: { pk: 'TEST#outbox-fail', sk: 'STATE' },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      ),
    ).rejects.toThrow();
    expect(await stored(puts[0]?.Put.Item.pk ?? '')).toBeUndefined();
  });
});
