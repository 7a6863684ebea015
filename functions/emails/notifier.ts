import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand, type SendEmailCommandOutput } from '@aws-sdk/client-ses';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ddb, tableName } from '../shared/ddb.ts';
import { requireEnv } from '../shared/env.ts';
import { eventHandler, logger } from '../shared/logger.ts';
import { MetricUnit, metrics } from '../shared/metrics.ts';
import * as z from '../shared/zod.ts';

/**
 * Replaced after a send that failed: the SDK's query-protocol serializer keeps the part of a request it
 * could not finish (e.g. a lone surrogate makes encodeURIComponent throw) and puts it in front of the
 * next request's body, so one poison email would corrupt the next one sent on the same client.
 */
let ses = new SESClient({});
const sender = requireEnv('SENDER_EMAIL');
const configurationSet = requireEnv('SES_CONFIGURATION_SET');

/** Text SES can encode: a lone surrogate is refused here, before it reaches the client. */
const wellFormed = z
  .string()
  .check(z.refine((s) => s.isWellFormed(), { error: 'is not well-formed Unicode' }));

const outboxEmail = z.object({
  pk: z.string().check(z.startsWith('OUTBOX#')),
  sk: z.literal('EMAIL'),
  to: z.array(z.email()).check(z.minLength(1)),
  subject: wellFormed.check(z.minLength(1), z.maxLength(998)),
  html: wellFormed,
  text: wellFormed,
});

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * The outbox consumer. The event source mapping delivers only INSERTs of OUTBOX# items; each is sent
 * once through SES and marked `sentAt`. Powertools' batch processor reports a failed record alone
 * (ReportBatchItemFailures) and goes on with the others, one at a time and in order; Lambda retries
 * from the first failed record with bisection, and after the retries the batch lands in the DLQ. A
 * record redelivered after its email went out is skipped, so a retry does not send it twice. Each
 * invocation publishes the EmailsSent and EmailsFailed counts (the dashboard graphs them; EmailsFailed
 * alarms).
 */
export const handler = eventHandler(
  async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    let sent = 0;
    const record = async (streamRecord: DynamoDBRecord) => {
      try {
        const image = streamRecord.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
        if (!image) throw new Error('stream record has no new image');
        if (await deliver(z.parse(outboxEmail, unmarshall(image)))) sent += 1;
      } catch (error) {
        const e = error as Error;
        const sequence = streamRecord.dynamodb?.SequenceNumber;
        logger.error('Outbox email not sent', { sequence, errorName: e.name, errorMessage: e.message });
        await recordFailure(streamRecord.dynamodb?.Keys?.pk?.S, e.name);
        throw error;
      }
    };
    try {
      return await processPartialResponse(event, record, processor, {
        context,
        processInParallel: false,
        // Every record failing is still a partial answer: the mapping retries from the first one.
        throwOnFullBatchFailure: false,
      });
    } finally {
      // Both counts on every invocation, zeros included, so the dashboard shows 0 rather than a gap.
      metrics.addMetric('EmailsSent', MetricUnit.Count, sent);
      metrics.addMetric('EmailsFailed', MetricUnit.Count, processor.failureMessages.length);
      metrics.publishStoredMetrics();
    }
  },
);

/** Sends one outbox email; false when an earlier try already sent it. */
async function deliver(email: z.infer<typeof outboxEmail>): Promise<boolean> {
  const key = { pk: email.pk, sk: email.sk };
  const current = await ddb.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (current.Item?.sentAt) {
    logger.info('Outbox email already sent', { outboxId: email.pk });
    return false;
  }
  let sent: SendEmailCommandOutput;
  try {
    sent = await ses.send(
      new SendEmailCommand({
        Source: sender,
        Destination: { ToAddresses: email.to },
        ConfigurationSetName: configurationSet,
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Html: { Data: email.html, Charset: 'UTF-8' },
            Text: { Data: email.text, Charset: 'UTF-8' },
          },
        },
      }),
    );
  } catch (error) {
    ses = new SESClient({});
    throw error;
  }
  await ddb.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      // Once sent, the content goes: it may hold personal data or a ballot link, which the table keeps no
      // longer; and the email leaves the list of unsent ones.
      UpdateExpression: 'SET sentAt = :now, messageId = :mid REMOVE html, #text, gsi3pk, gsi3sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#text': 'text' },
      ExpressionAttributeValues: { ':now': new Date().toISOString(), ':mid': sent.MessageId ?? 'unknown' },
    }),
  );
  logger.info('Outbox email sent', { outboxId: email.pk, recipients: email.to.length });
  return true;
}

/**
 * Counts a failed try on the outbox item and keeps the error's name (never its text, which may quote
 * the email), so the Secretariat's overview can say which emails keep failing and why. Best effort: a
 * failure here is logged and the original error stands.
 */
async function recordFailure(pk: string | undefined, errorName: string): Promise<void> {
  if (!pk?.startsWith('OUTBOX#')) return;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk, sk: 'EMAIL' },
        UpdateExpression: 'ADD attempts :one SET lastError = :error, lastAttemptAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sentAt)',
        ExpressionAttributeValues: {
          ':one': 1,
          ':error': errorName.slice(0, 100),
          ':now': new Date().toISOString(),
        },
      }),
    );
  } catch (error) {
    logger.warn('Failure of an outbox email not recorded', {
      outboxId: pk,
      errorName: (error as Error).name,
    });
  }
}
