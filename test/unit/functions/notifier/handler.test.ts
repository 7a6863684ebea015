import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { insertRecord, outboxItem, streamEvent } from '../../../support/outbox-records.ts';
import { lambdaContext } from '../../support/http-event.ts';

// The handler module reads its configuration and creates its clients at module scope.
vi.stubEnv('AWS_REGION', 'eu-west-1');
vi.stubEnv('TABLE_NAME', 'wego-unit');
vi.stubEnv('SENDER_EMAIL', 'no-reply@wego.example');
vi.stubEnv('SES_CONFIGURATION_SET', 'wego-unit-emails');
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'wego-Notifier');
vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'WeGO');
// Dev mode makes Powertools write to the global console (which the tests read); metrics stay on.
vi.stubEnv('POWERTOOLS_DEV', 'true');
vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
const { handler } = await import('../../../../functions/emails/notifier.ts');

const ses = mockClient(SESClient);
const ddb = mockClient(DynamoDBDocumentClient);

/** The outbox items marked as sent (failures are recorded with another UpdateCommand). */
const markedSent = () =>
  ddb
    .commandCalls(UpdateCommand)
    .filter((c) => c.args[0].input.UpdateExpression?.startsWith('SET sentAt'))
    .map((c) => c.args[0].input.Key?.pk);

const sentTo = () => ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses);

interface EmfLine {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [field: string]: unknown;
}

let consoleLog: MockInstance<Console['log']>;

/** The embedded-metric-format lines the handler wrote (Powertools Metrics writes one per flush). */
const emfLines = (): EmfLine[] =>
  consoleLog.mock.calls
    .map((args) => String(args[0]))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);

describe('notifier', () => {
  beforeEach(() => {
    consoleLog = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    ses.reset();
    ddb.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
  });

  it('sends one email per INSERT record through the configuration set and reports no failure', async () => {
    // Prepare
    const first = outboxItem(1);
    const second = outboxItem(2);

    // Act
    const result = await handler(
      streamEvent(insertRecord(first, '100'), insertRecord(second, '200')),
      lambdaContext,
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const sends = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sends).toHaveLength(2);
    expect(sends[0]).toEqual({
      Source: 'no-reply@wego.example',
      Destination: { ToAddresses: ['mayor1@city.example'] },
      ConfigurationSetName: 'wego-unit-emails',
      Message: {
        Subject: { Data: 'Subject 1', Charset: 'UTF-8' },
        Body: {
          Html: { Data: '<p>Body 1</p>', Charset: 'UTF-8' },
          Text: { Data: 'Body 1', Charset: 'UTF-8' },
        },
      },
    });
    expect(sends[1]?.Destination?.ToAddresses).toEqual(['mayor2@city.example']);
  });

  it('reads the item with a consistent read before sending, to see a sentAt written by an earlier try', async () => {
    // Act
    await handler(streamEvent(insertRecord(outboxItem(1), '100')), lambdaContext);

    // Assess
    const gets = ddb.commandCalls(GetCommand).map((c) => c.args[0].input);
    expect(gets).toEqual([
      { TableName: 'wego-unit', Key: { pk: 'OUTBOX#1', sk: 'EMAIL' }, ConsistentRead: true },
    ]);
  });

  it('marks each sent item with sentAt and the SES message id', async () => {
    // Prepare
    const before = Date.now();

    // Act
    await handler(streamEvent(insertRecord(outboxItem(1), '100')), lambdaContext);

    // Assess
    const updates = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(1);
    const update = updates[0];
    expect(update).toMatchObject({
      TableName: 'wego-unit',
      Key: { pk: 'OUTBOX#1', sk: 'EMAIL' },
      ConditionExpression: 'attribute_exists(pk)',
    });
    expect(update?.UpdateExpression).toMatch(/SET sentAt = :now/);
    // The sent email leaves the list of unsent ones.
    expect(update?.UpdateExpression).toMatch(/REMOVE .*gsi3pk, gsi3sk/);
    const values = update?.ExpressionAttributeValues ?? {};
    expect(values[':mid']).toBe('ses-message-1');
    expect(Date.parse(values[':now'] as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('skips a record whose item already has sentAt, without sending it again', async () => {
    // Prepare
    const alreadySent = outboxItem(1);
    ddb
      .on(GetCommand, { Key: { pk: 'OUTBOX#1', sk: 'EMAIL' } })
      .resolves({ Item: { ...alreadySent, sentAt: '2026-01-01T00:00:05.000Z' } });

    // Act
    const result = await handler(
      streamEvent(insertRecord(alreadySent, '100'), insertRecord(outboxItem(2), '200')),
      lambdaContext,
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sentTo()).toEqual([['mayor2@city.example']]);
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: 'OUTBOX#2', sk: 'EMAIL' },
    ]);
  });

  it('reports the record SES refused and still sends the records after it', async () => {
    // Prepare
    ses
      .on(SendEmailCommand, { Destination: { ToAddresses: ['mayor2@city.example'] } })
      .rejects(Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' }));

    // Act
    const result = await handler(
      streamEvent(
        insertRecord(outboxItem(1), '100'),
        insertRecord(outboxItem(2), '200'),
        insertRecord(outboxItem(3), '300'),
      ),
      lambdaContext,
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '200' }] });
    expect(sentTo()).toEqual([['mayor1@city.example'], ['mayor2@city.example'], ['mayor3@city.example']]);
    expect(markedSent()).toEqual(['OUTBOX#1', 'OUTBOX#3']);
  });

  it('records a failed send on the item: one more attempt and the error name, never its text', async () => {
    // Prepare
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Address blacklisted: x@y'), { name: 'MessageRejected' }));

    // Act
    await handler(streamEvent(insertRecord(outboxItem(1), '100')), lambdaContext);

    // Assess
    const [failure] = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(failure).toMatchObject({
      Key: { pk: 'OUTBOX#1', sk: 'EMAIL' },
      UpdateExpression: 'ADD attempts :one SET lastError = :error, lastAttemptAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sentAt)',
      ExpressionAttributeValues: { ':one': 1, ':error': 'MessageRejected' },
    });
    expect(JSON.stringify(failure)).not.toContain('blacklisted');
  });

  it('still reports the record as failed when recording the failure fails too', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable' }));
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('down too'), { name: 'InternalServerError' }));

    // Act
    const result = await handler(streamEvent(insertRecord(outboxItem(1), '100')), lambdaContext);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
  });

  it('reports a malformed outbox image as a failure, sends nothing for it, and still sends the next', async () => {
    // Prepare: the recipient is not an email address and the html part is missing.
    const { html: _html, ...withoutHtml } = outboxItem(1);
    const malformed = { ...withoutHtml, to: ['not-an-address'] };

    // Act
    const result = await handler(
      streamEvent(insertRecord(malformed, '100'), insertRecord(outboxItem(2), '200')),
      lambdaContext,
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(sentTo()).toEqual([['mayor2@city.example']]);
    expect(markedSent()).toEqual(['OUTBOX#2']);
  });

  it('reports a record without a new image as a failure', async () => {
    // Prepare
    const record = insertRecord(outboxItem(1), '100');
    const { NewImage: _image, ...withoutImage } = record.dynamodb ?? {};

    // Act
    const result = await handler(streamEvent({ ...record, dynamodb: withoutImage }), lambdaContext);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('reports the record as a failure when the item cannot be read, and sends nothing', async () => {
    // Prepare
    ddb.on(GetCommand).rejects(
      Object.assign(new Error('Throughput exceeds the current capacity'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );

    // Act
    const result = await handler(streamEvent(insertRecord(outboxItem(1), '100')), lambdaContext);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  describe('metrics', () => {
    it('publishes EmailsSent and EmailsFailed in the WeGO namespace with the service dimension, once per invocation', async () => {
      // Act
      await handler(
        streamEvent(insertRecord(outboxItem(1), '100'), insertRecord(outboxItem(2), '200')),
        lambdaContext,
      );

      // Assess
      const lines = emfLines();
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line?._aws.CloudWatchMetrics).toEqual([
        {
          Namespace: 'WeGO',
          Dimensions: [['service']],
          Metrics: [
            { Name: 'EmailsSent', Unit: 'Count' },
            { Name: 'EmailsFailed', Unit: 'Count' },
          ],
        },
      ]);
      expect(line).toMatchObject({ service: 'wego-Notifier', EmailsSent: 2, EmailsFailed: 0 });
    });

    it('counts the record SES refused as failed and only the emails that went out as sent', async () => {
      // Prepare
      ses
        .on(SendEmailCommand, { Destination: { ToAddresses: ['mayor2@city.example'] } })
        .rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }));

      // Act
      await handler(
        streamEvent(
          insertRecord(outboxItem(1), '100'),
          insertRecord(outboxItem(2), '200'),
          insertRecord(outboxItem(3), '300'),
        ),
        lambdaContext,
      );

      // Assess
      expect(emfLines()).toEqual([expect.objectContaining({ EmailsSent: 2, EmailsFailed: 1 })]);
    });

    it('does not count an email an earlier try already sent', async () => {
      // Prepare
      ddb.on(GetCommand).resolves({ Item: { ...outboxItem(1), sentAt: '2026-01-01T00:00:05.000Z' } });

      // Act
      await handler(streamEvent(insertRecord(outboxItem(1), '100')), lambdaContext);

      // Assess
      expect(emfLines()).toEqual([expect.objectContaining({ EmailsSent: 0, EmailsFailed: 0 })]);
    });

    it('counts a malformed outbox image as failed', async () => {
      // Prepare
      const { html: _html, ...withoutHtml } = outboxItem(1);

      // Act
      await handler(streamEvent(insertRecord(withoutHtml, '100')), lambdaContext);

      // Assess
      expect(emfLines()).toEqual([expect.objectContaining({ EmailsSent: 0, EmailsFailed: 1 })]);
    });
  });
});
