import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StreamPoller } from '../../../lib/local/stream-poller.ts';
import type { LocalStreamMapping } from '../../../lib/local/template.ts';
import { waitFor } from '../../../lib/local/wait.ts';

const mapping: LocalStreamMapping = {
  id: 'Outbox',
  functionId: 'Notifier',
  tableName: 'Table',
  batchSize: 10,
  maximumRetryAttempts: 5,
  maximumRecordAgeSeconds: 86_400,
  bisectOnError: true,
  reportBatchItemFailures: true,
  filterPatterns: [],
  startingPosition: 'TRIM_HORIZON',
};
const sequences = ['100', '101', '102'];

/** A table stream with one shard holding three INSERTs; a position after the last one reads nothing. */
function fakeStream() {
  const dynamo = new DynamoDBClient({});
  mockClient(dynamo)
    .on(DescribeTableCommand)
    .resolves({ Table: { LatestStreamArn: 'arn:stream' } });
  const streams = new DynamoDBStreamsClient({});
  const mock = mockClient(streams);
  mock.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } });
  mock
    .on(GetShardIteratorCommand, { ShardIteratorType: 'TRIM_HORIZON' })
    .resolves({ ShardIterator: 'from-start' });
  mock.on(GetShardIteratorCommand, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' }).resolves({
    ShardIterator: 'at-end',
  });
  mock.on(GetRecordsCommand, { ShardIterator: 'from-start' }).resolves({
    Records: sequences.map((SequenceNumber, n) => ({
      eventID: `e${n}`,
      eventName: 'INSERT',
      dynamodb: {
        ApproximateCreationDateTime: new Date(),
        Keys: { pk: { S: `OUTBOX#${n}` } },
        SequenceNumber,
      },
    })),
    NextShardIterator: 'at-end',
  });
  mock
    .on(GetRecordsCommand, { ShardIterator: 'at-end' })
    .resolves({ Records: [], NextShardIterator: 'at-end' });
  return { dynamo, streams };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wego-poller-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function poller(
  invoke: (event: { Records: { dynamodb: { SequenceNumber: string } }[] }) => Promise<unknown>,
) {
  return new StreamPoller({
    mapping,
    ...fakeStream(),
    invoke: (_, event) => invoke(event as Parameters<typeof invoke>[0]),
    checkpointFile: join(dir, 'checkpoints.json'),
    dlqFile: join(dir, 'dlq.jsonl'),
    log: () => undefined,
    retryBaseMs: 10,
    pollMs: 10,
  });
}

const checkpoints = () => JSON.parse(readFileSync(join(dir, 'checkpoints.json'), 'utf8'));

describe('local stream poller on stop', () => {
  it('sends nothing to the DLQ when stopped while a batch fails: the next start delivers the batch again', async () => {
    let attempts = 0;
    const failing = poller(async () => {
      attempts += 1;
      throw new Error('connect ECONNREFUSED');
    });
    failing.start();
    await waitFor('the first attempt', 5000, async () => expect(attempts).toBeGreaterThan(0));
    await failing.stop();
    expect(existsSync(join(dir, 'dlq.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'checkpoints.json'))).toBe(false);

    const delivered: string[] = [];
    const next = poller(async (event) => {
      delivered.push(...event.Records.map((r) => r.dynamodb.SequenceNumber));
      return { batchItemFailures: [] };
    });
    next.start();
    await waitFor('the batch to be delivered', 5000, async () => expect(delivered).toEqual(sequences));
    await next.stop();
    expect(checkpoints()).toEqual({ 'shard-1': '102' });
  });

  it('lets the invocation in flight finish, and checkpoints what it delivered', async () => {
    let started = false;
    let finished = false;
    const slow = poller(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished = true;
      return { batchItemFailures: [] };
    });
    slow.start();
    await waitFor('the invocation to start', 5000, async () => expect(started).toBe(true));
    await slow.stop();
    expect(finished).toBe(true);
    expect(checkpoints()).toEqual({ 'shard-1': '102' });
  });
});
