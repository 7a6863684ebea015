import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';

const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { outboxPut } = await import('../../functions/shared/outbox.ts');
const { renderEmail } = await import('../../functions/emails/message.ts');

describe('writing an email to the outbox', () => {
  it('stores the rendered email with a TTL, in the same transaction as the change it reports', async () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const email = renderEmail({
      to: ['mayor@city.example'],
      subject: 'Hello',
      heading: 'Hi',
      paragraphs: ['p'],
    });
    const put = outboxPut(email, now);
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          put,
          { Put: { TableName: tableName, Item: { pk: 'TEST#outbox', sk: 'STATE', v: 1 } } },
        ],
      }),
    );
    const stored = await ddb.send(
      new GetCommand({ TableName: tableName, Key: { pk: put.Put.Item.pk, sk: 'EMAIL' } }),
    );
    expect(stored.Item).toMatchObject({ to: ['mayor@city.example'], subject: 'Hello', type: 'email' });
    expect(stored.Item?.ttl).toBe(Math.floor(now.getTime() / 1000) + 7 * 24 * 3600);
  });

  it('writes neither the email nor the change when the transaction fails', async () => {
    const email = renderEmail({ to: ['mayor@city.example'], subject: 'Never', heading: 'x', paragraphs: [] });
    const put = outboxPut(email);
    await expect(
      ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            put,
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
    const stored = await ddb.send(
      new GetCommand({ TableName: tableName, Key: { pk: put.Put.Item.pk, sk: 'EMAIL' } }),
    );
    expect(stored.Item).toBeUndefined();
  });
});
