import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A counting proxy in front of DynamoDB Local. Every Lambda worker of the local stack is pointed at it
 * (see tagLambdaWorkers) at an endpoint whose path names its function, so each request the bundles send
 * is recorded with: the function that sent it, the operation (X-Amz-Target), its start and end time, and
 * whether it touches the Powertools idempotency records (pk IDEMPOTENCY#...).
 */
export interface DdbCall {
  readonly functionId: string;
  readonly operation: string;
  readonly start: number;
  readonly end: number;
  readonly idempotency: boolean;
}

export class DdbProxy {
  readonly calls: DdbCall[] = [];
  /**
   * How long each answer is held before it is passed on. While counting round trips this is longer than
   * the machine's scheduling jitter, so requests a function sends together overlap and a request sent
   * after an answer starts after it, however busy the machine: the steps then follow the code's order,
   * not its speed. 0 while timing.
   */
  holdMs = 0;
  private server: Server | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly tags = new Map<string, string>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /**
   * The endpoint a function's DynamoDB client is given: the proxy's, with a path that names the function
   * (the SDK sends its requests under the endpoint's path). Not an access key: that would change the
   * credentials every other client of the function signs with (S3, which checks them).
   */
  endpointFor(functionId: string): string {
    const tag = functionId.replace(/[^A-Za-z0-9]/g, '');
    this.tags.set(tag, functionId);
    return `${this.url}/${tag}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  listen(): Promise<void> {
    // A request sent on a new connection (the SDK opens one per request in flight when none is idle)
    // started when the client connected: under load, its headers can arrive after a parallel request
    // has already been answered, which would make two parallel requests look sequential.
    const connectedAt = new WeakMap<Socket, number>();
    this.server = createServer((req, res) => {
      const connected = connectedAt.get(req.socket);
      connectedAt.delete(req.socket);
      const start = connected ?? performance.now();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const target = String(req.headers['x-amz-target'] ?? '');
        const operation = target.split('.').pop() || 'unknown';
        const [, tag = '', path = '/'] = /^\/([A-Za-z0-9]*)(\/.*)?$/.exec(req.url ?? '/') ?? [];
        const functionId = this.tags.get(tag) ?? `(${tag || 'untagged'})`;
        const upstream = httpRequest(
          {
            host: this.target.host,
            port: this.target.port,
            method: req.method,
            // DynamoDB Local serves `/` and checks no signature (which covered the tagged path).
            path,
            headers: req.headers,
            agent: this.agent,
          },
          (up) => {
            const pass = () => {
              res.writeHead(up.statusCode ?? 502, up.headers);
              up.pipe(res);
              up.on('end', () => {
                this.calls.push({
                  functionId,
                  operation,
                  start,
                  end: performance.now(),
                  idempotency: body.includes('IDEMPOTENCY#'),
                });
              });
            };
            // The answer waits in the paused response stream meanwhile.
            if (this.holdMs > 0) setTimeout(pass, this.holdMs);
            else pass();
          },
        );
        upstream.on('error', (error) => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error.message));
        });
        upstream.end(body);
      });
    });
    this.server.on('connection', (socket: Socket) => connectedAt.set(socket, performance.now()));
    const server = this.server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Calls a function made between two instants (performance.now() clock). */
  between(functionId: string, from: number, to: number): DdbCall[] {
    return this.calls.filter((c) => c.functionId === functionId && c.start >= from && c.start <= to);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/**
 * Sequential round trips: calls sorted by start; a call that starts before the running step has
 * answered was in flight with it (sent in parallel) and joins it; otherwise it starts the next step.
 */
export function stepsOf(calls: readonly DdbCall[]): DdbCall[][] {
  const steps: DdbCall[][] = [];
  let stepEnd = Number.NEGATIVE_INFINITY;
  for (const c of [...calls].sort((a, b) => a.start - b.start)) {
    const current = steps.at(-1);
    if (current && c.start < stepEnd) {
      current.push(c);
      stepEnd = Math.max(stepEnd, c.end);
    } else {
      steps.push([c]);
      stepEnd = c.end;
    }
  }
  return steps;
}

export const sequentialSteps = (calls: readonly DdbCall[]): number => stepsOf(calls).length;

/**
 * The local stack runs each function in a worker thread whose environment it builds itself, with
 * AWS_ENDPOINT_URL_DYNAMODB pointing at DynamoDB Local. Without touching lib/local, this wraps
 * node:worker_threads' Worker (for the CommonJS object and, through syncBuiltinESMExports, the ESM
 * binding lib/local/lambda-runtime.ts imports) so that a Lambda sandbox (a worker whose workerData names
 * a functionName) talks to the counting proxy at an endpoint that names its function.
 */
export function tagLambdaWorkers(proxy: DdbProxy): () => void {
  const require = createRequire(import.meta.url);
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const Original = threads.Worker;
  class TaggedWorker extends Original {
    constructor(file: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      const name = (options?.workerData as { functionName?: unknown } | undefined)?.functionName;
      const env = options?.env;
      if (typeof name === 'string' && env && typeof env === 'object') {
        super(file, {
          ...options,
          env: {
            ...(env as Record<string, string>),
            AWS_ENDPOINT_URL_DYNAMODB: proxy.endpointFor(name),
          },
        });
      } else super(file, options);
    }
  }
  threads.Worker = TaggedWorker;
  syncBuiltinESMExports();
  return () => {
    threads.Worker = Original;
    syncBuiltinESMExports();
  };
}
