import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalFunction } from './template.ts';

/** A function error as Lambda reports it (handler threw, timed out, or failed to load). */
export class LambdaError extends Error {
  constructor(
    readonly functionId: string,
    readonly errorType: string,
    message: string,
  ) {
    super(`${functionId}: ${errorType}: ${message}`);
    this.name = 'LambdaError';
  }
}

interface Sandbox {
  worker: Worker;
  busy: boolean;
  ready: Promise<void>;
}

/** Execution environments one function may have at once locally (enough to exercise races). */
const MAX_SANDBOXES = 4;

/**
 * Runs the synthesized functions in-process, each invocation in a worker thread that carries only
 * that function's environment (like a Lambda sandbox). Sandboxes start on first use and are reused;
 * a timed-out one is discarded. Function logs go to <logDir>/<function>.log.
 */
export class LambdaRuntime {
  private readonly sandboxes = new Map<string, Sandbox[]>();
  /** Invocations not settled yet (queued for a sandbox or running), which stop() waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly logs = new Map<string, WriteStream>();
  private readonly functions: Map<string, LocalFunction>;

  constructor(
    functions: readonly LocalFunction[],
    private readonly sharedEnv: Record<string, string>,
    private readonly logDir: string,
  ) {
    this.functions = new Map(functions.map((f) => [f.id, f]));
    mkdirSync(logDir, { recursive: true });
  }

  async invoke(functionId: string, event: unknown): Promise<unknown> {
    const call = this.invokeInSandbox(functionId, event);
    const settled = call.catch(() => undefined);
    this.inFlight.add(settled);
    try {
      return await call;
    } finally {
      this.inFlight.delete(settled);
    }
  }

  private async invokeInSandbox(functionId: string, event: unknown): Promise<unknown> {
    const fn = this.functions.get(functionId);
    if (!fn) throw new Error(`No function ${functionId} in the template`);
    const sandbox = await this.acquire(fn);
    const requestId = randomUUID();
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    try {
      await sandbox.ready;
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          this.discard(fn.id, sandbox);
          reject(
            new LambdaError(fn.id, 'Sandbox.Timedout', `Task timed out after ${fn.timeoutSeconds} seconds`),
          );
        }, deadline - Date.now());
        const onMessage = (m: {
          requestId?: string;
          ok?: boolean;
          result?: string;
          error?: { errorType: string; errorMessage: string };
        }) => {
          if (m.requestId !== requestId) return;
          cleanup();
          if (m.ok) resolve(JSON.parse(m.result ?? 'null'));
          else
            reject(new LambdaError(fn.id, m.error?.errorType ?? 'Error', m.error?.errorMessage ?? 'failed'));
        };
        const onError = (error: Error) => {
          cleanup();
          this.discard(fn.id, sandbox);
          reject(new LambdaError(fn.id, 'Runtime.ExitError', error.message));
        };
        const cleanup = () => {
          clearTimeout(timer);
          sandbox.worker.off('message', onMessage);
          sandbox.worker.off('error', onError);
        };
        sandbox.worker.on('message', onMessage);
        sandbox.worker.on('error', onError);
        sandbox.worker.postMessage({ requestId, event, deadline });
      });
    } finally {
      this.release(fn.id, sandbox);
    }
  }

  private async acquire(fn: LocalFunction): Promise<Sandbox> {
    for (;;) {
      const pool = this.sandboxes.get(fn.id) ?? [];
      this.sandboxes.set(fn.id, pool);
      const idle = pool.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < MAX_SANDBOXES) {
        const sandbox = this.start(fn);
        pool.push(sandbox);
        return sandbox;
      }
      await new Promise<void>((wake) => this.waiting.set(fn.id, [...(this.waiting.get(fn.id) ?? []), wake]));
    }
  }

  private release(functionId: string, sandbox: Sandbox): void {
    sandbox.busy = false;
    const queue = this.waiting.get(functionId);
    queue?.shift()?.();
  }

  private discard(functionId: string, sandbox: Sandbox): void {
    const pool = this.sandboxes.get(functionId) ?? [];
    this.sandboxes.set(
      functionId,
      pool.filter((s) => s !== sandbox),
    );
    void sandbox.worker.terminate();
  }

  private start(fn: LocalFunction): Sandbox {
    const worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url), {
      env: {
        ...this.sharedEnv,
        ...fn.environment,
        AWS_LAMBDA_FUNCTION_NAME: fn.id,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      },
      workerData: {
        bundleFile: fn.bundleFile,
        handlerExport: fn.handlerExport,
        functionName: fn.id,
        memoryMb: fn.memoryMb,
      },
      stdout: true,
      stderr: true,
    });
    const log = this.logFor(fn.id);
    worker.stdout.pipe(log, { end: false });
    worker.stderr.pipe(log, { end: false });
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('error', (error: Error) =>
        reject(new LambdaError(fn.id, 'Runtime.ImportModuleError', error.message)),
      );
    });
    ready.catch(() => this.discard(fn.id, sandbox));
    // An error that escapes a handler kills its sandbox, as on Lambda; never the local cloud.
    worker.on('error', () => this.discard(fn.id, sandbox));
    const sandbox: Sandbox = { worker, busy: true, ready };
    return sandbox;
  }

  private logFor(functionId: string): WriteStream {
    let log = this.logs.get(functionId);
    if (!log) {
      log = createWriteStream(join(this.logDir, `${functionId}.log`), { flags: 'a' });
      this.logs.set(functionId, log);
    }
    return log;
  }

  /**
   * Lets the invocations in flight finish (each within its function's timeout), so no function's
   * writes are cut short, then ends the sandboxes.
   */
  async stop(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    const all = [...this.sandboxes.values()].flat();
    this.sandboxes.clear();
    await Promise.all(all.map((s) => s.worker.terminate()));
    for (const log of this.logs.values()) log.end();
  }
}
