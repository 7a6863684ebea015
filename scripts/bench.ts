#!/usr/bin/env node
/**
 * `npm run bench`: one run that measures the app as `cdk synth` bundles it and writes the report to
 * docs/performance.md (BENCH_REPORT overrides the path); the verdict list also goes to stdout, progress to
 * stderr. Sections:
 *   1. each function's bundle size and cold start (fresh Node process: import + first invocation)
 *      against a minimal one-GetItem handler bundled the same way;
 *   2. DynamoDB round trips per API operation (counted by a proxy in front of DynamoDB Local);
 *   3. the cold-start share of a reference day, per route vs per feature (a pure simulation);
 *   4. warm p50/p99 latency of the main endpoints on the local stack, with the minimal handler as floor;
 *   5. the knowledge search at the function level (scripts/bench/search.ts, also runnable alone);
 *   6. the web pages: the JavaScript and CSS each page loads in Chromium, gzipped, against the issues'
 *      budgets, and Lighthouse (mobile) on the citizen pages (scripts/bench/web.ts).
 * `npm run bench -- --only web` runs section 6 alone (its own stack on the same ports) and replaces only
 * its section of the report.
 * It starts its own local stack on its own ports (API 3300, SES 8305, DynamoDB 8301, Step Functions 8383;
 * override with BENCH_API_PORT, BENCH_SES_PORT, BENCH_DYNAMODB_PORT, BENCH_SFN_PORT) and a temporary
 * state folder. BENCH_COLD_RUNS (9) and BENCH_N (50) set the sample sizes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { featureApis } from '../functions/routes.ts';
import { routeKey } from '../functions/shared/route.ts';
import { localVerifier, signLocalToken, withLocalJwks } from '../lib/local/auth.ts';
import { type LocalCloud, paths, startLocalCloud } from '../lib/local/cloud.ts';
import { LOCAL_CREDENTIALS } from '../lib/local/dynamodb.ts';
import { LocalHttpApi } from '../lib/local/http-api.ts';
import { LambdaRuntime } from '../lib/local/lambda-runtime.ts';
import { withLocalSecrets } from '../lib/local/secrets.ts';
import { LOCAL_REGION, type LocalRoute, loadTemplate, TemplateReader } from '../lib/local/template.ts';
import { LOCAL_TRANSLATE_PATH } from '../lib/local/translate.ts';
import { call } from './bench/api.ts';
import { bundleAllHandlers, bundleEntry } from './bench/bundles.ts';
import {
  coldShareSection,
  type Features,
  mostCalledRoutes,
  referenceRun,
} from './bench/cold-share-report.ts';
import { type ColdTarget, coldRun, coldStarts, median } from './bench/cold-start.ts';
import { DdbProxy, tagLambdaWorkers } from './bench/ddb-proxy.ts';
import {
  apiEvent,
  claimsFor,
  outboxStreamEvent,
  practiceStreamEvent,
  scheduledEvent,
  workflowEvent,
} from './bench/events.ts';
import { type BenchFunction, describeFunctions, routeKeyOf } from './bench/functions.ts';
import { applicationForm, civicRequest, type JourneyIds, runJourneys, sampleBody } from './bench/journeys.ts';
import { type Endpoint, type Latency, measure, OPEN311_ID_LIST } from './bench/latency.ts';
import { mdTable, verdict, withSection } from './bench/markdown.ts';
import { report } from './bench/report.ts';
import { searchSection } from './bench/search.ts';
import { webSection } from './bench/web.ts';
import { openSite } from './bench/web-site.ts';

const projectDir = resolve(import.meta.dirname, '..');
const REPORT_FILE = resolve(process.env.BENCH_REPORT ?? join(projectDir, 'docs', 'performance.md'));
const PORTS = {
  api: Number(process.env.BENCH_API_PORT ?? 3300),
  site: Number(process.env.BENCH_SITE_PORT ?? 8380),
  ses: Number(process.env.BENCH_SES_PORT ?? 8305),
  dynamo: Number(process.env.BENCH_DYNAMODB_PORT ?? 8301),
  sfn: Number(process.env.BENCH_SFN_PORT ?? 8383),
  s3: Number(process.env.BENCH_S3_PORT ?? 8369),
};
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
/** DynamoDB answers are held this long while round trips are counted (see DdbProxy.holdMs). */
const ROUND_TRIP_HOLD_MS = 100;
const N = Number(process.env.BENCH_N ?? 50);
const WARMUP = 5;
/** The whole run must end well within this; past it the benchmark gives up. */
const HARD_LIMIT_MS = 15 * 60_000;
const SECTIONS = ['web'] as const;
const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
if (args.only !== undefined && !(SECTIONS as readonly string[]).includes(args.only)) {
  process.stderr.write(`--only takes one of: ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const SECRETARIAT = 'secretariat@wego.example';

const startedAt = Date.now();
const startDate = new Date(startedAt);
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
  const features: Features = Object.fromEntries(
    Object.entries(featureApis).map(([feature, routes]) => [feature, routes.map(routeKey)]),
  );
  // The reference day is pure and quick: it also picks each feature function's first event below.
  const day = referenceRun(features);
  const coldShare = coldShareSection(day, features);
  const mostCalled = mostCalledRoutes(day, features);

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
      s3Port: PORTS.s3,
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

  const rawTemplate = loadTemplate(p.cdkOut);
  const template = new TemplateReader(rawTemplate, p.cdkOut);
  const routes = template.routes();
  // The app's functions are ESM bundles; CDK's own deployment-time ones (the site bucket's auto-delete
  // provider, the bucket deployment in Python) run only while CloudFormation deploys, and are left out.
  const appFunctions = template.functions().filter((f) => existsSync(f.bundleFile));
  const functions = describeFunctions(
    rawTemplate,
    template,
    withLocalJwks(withLocalSecrets(appFunctions, p.secrets), cloud.apiUrl),
    routes,
    features,
  );
  const tableName = template.tables()[0]?.name ?? '';
  const jwt = routes.find((r) => r.jwt)?.jwt;
  if (!jwt) throw new Error('the template has no JWT route');
  const issuer = { issuer: jwt.issuer, audience: jwt.audience[0] ?? '' };
  const token = (role: string, email: string) => signLocalToken(p.keyFile, issuer, { email, groups: [role] });
  const minimalBundle = join(minimalDir, 'index.mjs');

  // --- 2. DynamoDB round trips per operation ---------------------------------------------------------
  progress('driving the journeys (DynamoDB round trips per operation)');
  proxy.holdMs = ROUND_TRIP_HOLD_MS;
  const { operations, ids } = await runJourneys({
    apiUrl: cloud.apiUrl,
    inboxUrl: cloud.inboxUrl,
    dynamoEndpoint: cloud.dynamoEndpoint,
    tableName,
    routes,
    proxy,
    token,
    log: (line) => progress(`  ${line}`),
  });
  const journeyCalls = [...proxy.calls];
  proxy.holdMs = 0;

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
        AWS_ENDPOINT_URL_DYNAMODB: proxy.endpointFor('BenchMinimalInProcess'),
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

  // --- 1. Cold starts --------------------------------------------------------------------------------
  // The creating POSTs above woke the outbox consumer: let it finish so the machine is quiet.
  await quiet(proxy);
  const firstEvents = new Map<string, string>();
  const coldTargets: ColdTarget[] = [
    {
      id: 'minimal',
      bundleFile: minimalBundle,
      handlerExport: 'handler',
      env: { ...childEnv(cloud, stateDir, 'BenchMinimal'), TABLE_NAME: tableName },
      event: apiEvent({ method: 'GET', routePath: '/minimal/{id}', params: { id: 'missing' } }),
    },
    ...functions.map((f) => {
      const { label, event } = firstEventOf(f, mostCalled, ids);
      firstEvents.set(f.fn.id, label);
      return {
        id: f.fn.id,
        bundleFile: f.fn.bundleFile,
        handlerExport: f.fn.handlerExport,
        env: { ...childEnv(cloud, stateDir, f.fn.id), ...f.fn.environment },
        event,
      };
    }),
  ];
  progress(`cold starts: ${coldTargets.length} bundles x ${COLD_RUNS} fresh processes`);
  const cold = await coldStarts(coldTargets, COLD_RUNS, join(stateDir, 'cold'), (done, total) => {
    if (done % 25 === 0 || done === total) progress(`  ${done}/${total}`);
  });

  // --- Report ----------------------------------------------------------------------------------------
  const allCalls = [...proxy.calls];
  await floorApi.stop();
  const { markdown, verdicts } = report({
    date: startDate,
    durationS: (Date.now() - startedAt) / 1000,
    commit: gitDescribe(),
    functions,
    routes,
    minimal,
    metafiles,
    cold,
    firstEvents,
    coldRuns: COLD_RUNS,
    roundTripHoldMs: ROUND_TRIP_HOLD_MS,
    operations,
    journeyCalls,
    allCalls,
    latencies,
    latencyRuns: { n: N, warmup: WARMUP },
    inProcessWarm,
    overhead,
    coldShare,
  });
  progress('knowledge search: 5,000 practices in 6 languages, function level');
  const search = await searchSection();
  verdicts.push(...search.verdicts);
  await openSite({
    running: { siteUrl: cloud.siteUrl, inboxUrl: cloud.inboxUrl, stateDir },
    log: progress,
  });
  const web = await webSection({ siteUrl: cloud.siteUrl, log: progress });
  verdicts.push(...web.verdicts);
  writeFileSync(REPORT_FILE, `${markdown.trimEnd()}\n\n${search.markdown.trimEnd()}\n\n${web.markdown}`);
  progress(`done; report written to ${REPORT_FILE}`);
  process.stdout.write(
    `${mdTable(
      ['Target', 'Result', 'Verdict'],
      verdicts.map((v) => [v.target, v.result, verdict(v.ok)]),
    )}\n\nFull report: ${REPORT_FILE}\n`,
  );
}

/** `--only web`: the web section on a stack of its own, written in place of the report's web section. */
async function webOnly() {
  const site = await openSite({ ports: PORTS, log: progress });
  cleanups.push(() => site.stop());
  const { markdown, verdicts } = await webSection({ siteUrl: site.siteUrl, log: progress }).catch(
    (error: Error) => {
      stackLog.push(site.logTail());
      throw error;
    },
  );
  writeFileSync(
    REPORT_FILE,
    withSection(existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '', markdown),
  );
  progress(`done; web section written to ${REPORT_FILE}`);
  process.stdout.write(
    `${mdTable(
      ['Target', 'Result', 'Verdict'],
      verdicts.map((v) => [v.target, v.result, verdict(v.ok)]),
    )}\n\nFull report: ${REPORT_FILE}\n`,
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
    AWS_ENDPOINT_URL_S3: cloud.s3Endpoint,
    AWS_ENDPOINT_URL_TRANSLATE: `${cloud.apiUrl}${LOCAL_TRANSLATE_PATH}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  };
}

/**
 * The first event of a function's cold start. A feature's function: its most called route on the
 * reference day; GET routes read ids the journeys created, other routes get a valid body with ids that
 * do not exist (a read, then 404/409). Event functions: see outboxStreamEvent, workflowEvent, a tick.
 */
function firstEventOf(
  f: BenchFunction,
  mostCalled: ReadonlyMap<string, string>,
  ids: JourneyIds,
): { label: string; event: unknown } {
  switch (f.trigger) {
    case 'DynamoDB stream':
      return f.name === 'KnowledgeIndexer'
        ? { label: 'a changed publication, missing practice', event: practiceStreamEvent() }
        : { label: 'an outbox email', event: outboxStreamEvent() };
    case 'Step Functions tasks':
      return { label: 'close-vote, unknown approval', event: workflowEvent() };
    case 'EventBridge schedule':
      return { label: 'a tick', event: scheduledEvent() };
    case 'other':
      return { label: '{}', event: {} };
  }
  const wanted = f.feature && mostCalled.get(f.feature);
  const route = f.routes.find((r) => routeKeyOf(r) === wanted) ?? (f.routes[0] as LocalRoute);
  return { label: `\`${routeKeyOf(route)}\``, event: routeEvent(route, ids) };
}

function routeEvent(route: LocalRoute, ids: JourneyIds) {
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
  return apiEvent({
    method: route.method,
    routePath: route.path,
    params,
    ...(officialRoute ? { query: { status: 'assigned' } } : {}),
    ...body,
    ...(claims ? { claims } : {}),
  });
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
  if (ids.cityId && ids.manyRequestIds) {
    endpoints.push({
      ...get(
        OPEN311_ID_LIST,
        `/open311/v2/${ids.cityId}/requests.json?service_request_id=${ids.manyRequestIds.join(',')}`,
      ),
      runs: Math.min(N, 20),
    });
  }
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
    results.push(await measure(e, e.runs ?? N, WARMUP, deadline));
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
  const proxied = await time(proxy.endpointFor('BenchOverhead'), 'local');
  return { direct, proxied };
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

// Last, so that every module-level helper above is initialized before main() runs.
try {
  await (args.only === 'web' ? webOnly() : main());
} catch (error) {
  progress(`failed: ${(error as Error).stack ?? error}`);
  if (stackLog.length) process.stderr.write(`local stack log:\n${stackLog.slice(-40).join('\n')}\n`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
