// One Lambda execution environment: a worker thread with the function's own environment variables,
// which imports the function's bundle once (the cold start) and then serves one invocation at a time.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { bundleFile, handlerExport, functionName, memoryMb } = workerData;
const module = await import(pathToFileURL(bundleFile).href);
const handler = module[handlerExport];
if (typeof handler !== 'function') throw new Error(`${bundleFile} does not export ${handlerExport}`);

parentPort.on('message', async ({ requestId, event, deadline }) => {
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    // Lambda returns JSON: what cannot be serialized does not reach the caller.
    parentPort.postMessage({ requestId, ok: true, result: JSON.stringify(result ?? null) });
  } catch (error) {
    parentPort.postMessage({
      requestId,
      ok: false,
      error: { errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) },
    });
  }
});
parentPort.postMessage({ ready: true });
