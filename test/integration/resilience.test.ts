import { randomUUID } from 'node:crypto';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { insertRecord, type OutboxItem, outboxItem, streamEvent } from '../support/outbox-records.ts';
import { lambdaContext } from '../unit/support/http-event.ts';

/**
 * SES failing, which the local stack cannot simulate (its inbox runs in the test runner's own process):
 * the notifier runs against DynamoDB Local with the SES client mocked. An SES outage must delay an
 * email, never lose it or send it twice.
 */

// The notifier reads its configuration and creates its clients at module scope.
vi.stubEnv('SENDER_EMAIL', 'no-reply@wego.example');
vi.stubEnv('SES_CONFIGURATION_SET', 'wego-integration-emails');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'wego-Notifier');
vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'WeGO');
vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
const { handler } = await import('../../functions/emails/notifier.ts');
const { ddb, tableName } = await import('../../functions/shared/ddb.ts');

const ses = mockClient(SESClient);

beforeEach(() => {
  ses.reset();
});

/** An SES outage as the SDK reports it (a throttle, then the service being unavailable). */
const outage = () =>
  Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailableException', $fault: 'server' });

async function writeOutbox(n = 1): Promise<OutboxItem[]> {
  const items = Array.from({ length: n }, (_, i) => outboxItem(i, `OUTBOX#resilience-${randomUUID()}`));
  for (const item of items) await ddb.send(new PutCommand({ TableName: tableName, Item: item }));
  return items;
}

/** The INSERT records the table stream hands the notifier for these items. */
const recordsOf = (items: OutboxItem[], firstSequence = 100): DynamoDBStreamEvent =>
  streamEvent(...items.map((item, i) => insertRecord(item, String(firstSequence + i))));

const stored = async (item: OutboxItem) =>
  (
    await ddb.send(
      new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }),
    )
  ).Item;

const sends = () =>
  ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0]);

describe('the outbox when SES fails', () => {
  it('reports the record as a batch item failure and keeps the email unsent, with its content', async () => {
    const [item] = (await writeOutbox()) as [OutboxItem];
    ses.on(SendEmailCommand).rejects(outage());

    const result = await handler(recordsOf([item]), lambdaContext);

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '100' }]);
    expect(await stored(item)).toMatchObject({
      to: item.to,
      subject: item.subject,
      html: item.html,
      text: item.text,
    });
    expect((await stored(item))?.sentAt).toBeUndefined();
  });

  it('sends the email exactly once after SES recovers, however often the record is redelivered', async () => {
    const [item] = (await writeOutbox()) as [OutboxItem];
    ses.on(SendEmailCommand).rejects(outage());
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await handler(recordsOf([item]), lambdaContext)).batchItemFailures).toHaveLength(1);
    }
    expect((await stored(item))?.sentAt).toBeUndefined();

    // Recovery: SES answers again. Lambda redelivers the record (its retry), then maybe once more
    // (a batch retried for another record, or a duplicate delivery of the stream).
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-recovered-1' });
    expect((await handler(recordsOf([item]), lambdaContext)).batchItemFailures).toEqual([]);
    expect((await handler(recordsOf([item]), lambdaContext)).batchItemFailures).toEqual([]);

    expect(sends()).toEqual(item.to);
    const after = await stored(item);
    expect(after).toMatchObject({ sentAt: expect.any(String), messageId: 'ses-recovered-1', to: item.to });
    // Once sent, the content is gone from the table.
    expect(after?.html).toBeUndefined();
    expect(after?.text).toBeUndefined();
  });

  it('when SES fails in the middle of a batch, reports from that record on, and the retry sends each email once', async () => {
    const items = await writeOutbox(3);
    let call = 0;
    const delivered: string[] = [];
    ses.on(SendEmailCommand).callsFake((input: { Destination?: { ToAddresses?: string[] } }) => {
      call += 1;
      if (call === 2) throw outage();
      delivered.push(...(input.Destination?.ToAddresses ?? []));
      return { MessageId: `ses-${call}` };
    });

    const first = await handler(recordsOf(items), lambdaContext);
    // Lambda retries from the lowest reported sequence number: the second record and everything after it.
    expect(first.batchItemFailures.map((f) => f.itemIdentifier)).toContain('101');
    expect(first.batchItemFailures.map((f) => f.itemIdentifier)).not.toContain('100');
    expect((await stored(items[0] as OutboxItem))?.sentAt).toEqual(expect.any(String));
    expect((await stored(items[1] as OutboxItem))?.sentAt).toBeUndefined();

    // The retry: from the failed record on (and, for good measure, the whole batch again).
    expect((await handler(recordsOf(items.slice(1), 101), lambdaContext)).batchItemFailures).toEqual([]);
    expect((await handler(recordsOf(items), lambdaContext)).batchItemFailures).toEqual([]);

    // Each recipient got exactly one email (the failed call delivered nothing).
    expect([...delivered].sort()).toEqual(items.flatMap((i) => i.to).sort());
    for (const item of items) expect((await stored(item))?.sentAt).toEqual(expect.any(String));
  });

  it('does not send an email whose item is already marked sent (a redelivery after a crash past the mark)', async () => {
    const [item] = (await writeOutbox()) as [OutboxItem];
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-once' });
    await handler(recordsOf([item]), lambdaContext);
    await handler(recordsOf([item]), lambdaContext);
    expect(sends()).toEqual(item.to);
  });
});
