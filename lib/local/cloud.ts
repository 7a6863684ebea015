import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sesModule from 'aws-ses-v2-local';
import { localJwks, localVerifier, withLocalEndpoints, withLocalJwks } from './auth.ts';
import { type BucketObject, LocalCloudFront } from './cloudfront.ts';
import { LOCAL_COGNITO_PATH, LocalCognito } from './cognito.ts';
import { ensureTables, LOCAL_CREDENTIALS, type LocalDynamo, startDynamo } from './dynamodb.ts';
import { LocalHttpApi } from './http-api.ts';
import { LambdaRuntime } from './lambda-runtime.ts';
import { LocalS3 } from './s3.ts';
import { LocalSchedules, schedulesFrom } from './schedules.ts';
import { withLocalSecrets } from './secrets.ts';
import { LocalStepFunctions } from './stepfunctions.ts';
import { StreamPoller } from './stream-poller.ts';
import { LOCAL_REGION, loadTemplate, TemplateReader } from './template.ts';
import { functionIdOf, stateMachinesFrom } from './template-state-machines.ts';
import { handleTranslate, LOCAL_TRANSLATE_PATH } from './translate.ts';
import { waitFor } from './wait.ts';

export interface LocalCloudOptions {
  readonly projectDir: string;
  /** Git-ignored folder for the template, data, keys, logs and the local DLQ. */
  readonly stateDir: string;
  readonly apiPort: number;
  /** The site: the local stand-in of the CloudFront distribution (pages, assets, the API under /api). */
  readonly sitePort: number;
  readonly sesPort: number;
  readonly dynamoPort: number;
  readonly sfnPort: number;
  /** The S3 stand-in (buckets of the template: uploads). */
  readonly s3Port: number;
  /** Start with no data. */
  readonly reset: boolean;
  /** Overrides the voting period of Full Membership votes (tests watch a vote expire). */
  readonly votingPeriodSeconds?: number;
  /** Overrides how long closed civic requests keep the citizen's contact (tests watch it go). */
  readonly contactRetentionSeconds?: number;
  /** Replaces every Step Functions Retry interval (tests need not wait for real backoff). */
  readonly sfnRetryMs?: number;
  /** First delay between stream batch retries (doubles up to 5 s). */
  readonly streamRetryMs?: number;
  /** Keep DynamoDB data in memory only (tests). */
  readonly inMemory?: boolean;
  /** Runs every scheduled rule at this interval instead of its own rate (5 minutes is long to wait). */
  readonly scheduleIntervalMs?: number;
  readonly log: (line: string) => void;
}

export interface LocalCloud {
  readonly apiUrl: string;
  readonly siteUrl: string;
  readonly inboxUrl: string;
  readonly dynamoEndpoint: string;
  readonly stepFunctionsEndpoint: string;
  readonly s3Endpoint: string;
  stop(): Promise<void>;
}

export const paths = (stateDir: string) => ({
  cdkOut: join(stateDir, 'cdk.out'),
  data: join(stateDir, 'dynamodb'),
  s3: join(stateDir, 's3'),
  keyFile: join(stateDir, 'auth', 'local-signing-key.json'),
  logs: join(stateDir, 'logs'),
  /** One file per event source mapping: each poller reads the stream at its own pace. */
  checkpoints: join(stateDir, 'stream-checkpoints'),
  checkpoint: (id: string) => join(stateDir, 'stream-checkpoints', `${id}.json`),
  executions: join(stateDir, 'stepfunctions', 'executions.json'),
  secrets: join(stateDir, 'auth', 'local-secrets.json'),
  dlq: (id: string) => join(stateDir, 'dlq', `${id}.jsonl`),
});

/** The context `cdk synth` gets for the local stage. */
export const localContext = (
  ports: { api: number; site: number },
  periods: { votingPeriodSeconds?: number; contactRetentionSeconds?: number } = {},
) => ({
  stage: 'local',
  senderEmail: 'no-reply@wego.example',
  secretariatEmail: 'secretariat@wego.example',
  // Links in emails open the site, as they do in AWS (CloudFront's domain).
  publicBaseUrl: `http://127.0.0.1:${ports.site}`,
  // The site needs no CORS (one origin); these are for browser tools calling the API directly.
  corsOrigins: `http://127.0.0.1:${ports.api},http://localhost:${ports.api}`,
  ...periods,
});

/** Synthesizes the CDK app exactly as `cdk synth` does (same app, bundling included), into stateDir. */
export async function synthesize(
  projectDir: string,
  outDir: string,
  context: Record<string, unknown>,
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectDir, 'bin', 'wego.ts')], {
    cwd: projectDir,
    // The CLI turns asset and path metadata on; the local cloud finds each function's bundle through it.
    env: {
      ...process.env,
      CDK_OUTDIR: outDir,
      CDK_CONTEXT_JSON: JSON.stringify({
        ...context,
        'aws:cdk:enable-asset-metadata': true,
        'aws:cdk:enable-path-metadata': true,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`cdk synth failed (exit ${code}):\n${output}`);
}

/**
 * Runs the synthesized app on this machine: DynamoDB Local, the SES inbox, the functions in worker
 * sandboxes, the HTTP API with its JWT authorizer, the stream event source mappings and the
 * scheduled EventBridge rules.
 */
export async function startLocalCloud(o: LocalCloudOptions): Promise<LocalCloud> {
  const p = paths(o.stateDir);
  if (o.reset) {
    for (const dir of [p.data, p.s3, p.checkpoints, p.executions, join(o.stateDir, 'dlq')])
      rmSync(dir, { recursive: true, force: true });
  }
  // Stopped in the reverse order of their start: the schedules, stream pollers and API drain first,
  // then Step Functions and the functions still running, and DynamoDB Local last.
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const started = Date.now();
    // Start the three together; whatever did start is stopped again if another part fails.
    const [synth, dynamoStart, sesStart] = await Promise.allSettled([
      synthesize(
        o.projectDir,
        p.cdkOut,
        localContext(
          { api: o.apiPort, site: o.sitePort },
          {
            ...(o.votingPeriodSeconds ? { votingPeriodSeconds: o.votingPeriodSeconds } : {}),
            ...(o.contactRetentionSeconds ? { contactRetentionSeconds: o.contactRetentionSeconds } : {}),
          },
        ),
      ),
      startDynamo(o.dynamoPort, o.inMemory ? undefined : p.data),
      startSesInbox(o.sesPort),
    ]);
    if (dynamoStart.status === 'fulfilled') stops.push(() => dynamoStart.value.stop());
    if (sesStart.status === 'fulfilled') stops.push(() => closeServer(sesStart.value));
    for (const r of [synth, dynamoStart, sesStart]) if (r.status === 'rejected') throw r.reason;
    const dynamo = (dynamoStart as PromiseFulfilledResult<LocalDynamo>).value;
    o.log(
      `synthesized the local stage and started DynamoDB Local and the SES inbox in ${Date.now() - started} ms`,
    );

    const raw = loadTemplate(p.cdkOut);
    const template = new TemplateReader(raw, p.cdkOut);
    await ensureTables(dynamo.client, template.tables());

    // The buckets, before the functions that use them (and stopped after them).
    const s3 = new LocalS3({
      directory: p.s3,
      buckets: template.buckets(),
      credentials: LOCAL_CREDENTIALS,
      region: LOCAL_REGION,
      onError: o.log,
    });
    await s3.listen(o.s3Port);
    stops.push(() => s3.close());
    const s3Url = `http://127.0.0.1:${o.s3Port}`;

    const sesUrl = `http://127.0.0.1:${o.sesPort}`;
    const sfnUrl = `http://127.0.0.1:${o.sfnPort}`;
    const apiUrl = `http://127.0.0.1:${o.apiPort}`;
    const siteUrl = `http://127.0.0.1:${o.sitePort}`;
    const runtime = new LambdaRuntime(
      // Endpoints set per function rather than per service (the JWKS, the API's own URL for the pages)
      // point at the local servers, as AWS_ENDPOINT_URL_* does for the SDK clients.
      withLocalEndpoints(withLocalJwks(withLocalSecrets(template.functions(), p.secrets), apiUrl), {
        [template.apiEndpoint()]: apiUrl,
        // A bucket's origin (where pages post files) is the local S3's, which serves every bucket by path.
        ...Object.fromEntries(
          template.buckets().map((b) => [`https://${b.name}.s3.${LOCAL_REGION}.amazonaws.com`, s3Url]),
        ),
        ...(template.signInUrl()
          ? { [template.signInUrl() as string]: `${apiUrl}${LOCAL_COGNITO_PATH}` }
          : {}),
      }),
      {
        AWS_REGION: LOCAL_REGION,
        AWS_DEFAULT_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ENDPOINT_URL_SES: sesUrl,
        AWS_ENDPOINT_URL_SFN: sfnUrl,
        // An IP address as the endpoint: the SDK addresses buckets by path, as the local S3 serves them.
        AWS_ENDPOINT_URL_S3: s3Url,
        AWS_ENDPOINT_URL_TRANSLATE: `${apiUrl}${LOCAL_TRANSLATE_PATH}`,
        TZ: 'UTC',
      },
      p.logs,
    );
    stops.push(() => runtime.stop());
    const invoke = (id: string, event: unknown) => runtime.invoke(id, event);

    const stepFunctions = new LocalStepFunctions({
      stateMachines: stateMachinesFrom(raw, template),
      invoke,
      functionIdOf,
      log: o.log,
      ...(o.sfnRetryMs !== undefined ? { retryIntervalMs: o.sfnRetryMs } : {}),
      // Executions persist with the data: a vote open when the stack stops goes on after a restart.
      ...(o.inMemory ? {} : { journalFile: p.executions }),
    });
    await stepFunctions.listen(o.sfnPort);
    stops.push(() => stepFunctions.close());

    const routes = template.routes();
    const jwt = routes.find((r) => r.jwt)?.jwt;
    const cognito = jwt
      ? new LocalCognito({
          keyFile: p.keyFile,
          issuer: { issuer: jwt.issuer, audience: jwt.audience[0] ?? '' },
          clients: template.appClients(),
        })
      : undefined;
    const api = new LocalHttpApi({
      routes,
      cors: template.cors(),
      invoke,
      verify: await localVerifier(p.keyFile),
      jwks: await localJwks(p.keyFile),
      // Cognito's sign-in and Amazon Translate's stand-ins answer on the local API's port.
      standIns: async (req, res, url, body) =>
        (await cognito?.handle(req, res, url, body)) || handleTranslate(req, res, url, body),
      onError: o.log,
    });
    await api.listen(o.apiPort);
    stops.push(() => api.close());

    const distribution = template.distribution();
    if (distribution) {
      const site = new LocalCloudFront({
        distribution,
        apiUrl,
        getObject: bucketReader(s3Url),
        onError: o.log,
      });
      await site.listen(o.sitePort);
      stops.push(() => site.close());
    }

    const streams = new DynamoDBStreamsClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    for (const mapping of template.streamMappings()) {
      const poller = new StreamPoller({
        mapping,
        dynamo: dynamo.client,
        streams,
        invoke,
        // Its own file: a mapping that filters out most records (the knowledge indexer) reads ahead of
        // one that delivers them (the outbox), and a shared file let the one overwrite the other's
        // place, so a restart skipped emails not sent yet.
        checkpointFile: p.checkpoint(mapping.id),
        dlqFile: p.dlq(mapping.id),
        log: o.log,
        retryBaseMs: o.streamRetryMs ?? 250,
      });
      poller.start();
      stops.push(() => poller.stop());
    }

    const schedules = new LocalSchedules({
      rules: schedulesFrom(raw, template),
      invoke,
      log: o.log,
      ...(o.scheduleIntervalMs !== undefined ? { intervalOverrideMs: o.scheduleIntervalMs } : {}),
    });
    schedules.start();
    stops.push(() => schedules.stop());

    await waitFor('the local API', 30_000, async () => {
      const res = await fetch(`${apiUrl}/health`);
      if (res.status !== 200) throw new Error(`GET /health answered ${res.status}`);
    });
    await waitFor('the SES inbox', 10_000, async () => {
      const res = await fetch(`${sesUrl}/health-check`);
      if (!res.ok) throw new Error(`inbox answered ${res.status}`);
    });
    return {
      apiUrl,
      siteUrl,
      inboxUrl: sesUrl,
      dynamoEndpoint: dynamo.endpoint,
      stepFunctionsEndpoint: sfnUrl,
      s3Endpoint: s3Url,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CloudFront's signed GET of an object (origin access control), against the local S3. */
function bucketReader(endpoint: string) {
  const client = new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  return async (bucket: string, key: string): Promise<BucketObject> => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const headers: Record<string, string> = {};
      if (out.ContentType) headers['content-type'] = out.ContentType;
      if (out.CacheControl) headers['cache-control'] = out.CacheControl;
      if (out.ETag) headers.etag = out.ETag;
      if (out.LastModified) headers['last-modified'] = out.LastModified.toUTCString();
      return {
        status: 200,
        headers,
        body: Buffer.from(
          await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
        ),
      };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 403) {
        // S3 answers CloudFront's read of a missing key with 403 when CloudFront may not list the bucket.
        return {
          status: 403,
          headers: { 'content-type': 'application/xml' },
          body: Buffer.from('<Error><Code>AccessDenied</Code></Error>'),
        };
      }
      throw error;
    }
  };
}

/** aws-ses-v2-local is CommonJS: Node hands its module.exports as the default import, Vite its `default`. */
function startSesInbox(port: number): Promise<Server> {
  const start = typeof sesModule === 'function' ? sesModule : sesModule.default;
  return start({ host: '127.0.0.1', port });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
