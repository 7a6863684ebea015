#!/usr/bin/env node
/**
 * `npm run bench`: one run that prints, as Markdown, for the app as `cdk synth` bundles it:
 *   1. each function's bundle size against a minimal one-GetItem handler bundled the same way;
 *   2. cold starts (fresh Node process: import + first invocation) against the same minimal handler;
 *   3. DynamoDB round trips per API operation (counted by a proxy in front of DynamoDB Local);
 *   4. warm p50/p99 latency of the main endpoints on the local stack, with the minimal handler as floor.
 * It starts its own local stack on its own ports (API 3300, SES 8305, DynamoDB 8301, Step Functions 8383;
 * override with BENCH_API_PORT, BENCH_SES_PORT, BENCH_DYNAMODB_PORT, BENCH_SFN_PORT) and a temporary
 * state folder. Progress goes to stderr, the report to stdout. BENCH_COLD_RUNS (5) and BENCH_N (50)
 * set the sample sizes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { localVerifier, signLocalToken, withLocalJwks } from '../lib/local/auth.ts';
import { type LocalCloud, paths, startLocalCloud } from '../lib/local/cloud.ts';
import { LOCAL_CREDENTIALS } from '../lib/local/dynamodb.ts';
import { LocalHttpApi } from '../lib/local/http-api.ts';
import { LambdaRuntime } from '../lib/local/lambda-runtime.ts';
import { withLocalSecrets } from '../lib/local/secrets.ts';
import {
  LOCAL_REGION,
  type LocalFunction,
  type LocalRoute,
  loadTemplate,
  TemplateReader,
} from '../lib/local/template.ts';
import { call } from './bench/api.ts';
import {
  type BuiltEntry,
  bundleAllHandlers,
  bundleEntry,
  bytesByPackage,
  familyOf,
  fileSha256,
} from './bench/bundles.ts';
import {
  type ColdRun,
  type ColdTarget,
  coldRun,
  coldStarts,
  median,
  percentile,
} from './bench/cold-start.ts';
import { type DdbCall, DdbProxy, sequentialSteps, stepsOf, tagLambdaWorkers } from './bench/ddb-proxy.ts';
import { apiEvent, claimsFor, scheduledEvent } from './bench/events.ts';
import {
  applicationForm,
  civicRequest,
  type JourneyIds,
  type Operation,
  runJourneys,
  sampleBody,
} from './bench/journeys.ts';
import { type Endpoint, type Latency, measure } from './bench/latency.ts';

const projectDir = resolve(import.meta.dirname, '..');
const PORTS = {
  api: Number(process.env.BENCH_API_PORT ?? 3300),
  site: Number(process.env.BENCH_SITE_PORT ?? 8380),
  ses: Number(process.env.BENCH_SES_PORT ?? 8305),
  dynamo: Number(process.env.BENCH_DYNAMODB_PORT ?? 8301),
  sfn: Number(process.env.BENCH_SFN_PORT ?? 8383),
};
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const N = Number(process.env.BENCH_N ?? 50);
const WARMUP = 5;
const TARGET_RATIO = 1.5;
const MAX_STEPS = 2;
/** The whole run must end well within this; past it the benchmark gives up. */
const HARD_LIMIT_MS = 8 * 60_000;
const SECRETARIAT = 'secretariat@wego.example';

const startedAt = Date.now();
const progress = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

const stateDir = mkdtempSync(join(tmpdir(), 'wego-bench-'));
const stackLog: string[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];
const cleanup = async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  cleanups.length = 0;
  if (!process.env.BENCH_KEEP_STATE) rmSync(stateDir, { recursive: true, force: true });
};
const watchdog = setTimeout(async () => {
  progress(`gave up after ${HARD_LIMIT_MS / 60_000} minutes`);
  await cleanup();
  process.exit(1);
}, HARD_LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

async function main() {
  const p = paths(stateDir);

  // --- Local stack behind the counting proxy, bundles and metafiles ------------------------------------
  const proxy = new DdbProxy({ host: '127.0.0.1', port: PORTS.dynamo });
  await proxy.listen();
  cleanups.push(() => proxy.close());
  cleanups.push(tagLambdaWorkers(proxy));
  progress(`DynamoDB counting proxy on ${proxy.url} -> 127.0.0.1:${PORTS.dynamo}`);

  progress('synthesizing the app and starting the local stack; bundling every handler for its metafile');
  const minimalDir = join(stateDir, 'minimal');
  const [cloud, minimal, metafiles] = await Promise.all([
    startLocalCloud({
      projectDir,
      stateDir,
      apiPort: PORTS.api,
      sitePort: PORTS.site,
      sesPort: PORTS.ses,
      dynamoPort: PORTS.dynamo,
      sfnPort: PORTS.sfn,
      // Long enough that the benchmark's vote stays open.
      votingPeriodSeconds: 3600,
      sfnRetryMs: 100,
      streamRetryMs: 100,
      reset: true,
      inMemory: true,
      log: (line) => stackLog.push(line),
    }).then((c) => {
      cleanups.push(() => c.stop());
      return c;
    }),
    bundleEntry(projectDir, 'scripts/bench/minimal-handler.ts', minimalDir),
    bundleAllHandlers(projectDir),
  ]);
  progress(`local stack up at ${cloud.apiUrl}`);

  const template = new TemplateReader(loadTemplate(p.cdkOut), p.cdkOut);
  const functions = withLocalJwks(withLocalSecrets(template.functions(), p.secrets), cloud.apiUrl);
  const routes = template.routes();
  const tableName = template.tables()[0]?.name ?? '';
  const jwt = routes.find((r) => r.jwt)?.jwt;
  if (!jwt) throw new Error('the template has no JWT route');
  const issuer = { issuer: jwt.issuer, audience: jwt.audience[0] ?? '' };
  const token = (role: string, email: string) => signLocalToken(p.keyFile, issuer, { email, groups: [role] });
  const minimalBundle = join(minimalDir, 'index.mjs');

  // --- 3. DynamoDB round trips per operation ---------------------------------------------------------
  progress('driving the journeys (DynamoDB round trips per operation)');
  const { operations, ids } = await runJourneys({
    apiUrl: cloud.apiUrl,
    inboxUrl: cloud.inboxUrl,
    routes,
    proxy,
    token,
    log: (line) => progress(`  ${line}`),
  });
  const journeyCalls = [...proxy.calls];

  // --- 4. Warm latency -------------------------------------------------------------------------------
  await quiet(proxy);
  const floorApi = await startMinimalApi(minimalBundle, tableName, cloud);
  cleanups.push(() => floorApi.stop());
  const inProcess = await coldRun(
    {
      id: 'minimal-in-process',
      bundleFile: minimalBundle,
      handlerExport: 'handler',
      env: {
        ...childEnv(cloud, stateDir, 'BenchMinimal'),
        TABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: proxy.url,
        AWS_ACCESS_KEY_ID: proxy.keyFor('BenchMinimalInProcess'),
      },
      event: { pathParameters: { id: 'floor' } },
    },
    join(stateDir, 'cold'),
    N + WARMUP,
  );
  const inProcessWarm = inProcess.warm.slice(WARMUP);
  const overhead = await proxyOverhead(cloud.dynamoEndpoint, proxy, tableName);
  progress(`warm latency: N=${N} sequential requests per endpoint after ${WARMUP + 1} warm-up requests`);
  const latencies = await measureLatencies(cloud, floorApi.url, ids, token);

  // --- 2. Cold starts --------------------------------------------------------------------------------
  // The creating POSTs above woke the outbox consumer: let it finish so the machine is quiet.
  await quiet(proxy);
  const coldTargets: ColdTarget[] = [
    {
      id: 'minimal',
      bundleFile: minimalBundle,
      handlerExport: 'handler',
      env: { ...childEnv(cloud, stateDir, 'BenchMinimal'), TABLE_NAME: tableName },
      event: apiEvent({ method: 'GET', routePath: '/minimal/{id}', params: { id: 'missing' } }),
    },
    ...functions.map((fn) => coldTargetFor(fn, routes, ids, cloud)),
  ];
  progress(`cold starts: ${coldTargets.length} bundles x ${COLD_RUNS} fresh processes`);
  const cold = await coldStarts(coldTargets, COLD_RUNS, join(stateDir, 'cold'), (done, total) => {
    if (done % 25 === 0 || done === total) progress(`  ${done}/${total}`);
  });

  // --- Report ----------------------------------------------------------------------------------------
  const allCalls = [...proxy.calls];
  await floorApi.stop();
  progress('done; report follows on stdout');
  process.stdout.write(
    report({
      functions,
      routes,
      minimal,
      metafiles,
      cold,
      operations,
      journeyCalls,
      allCalls,
      latencies,
      inProcessWarm,
      overhead,
    }),
  );
}

/** The environment of a cold-start child: the function's own, the local endpoints, nothing inherited. */
function childEnv(cloud: LocalCloud, stateDir: string, functionName: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    // No shared config files, as on Lambda.
    AWS_CONFIG_FILE: join(stateDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(stateDir, 'no-aws-credentials'),
    AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint,
    AWS_ENDPOINT_URL_SES: cloud.inboxUrl,
    AWS_ENDPOINT_URL_SFN: cloud.stepFunctionsEndpoint,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  };
}

/**
 * A realistic first event per function. GET routes: the route with ids the journeys created (a real
 * read). Other routes: a valid body with ids that do not exist (a read, then 404/409). Stream, workflow
 * and schedule functions: an empty stream batch, an input that fails validation, a schedule tick.
 */
function coldTargetFor(
  fn: LocalFunction,
  routes: readonly LocalRoute[],
  ids: JourneyIds,
  cloud: LocalCloud,
): ColdTarget {
  const route = routes.find((r) => r.functionId === fn.id);
  const env = { ...childEnv(cloud, stateDir, fn.id), ...fn.environment };
  const base = { id: fn.id, bundleFile: fn.bundleFile, handlerExport: fn.handlerExport, env };
  if (!route) {
    if (/notifier/i.test(fn.id)) return { ...base, event: { Records: [] } };
    if (/escalat/i.test(fn.id)) return { ...base, event: scheduledEvent() };
    return { ...base, event: {} };
  }
  const get = route.method === 'GET';
  const requestId = ids.requestId ?? 'missing';
  const paramValue = (name: string): string => {
    if (!get) return 'bench-missing';
    switch (name) {
      case 'id':
        return (route.path.startsWith('/requests') ? ids.requestId : ids.applicationId) ?? 'missing';
      case 'approvalId':
        return ids.approvalId ?? 'missing';
      case 'ballotId':
        return ids.openBallotId ?? 'missing';
      case 'cityId':
        return ids.cityId ?? 'missing';
      case 'document':
        return 'requests.json';
      case 'serviceFile':
        return 'pothole.json';
      case 'requestFile':
        return `${requestId}.json`;
      default:
        return 'missing';
    }
  };
  const params = Object.fromEntries(
    [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => [m[1] as string, paramValue(m[1] as string)]),
  );
  const officialRoute = route.path.startsWith('/officials');
  const claims = route.jwt
    ? claimsFor(officialRoute ? (ids.officialEmail ?? 'official@wego.example') : SECRETARIAT, [
        'secretariat',
        'committee',
        'official',
      ])
    : undefined;
  const sample = get ? undefined : sampleBody(`${route.method} ${route.path}`);
  const body = sample?.form
    ? { body: new URLSearchParams(sample.form).toString(), contentType: 'application/x-www-form-urlencoded' }
    : sample?.json !== undefined
      ? { body: JSON.stringify(sample.json) }
      : {};
  const event = apiEvent({
    method: route.method,
    routePath: route.path,
    params,
    ...(officialRoute ? { query: { status: 'assigned' } } : {}),
    ...body,
    ...(claims ? { claims } : {}),
  });
  return { ...base, event };
}

/** The minimal handler behind the same local HTTP API and worker sandbox as the app's functions. */
async function startMinimalApi(bundleFile: string, tableName: string, cloud: LocalCloud) {
  const port = await freePort();
  const runtime = new LambdaRuntime(
    [
      {
        id: 'BenchMinimal',
        bundleFile,
        handlerExport: 'handler',
        environment: { TABLE_NAME: tableName },
        timeoutSeconds: 10,
        memoryMb: 512,
      },
    ],
    {
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint,
      TZ: 'UTC',
    },
    join(stateDir, 'logs'),
  );
  const api = new LocalHttpApi({
    routes: [{ method: 'GET', path: '/minimal/{id}', functionId: 'BenchMinimal' }],
    cors: undefined,
    invoke: (id, event) => runtime.invoke(id, event),
    verify: await localVerifier(paths(stateDir).keyFile),
    onError: (line) => stackLog.push(`minimal API: ${line}`),
  });
  await api.listen(port);
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await api.close();
      await runtime.stop();
    },
  };
}

/** Waits until no function has called DynamoDB for a second (background consumers done), at most 20 s. */
async function quiet(proxy: DdbProxy): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const last = proxy.calls.at(-1)?.end ?? 0;
    if (performance.now() - last > 1000) return;
    await sleep(250);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function measureLatencies(
  cloud: LocalCloud,
  floorUrl: string,
  ids: JourneyIds,
  token: (role: string, email: string) => Promise<string>,
): Promise<Latency[]> {
  const secretariat = await token('secretariat', SECRETARIAT);
  const official = ids.officialEmail ? await token('official', ids.officialEmail) : undefined;
  const api = cloud.apiUrl;
  const get = (label: string, path: string, t?: string, baseUrl = api): Endpoint => ({
    label,
    method: 'GET',
    path,
    baseUrl,
    options: () => (t ? { token: t } : {}),
  });
  const endpoints: Endpoint[] = [
    get('minimal handler via the local HTTP API (floor)', '/minimal/floor', undefined, floorUrl),
    get('GET /health', '/health'),
    get('GET /applications', '/applications', secretariat),
    get('GET /members', '/members'),
    get('GET /committee', '/committee', secretariat),
  ];
  if (ids.applicationId) {
    endpoints.push(
      get('GET /applications/{id}', `/applications/${ids.applicationId}`, secretariat),
      get('GET /applications/{id}/history', `/applications/${ids.applicationId}/history`, secretariat),
    );
  }
  if (ids.approvalId)
    endpoints.push(get('GET /approvals/{approvalId}', `/approvals/${ids.approvalId}`, secretariat));
  if (ids.openBallotId) endpoints.push(get('GET /ballots/{ballotId}', `/ballots/${ids.openBallotId}`));
  if (ids.cityId) {
    endpoints.push(
      get('GET /cities/{cityId}/services', `/cities/${ids.cityId}/services`),
      get('GET /cities/{cityId}/routing', `/cities/${ids.cityId}/routing`, secretariat),
    );
  }
  if (ids.requestId) endpoints.push(get('GET /requests/{id}', `/requests/${ids.requestId}`));
  if (official)
    endpoints.push(get('GET /officials/me/requests', '/officials/me/requests?status=assigned', official));
  // Writes last: they wake the outbox consumer (emails) in the background.
  endpoints.push({
    label: 'POST /applications',
    method: 'POST',
    path: '/applications',
    baseUrl: api,
    options: () => ({ json: applicationForm() }),
  });
  if (ids.cityId) {
    const cityId = ids.cityId;
    endpoints.push({
      label: 'POST /cities/{cityId}/requests',
      method: 'POST',
      path: `/cities/${cityId}/requests`,
      baseUrl: api,
      options: () => ({ json: civicRequest() }),
    });
  }
  const deadline = Date.now() + 120_000;
  const results: Latency[] = [];
  for (const e of endpoints) {
    // One request first, unmeasured: a sandbox that never ran is a cold start, not a warm one.
    await call(e.baseUrl, e.path, { ...(await e.options(-1)), method: e.method });
    results.push(await measure(e, N, WARMUP, deadline));
  }
  return results;
}

/** What the counting proxy adds to one DynamoDB GetItem (medians of 50, direct vs through the proxy). */
async function proxyOverhead(dynamoEndpoint: string, proxy: DdbProxy, tableName: string) {
  const time = async (endpoint: string, accessKeyId: string) => {
    const client = new DynamoDBClient({
      endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId, secretAccessKey: 'local' },
    });
    const get = () =>
      client.send(
        new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'BENCH#x' }, sk: { S: 'ITEM' } } }),
      );
    for (let i = 0; i < 5; i++) await get();
    const xs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      await get();
      xs.push(performance.now() - s);
    }
    client.destroy();
    return median(xs);
  };
  const direct = await time(dynamoEndpoint, 'local');
  const proxied = await time(proxy.url, proxy.keyFor('BenchOverhead'));
  return { direct, proxied };
}

// --- Report --------------------------------------------------------------------------------------------

interface ReportInput {
  functions: readonly LocalFunction[];
  routes: readonly LocalRoute[];
  minimal: BuiltEntry;
  metafiles: readonly BuiltEntry[];
  cold: Map<string, ColdRun[]>;
  operations: readonly Operation[];
  journeyCalls: readonly DdbCall[];
  allCalls: readonly DdbCall[];
  latencies: readonly Latency[];
  inProcessWarm: readonly number[];
  overhead: { direct: number; proxied: number };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const verdict = (ok: boolean) => (ok ? 'PASS' : '**MISS**');

function mdTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) =>
    `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The handler entry a deployed bundle came from: same bytes, else the entry its construct is named after. */
function entryFor(fn: LocalFunction, constructPath: string, metafiles: readonly BuiltEntry[]) {
  const sha = fileSha256(fn.bundleFile);
  const same = metafiles.find((m) => m.sha256 === sha);
  if (same) return { entry: same, identical: true };
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const short = (e: BuiltEntry) => e.entry.replace(/^functions\//, '').replace(/\/handler\.ts$/, '');
  const segment = norm(constructPath.split('/').slice(1, -2).join(''));
  const exact = metafiles.find((m) => norm(`http${short(m)}`) === segment);
  if (exact) return { entry: exact, identical: false };
  const candidates = metafiles
    .map((m) => ({ m, leaf: norm(short(m).split('/').pop() ?? '') }))
    .filter((c) => c.leaf && segment.includes(c.leaf))
    .sort((a, b) => b.leaf.length - a.leaf.length);
  return { entry: candidates[0]?.m, identical: false };
}

function report(r: ReportInput): string {
  const out: string[] = [];
  const cpu = cpus();
  const template = loadTemplate(paths(stateDir).cdkOut);
  const reader = new TemplateReader(template, paths(stateDir).cdkOut);
  const constructPath = (id: string) => String(template.Resources[id]?.Metadata?.['aws:cdk:path'] ?? id);
  const streamConsumers = new Set(reader.streamMappings().map((m) => m.functionId));
  const referencedBy = (type: string, id: string) =>
    Object.values(template.Resources).some(
      (x) => x.Type === type && JSON.stringify(x.Properties ?? {}).includes(id),
    );
  const triggerOf = (fn: LocalFunction) => {
    const route = r.routes.find((x) => x.functionId === fn.id);
    if (route) return `${route.method} ${route.path}`;
    if (streamConsumers.has(fn.id)) return 'DynamoDB stream';
    if (referencedBy('AWS::Events::Rule', fn.id)) return 'EventBridge schedule';
    if (referencedBy('AWS::StepFunctions::StateMachine', fn.id)) return 'Step Functions task';
    return 'other';
  };
  const shortId = (id: string) => id.replace(/Function[0-9A-F]{8}$/, '').replace(/^Http/, '');
  /** A route key for HTTP functions, else the function's short id. */
  const nameOf = (fn: LocalFunction) => {
    const trigger = triggerOf(fn);
    return trigger.includes(' /') ? trigger : shortId(fn.id);
  };
  const minimalCold = r.cold.get('minimal') ?? [];
  const minimalTotal = median(minimalCold.map((c) => c.totalMs));
  const minimalImport = median(minimalCold.map((c) => c.importMs));
  const outcomes = (runs: readonly ColdRun[]) => [...new Set(runs.map((c) => c.outcome))].join(' / ');

  out.push('## WeGO benchmark', '');
  out.push(`- Date: ${new Date().toISOString()}; commit ${gitDescribe()}`);
  out.push(
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}, Node ${process.version}; load average at the end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')} (1/5/15 min: other work on the machine shows up as noise in the timings)`,
  );
  out.push(
    `- Floor: a minimal handler (scripts/bench/minimal-handler.ts: one GetItem with @aws-sdk/lib-dynamodb + client-dynamodb) bundled with the esbuild options of lib/constructs/wego-function.ts (ESM, node24, minify, keepNames, mainFields module/main, createRequire banner, no externals): **${kb(r.minimal.bytes)} KB**.`,
  );
  out.push(
    `- Targets: bundle and cold start ≤ ${TARGET_RATIO}× the minimal handler; ≤ ${MAX_STEPS} sequential DynamoDB round trips per operation (idempotency bookkeeping counted apart); no Scan.`,
  );
  out.push('');

  // 1 + 2
  out.push('### 1–2. Bundle size and cold start per function', '');
  out.push(
    `Bundle: the synthesized \`cdk.out/asset.*/index.mjs\`. Cold start: a fresh \`node\` process imports the bundle and serves one invocation, timed inside the child with performance.now() (Node's own boot, the same for all, excluded); median of ${COLD_RUNS} runs, rounds interleaved across bundles; the target is on import + 1st call. DynamoDB Local, the SES inbox and the local Step Functions answer the AWS calls. First events: GET routes read ids the journeys created; write routes get a valid body with ids that do not exist (a read, then 404/409); the stream consumer an empty batch, workflow tasks an input that fails validation (no AWS call), the schedule a tick.`,
    '',
  );
  const rows: (string | number)[][] = [];
  const misses = { size: [] as string[], cold: [] as string[] };
  rows.push([
    '**minimal handler (floor)**',
    'GET, one GetItem',
    kb(r.minimal.bytes),
    '1.00×',
    '—',
    ms(minimalImport),
    '1.00×',
    ms(minimalTotal),
    '1.00×',
    '—',
    outcomes(minimalCold),
  ]);
  for (const fn of r.functions) {
    const bytes = statSync(fn.bundleFile).size;
    const sizeRatio = bytes / r.minimal.bytes;
    const runs = r.cold.get(fn.id) ?? [];
    const importMs = median(runs.map((c) => c.importMs));
    const total = median(runs.map((c) => c.totalMs));
    const coldRatio = total / minimalTotal;
    const trigger = triggerOf(fn);
    if (!(sizeRatio <= TARGET_RATIO)) misses.size.push(nameOf(fn));
    if (!(coldRatio <= TARGET_RATIO)) misses.cold.push(nameOf(fn));
    const errors = runs.find((c) => c.error)?.error;
    rows.push([
      shortId(fn.id),
      trigger,
      kb(bytes),
      ratio(sizeRatio),
      verdict(sizeRatio <= TARGET_RATIO),
      ms(importMs),
      ratio(importMs / minimalImport),
      ms(total),
      ratio(coldRatio),
      verdict(coldRatio <= TARGET_RATIO),
      errors ? `error: ${errors.slice(0, 80)}` : outcomes(runs),
    ]);
  }
  out.push(
    mdTable(
      [
        'Function',
        'Trigger',
        'Bundle KB',
        '× min',
        `≤ ${TARGET_RATIO}×`,
        'Import ms',
        '× min',
        'Import + 1st call ms',
        '× min',
        `≤ ${TARGET_RATIO}×`,
        '1st call',
      ],
      rows,
    ),
    '',
  );

  // Metafile: what dominates
  out.push('### What the bundles are made of (esbuild metafile)', '');
  const mapped = r.functions.map((fn) => ({ fn, ...entryFor(fn, constructPath(fn.id), r.metafiles) }));
  const identical = mapped.filter((m) => m.identical).length;
  out.push(
    `Every functions/**/handler.ts rebuilt with the same options and \`metafile: true\`; ${identical} of ${mapped.length} rebuilt bundles are byte-identical to the synthesized ones${identical < mapped.length ? ' (the others were matched by name: their sources changed while the benchmark ran)' : ''}. KB each package contributes to the minified output:`,
    '',
  );
  const families = (m: BuiltEntry) => {
    const f = new Map<string, number>();
    for (const [pkg, bytes] of bytesByPackage(m.metafile))
      f.set(familyOf(pkg), (f.get(familyOf(pkg)) ?? 0) + bytes);
    return f;
  };
  const bySize = mapped
    .filter((m): m is typeof m & { entry: BuiltEntry } => m.entry !== undefined)
    .sort((a, b) => statSync(a.fn.bundleFile).size - statSync(b.fn.bundleFile).size);
  const health = bySize.find((m) => triggerOf(m.fn) === 'GET /health');
  const typical = bySize[Math.floor(bySize.length / 2)];
  const largest = bySize.at(-1);
  const shown = [
    health && { label: `GET /health`, m: health },
    typical && { label: `median: ${triggerOf(typical.fn)}`, m: typical },
    largest && { label: `largest: ${triggerOf(largest.fn)}`, m: largest },
  ].filter(
    (x, i, a): x is { label: string; m: (typeof bySize)[number] } =>
      !!x && a.findIndex((y) => y && y.m === x.m) === i,
  );
  const columns = [
    { name: 'minimal', f: families(r.minimal) },
    ...shown.map((s) => ({ name: s.label, f: families(s.m.entry) })),
  ];
  const presence = new Map<string, number>();
  for (const m of bySize)
    for (const [fam, bytes] of families(m.entry))
      if (bytes > 0) presence.set(fam, (presence.get(fam) ?? 0) + 1);
  const famNames = [...new Set(columns.flatMap((c) => [...c.f.keys()]))]
    .map((fam) => ({ fam, max: Math.max(...columns.map((c) => c.f.get(fam) ?? 0)) }))
    .filter((x) => x.max >= 4096)
    .sort((a, b) => b.max - a.max)
    .map((x) => x.fam);
  out.push(
    mdTable(
      ['Package', ...columns.map((c) => c.name), `in how many of the ${bySize.length} functions`],
      [
        ...famNames.map((fam) => [
          fam,
          ...columns.map((c) => kb(c.f.get(fam) ?? 0)),
          String(presence.get(fam) ?? 0),
        ]),
        ['**total**', kb(r.minimal.bytes), ...shown.map((s) => kb(s.m.entry.bytes)), ''],
      ],
    ),
    '',
  );
  out.push('Packages under 4 KB in every shown column are left out.', '');
  const floorFamilies = families(r.minimal);
  const over = [...bySize]
    .reverse()
    .filter((m) => m.entry.bytes > r.minimal.bytes * TARGET_RATIO)
    .slice(0, 12);
  if (over.length) {
    out.push(
      `What the largest bundles over ${TARGET_RATIO}× add to the floor (KB, from their metafiles):`,
      '',
    );
    out.push(
      mdTable(
        ['Function', 'Bundle KB', 'Over the floor KB', 'Largest additions over the minimal handler'],
        over.map((m) => {
          const extra = [...families(m.entry)]
            .map(([fam, bytes]) => [fam, bytes - (floorFamilies.get(fam) ?? 0)] as const)
            .filter(([, bytes]) => bytes >= 2048)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 6)
            .map(([fam, bytes]) => `${fam} ${kb(bytes)}`)
            .join(', ');
          return [nameOf(m.fn), kb(m.entry.bytes), kb(m.entry.bytes - r.minimal.bytes), extra];
        }),
      ),
      '',
    );
  }

  // 3
  out.push('### 3. DynamoDB round trips per API operation', '');
  out.push(
    'Counted by a proxy between the functions and DynamoDB Local (X-Amz-Target per request, attributed to the function by the access key its sandbox signs with). Calls are listed in order: `→` separates sequential round trips, `+` joins requests that were in flight together (one that starts before the previous ones have answered joins their step). Idempotency bookkeeping (Powertools records at pk IDEMPOTENCY#..., recognized in the request body; only when the request has an Idempotency-Key header) is listed apart and not counted in the steps. Each operation is measured once, in journey order, on the first (cold) sandbox of its function.',
    '',
  );
  const opRows: (string | number)[][] = [];
  const stepMisses: string[] = [];
  let scans = 0;
  for (const o of r.operations) {
    if (!o.functionId) {
      opRows.push([o.label, `\`${o.routeKey}\``, '—', 'route not in the template', '', '', '', '']);
      continue;
    }
    const business = o.calls.filter((c) => !c.idempotency);
    const idem = o.calls.filter((c) => c.idempotency);
    const steps = sequentialSteps(business);
    const opScans = o.calls.filter((c) => c.operation === 'Scan').length;
    scans += opScans;
    const ok = steps <= MAX_STEPS && opScans === 0;
    if (!ok) stepMisses.push(`${o.label} (${steps} steps)`);
    opRows.push([
      o.label,
      `\`${o.routeKey}\``,
      `${o.status}${o.expected ? '' : ' (unexpected)'}`,
      stepChain(business) || '—',
      steps,
      idem.length ? stepChain(idem) : '—',
      opScans,
      verdict(ok),
    ]);
  }
  out.push(
    mdTable(
      [
        'Operation',
        'Route',
        'HTTP',
        'DynamoDB calls (→ sequential, + parallel)',
        'Seq. steps',
        'Idempotency calls',
        'Scan',
        `≤ ${MAX_STEPS} steps, no Scan`,
      ],
      opRows,
    ),
    '',
  );
  const driven = new Set(r.operations.map((o) => o.routeKey));
  const notDriven = r.routes
    .filter((x) => !driven.has(`${x.method} ${x.path}`))
    .map((x) => `\`${x.method} ${x.path}\``);
  if (notDriven.length) out.push(`Routes not driven by the journeys: ${notDriven.join(', ')}.`, '');
  const byFunction = new Map<string, DdbCall[]>();
  const apiFunctions = new Set(r.routes.map((x) => x.functionId));
  for (const c of r.journeyCalls) {
    if (apiFunctions.has(c.functionId)) continue;
    byFunction.set(c.functionId, [...(byFunction.get(c.functionId) ?? []), c]);
  }
  if (byFunction.size) {
    out.push(
      `Background functions during the journeys (stream, workflow, schedule), all calls: ${[...byFunction]
        .map(([id, calls]) => `${id.replace(/Function[0-9A-F]{8}$/, '')}: ${summarize(calls)}`)
        .join('; ')}.`,
      '',
    );
  }
  const allScans = r.allCalls.filter((c) => c.operation === 'Scan');
  out.push(
    `Scan over the whole run (journeys, latency, every function): ${allScans.length}${allScans.length ? ` (${[...new Set(allScans.map((c) => c.functionId))].join(', ')})` : ''}.`,
    '',
  );

  // 4
  out.push('### 4. Warm latency on the local stack', '');
  const floor = r.latencies[0];
  out.push(
    `Client-side wall time of ${N} sequential requests per endpoint after ${WARMUP + 1} warm-up requests, through the local HTTP API (route match, JWT check, payload 2.0 event, worker-thread sandbox). p99 of ${N} samples is the slowest one (nearest rank). **Floor used for the ratio: the minimal handler served through the same local HTTP API and worker sandbox** (first row). Also shown: GET /health (no DynamoDB call) and the minimal handler invoked in-process warm (no HTTP, no worker hop: p50 ${ms(percentile(r.inProcessWarm, 50))} ms, p99 ${ms(percentile(r.inProcessWarm, 99))} ms). Every DynamoDB call here goes through the counting proxy: a GetItem takes ${ms(r.overhead.proxied)} ms through it vs ${ms(r.overhead.direct)} ms direct (medians).`,
    '',
  );
  out.push(
    mdTable(
      ['Endpoint', 'p50 ms', 'p99 ms', 'mean ms', 'p50 × floor', 'HTTP'],
      [
        ...r.latencies.map((l) => [
          l.label,
          ms(l.p50),
          ms(l.p99),
          ms(l.mean),
          ratio(l.p50 / (floor?.p50 ?? Number.NaN)),
          l.statuses,
        ]),
        [
          'minimal handler in-process (no HTTP)',
          ms(percentile(r.inProcessWarm, 50)),
          ms(percentile(r.inProcessWarm, 99)),
          ms(r.inProcessWarm.reduce((a, b) => a + b, 0) / Math.max(1, r.inProcessWarm.length)),
          ratio(percentile(r.inProcessWarm, 50) / (floor?.p50 ?? Number.NaN)),
          '404 (in-process)',
        ],
      ],
    ),
    '',
  );

  // Summary
  const n = r.functions.length;
  const measuredOps = r.operations.filter((o) => o.functionId).length;
  out.push('### Targets', '');
  out.push(
    mdTable(
      ['Target', 'Result', 'Verdict'],
      [
        [
          `Bundle ≤ ${TARGET_RATIO}× minimal (${kb(r.minimal.bytes * TARGET_RATIO)} KB)`,
          `${n - misses.size.length} of ${n} functions`,
          verdict(misses.size.length === 0),
        ],
        [
          `Cold start ≤ ${TARGET_RATIO}× minimal (${ms(minimalTotal * TARGET_RATIO)} ms)`,
          `${n - misses.cold.length} of ${n} functions`,
          verdict(misses.cold.length === 0),
        ],
        [
          `≤ ${MAX_STEPS} sequential DynamoDB round trips per operation`,
          `${measuredOps - stepMisses.length} of ${measuredOps} operations`,
          verdict(stepMisses.length === 0),
        ],
        ['No Scan', `${allScans.length} Scan requests`, verdict(allScans.length === 0 && scans === 0)],
      ],
    ),
    '',
  );
  if (misses.size.length) out.push(`Bundle misses: ${misses.size.join(', ')}.`, '');
  if (misses.cold.length) out.push(`Cold-start misses: ${misses.cold.join(', ')}.`, '');
  if (stepMisses.length) out.push(`Round-trip misses: ${stepMisses.join('; ')}.`, '');
  return `${out.join('\n')}\n`;
}

/** "GetItem + Query → TransactWriteItems": steps in order, parallel requests within a step. */
function stepChain(calls: readonly DdbCall[]): string {
  return stepsOf(calls)
    .map((step) => step.map((c) => c.operation).join(' + '))
    .join(' → ');
}

/** The commit the benchmark ran on, and whether the working tree had changes. */
function gitDescribe(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: projectDir, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

/** "GetItem, Query×2" in first-seen order. */
function summarize(calls: readonly DdbCall[]): string {
  const counts = new Map<string, number>();
  for (const c of [...calls].sort((a, b) => a.start - b.start))
    counts.set(c.operation, (counts.get(c.operation) ?? 0) + 1);
  return [...counts].map(([op, k]) => (k > 1 ? `${op}×${k}` : op)).join(', ');
}

// Last, so that every module-level helper above is initialized before main() runs.
try {
  await main();
} catch (error) {
  progress(`failed: ${(error as Error).stack ?? error}`);
  if (stackLog.length) process.stderr.write(`local stack log:\n${stackLog.slice(-40).join('\n')}\n`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
