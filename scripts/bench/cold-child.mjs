// One cold start, in a fresh Node process: import a bundle, serve one invocation, report the times.
// Usage: node cold-child.mjs <bundle file> <handler export> <event JSON file> [warm invocations]
// With a warm count, it then invokes the handler that many more times in-process and reports each
// duration too (the in-process warm floor). The report is the last stdout line, prefixed with @@BENCH.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [bundleFile, handlerExport, eventFile, warmArg] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench',
  memoryLimitInMB: '512',
  awsRequestId: 'bench-cold-start',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
};

const outcome = (result) => {
  if (result && typeof result === 'object' && 'statusCode' in result) return `HTTP ${result.statusCode}`;
  const failures = result?.batchItemFailures?.length;
  return failures === undefined ? 'returned' : `returned, ${failures} batch item failure(s)`;
};

const report = (data) => {
  process.stdout.write(`\n@@BENCH ${JSON.stringify(data)}\n`);
  process.exit(0);
};

const t0 = performance.now();
let imported;
try {
  const module = await import(pathToFileURL(bundleFile).href);
  imported = performance.now();
  const handler = module[handlerExport];
  if (typeof handler !== 'function') throw new Error(`no export ${handlerExport}`);
  let first;
  try {
    first = outcome(await handler(structuredClone(event), context));
  } catch (error) {
    first = `threw ${error?.name ?? 'Error'}`;
  }
  const invoked = performance.now();
  const warm = [];
  for (let i = 0; i < Number(warmArg ?? 0); i++) {
    const s = performance.now();
    await handler(structuredClone(event), { ...context, awsRequestId: `bench-warm-${i}` });
    warm.push(performance.now() - s);
  }
  report({
    bootMs: t0,
    importMs: imported - t0,
    firstInvokeMs: invoked - imported,
    totalMs: invoked - t0,
    outcome: first,
    warm,
  });
} catch (error) {
  report({ error: `${error?.name ?? 'Error'}: ${error?.message ?? error}`, importMs: (imported ?? t0) - t0 });
}
