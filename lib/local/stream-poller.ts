import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { matchesAny } from './event-filter.ts';
import { LOCAL_REGION, type LocalStreamMapping } from './template.ts';

export interface StreamPollerOptions {
  readonly mapping: LocalStreamMapping;
  readonly dynamo: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly invoke: (functionId: string, event: unknown) => Promise<unknown>;
  /** Where shard positions are kept between restarts. */
  readonly checkpointFile: string;
  /** The local on-failure destination: one JSON line per batch given up on. */
  readonly dlqFile: string;
  readonly log: (message: string) => void;
  /** First retry delay; it doubles up to 5 s (Lambda backs off between stream retries too). */
  readonly retryBaseMs: number;
  readonly pollMs?: number;
}

type LambdaRecord = ReturnType<typeof toLambdaRecord>;

/** The poller stopped before a page was delivered: it is not checkpointed, so it is read again on the next start. */
class Stopped extends Error {}

/**
 * The local stand-in for a DynamoDB stream event source mapping: polls the table's stream, filters
 * records with the mapping's patterns, invokes the function with batches, honours
 * ReportBatchItemFailures, bisects failing batches, retries, and after the last retry (or past the
 * maximum record age) writes the batch's description to the DLQ file and moves on. Stopping lets the
 * invocation in flight finish, then neither retries nor gives up: what is not delivered yet is
 * delivered after a restart, as Lambda would go on delivering it.
 */
export class StreamPoller {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly iterators = new Map<string, string | undefined>();
  private checkpoints: Record<string, string>;
  private cachedStreamArn: string | undefined;

  constructor(private readonly o: StreamPollerOptions) {
    this.checkpoints = existsSync(o.checkpointFile) ? JSON.parse(readFileSync(o.checkpointFile, 'utf8')) : {};
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let delivered = 0;
      try {
        delivered = await this.pollOnce();
      } catch (error) {
        if (!(error instanceof Stopped))
          this.o.log(`stream ${this.o.mapping.id}: ${(error as Error).message}`);
      }
      if (delivered === 0) await this.pause(this.o.pollMs ?? 200).catch(() => undefined);
    }
  }

  /** A wait that ends with Stopped as soon as the poller stops. */
  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
    } catch {
      throw new Stopped();
    }
  }

  /** Reads every open shard once; returns how many records were read. */
  async pollOnce(): Promise<number> {
    const streamArn = await this.streamArn();
    const stream = await this.o.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let read = 0;
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId as string;
      if (this.iterators.has(shardId) && this.iterators.get(shardId) === undefined) continue; // closed
      const iterator = this.iterators.get(shardId) ?? (await this.firstIterator(streamArn, shardId));
      const page = await this.o.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      this.iterators.set(shardId, page.NextShardIterator);
      const records = page.Records ?? [];
      if (records.length === 0) continue;
      read += records.length;
      const wanted = records
        .map((r) => toLambdaRecord(r, streamArn))
        .filter((r) => matchesAny(this.o.mapping.filterPatterns, r));
      for (let i = 0; i < wanted.length; i += this.o.mapping.batchSize) {
        await this.deliver(wanted.slice(i, i + this.o.mapping.batchSize), shardId, streamArn, 0);
      }
      this.checkpoint(shardId, records.at(-1)?.dynamodb?.SequenceNumber as string);
    }
    return read;
  }

  /** The table's stream, looked up once (a table keeps its stream for the life of the local stack). */
  private async streamArn(): Promise<string> {
    if (this.cachedStreamArn) return this.cachedStreamArn;
    const table = await this.o.dynamo.send(new DescribeTableCommand({ TableName: this.o.mapping.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${this.o.mapping.tableName} has no stream`);
    this.cachedStreamArn = arn;
    return arn;
  }

  private async firstIterator(streamArn: string, shardId: string): Promise<string> {
    const after = this.checkpoints[shardId];
    const out = await this.o.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: this.o.mapping.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator as string;
  }

  private async deliver(
    batch: LambdaRecord[],
    shardId: string,
    streamArn: string,
    attempt: number,
  ): Promise<void> {
    if (batch.length === 0) return;
    if (this.stopping.signal.aborted) throw new Stopped();
    const m = this.o.mapping;
    const oldest = batch[0]?.dynamodb.ApproximateCreationDateTime ?? 0;
    if (m.maximumRecordAgeSeconds > 0 && Date.now() / 1000 - oldest > m.maximumRecordAgeSeconds) {
      return this.giveUp(batch, shardId, streamArn, attempt, 'RecordAgeExceeded');
    }
    let retry = batch;
    try {
      const result = (await this.o.invoke(m.functionId, { Records: batch })) as {
        batchItemFailures?: { itemIdentifier: string }[];
      } | null;
      const failed = m.reportBatchItemFailures ? (result?.batchItemFailures ?? []) : [];
      if (failed.length === 0) return;
      // Lambda retries from the lowest failed sequence number onwards.
      const first = Math.min(
        ...failed
          .map((f) => batch.findIndex((r) => r.dynamodb.SequenceNumber === f.itemIdentifier))
          .map((i) => Math.max(i, 0)),
      );
      retry = batch.slice(first);
    } catch (error) {
      this.o.log(`stream ${m.id}: ${(error as Error).message}`);
      if (m.bisectOnError && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.deliver(batch.slice(0, half), shardId, streamArn, attempt + 1);
        await this.deliver(batch.slice(half), shardId, streamArn, attempt + 1);
        return;
      }
    }
    // A failure while stopping may be the stop's own doing: the batch waits for the next start instead.
    if (this.stopping.signal.aborted) throw new Stopped();
    if (m.maximumRetryAttempts >= 0 && attempt >= m.maximumRetryAttempts) {
      return this.giveUp(retry, shardId, streamArn, attempt, 'RetryAttemptsExhausted');
    }
    await this.pause(Math.min(5000, this.o.retryBaseMs * 2 ** attempt));
    return this.deliver(retry, shardId, streamArn, attempt + 1);
  }

  /** What Lambda sends to an on-failure destination: the batch's position, not its data. */
  private giveUp(
    batch: LambdaRecord[],
    shardId: string,
    streamArn: string,
    attempt: number,
    condition: string,
  ): void {
    const first = batch[0];
    const last = batch.at(-1);
    mkdirSync(dirname(this.o.dlqFile), { recursive: true });
    appendFileSync(
      this.o.dlqFile,
      `${JSON.stringify({
        requestContext: {
          condition,
          approximateInvokeCount: attempt + 1,
          functionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${this.o.mapping.functionId}`,
        },
        version: '1.0',
        timestamp: new Date().toISOString(),
        DDBStreamBatchInfo: {
          shardId,
          startSequenceNumber: first?.dynamodb.SequenceNumber,
          endSequenceNumber: last?.dynamodb.SequenceNumber,
          approximateArrivalOfFirstRecord: new Date(
            (first?.dynamodb.ApproximateCreationDateTime ?? 0) * 1000,
          ).toISOString(),
          approximateArrivalOfLastRecord: new Date(
            (last?.dynamodb.ApproximateCreationDateTime ?? 0) * 1000,
          ).toISOString(),
          batchSize: batch.length,
          streamArn,
        },
      })}\n`,
    );
    this.o.log(`stream ${this.o.mapping.id}: ${batch.length} record(s) sent to the DLQ (${condition})`);
  }

  private checkpoint(shardId: string, sequence: string | undefined): void {
    if (!sequence) return;
    this.checkpoints[shardId] = sequence;
    mkdirSync(dirname(this.o.checkpointFile), { recursive: true });
    writeFileSync(this.o.checkpointFile, JSON.stringify(this.checkpoints));
  }
}

function toLambdaRecord(r: StreamRecord, streamArn: string) {
  const d = r.dynamodb ?? {};
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(
        (d.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000,
      ),
      Keys: d.Keys,
      ...(d.NewImage ? { NewImage: d.NewImage } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage } : {}),
      SequenceNumber: d.SequenceNumber as string,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
}
