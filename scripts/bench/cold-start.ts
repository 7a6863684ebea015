import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ColdRun {
  readonly importMs: number;
  readonly firstInvokeMs: number;
  readonly totalMs: number;
  readonly outcome: string;
  readonly warm: readonly number[];
  readonly error?: string;
}

export interface ColdTarget {
  /** Function id (or 'minimal'). */
  readonly id: string;
  readonly bundleFile: string;
  readonly handlerExport: string;
  /** The whole environment of the child: nothing is inherited from the benchmark process. */
  readonly env: Record<string, string>;
  readonly event: unknown;
}

const CHILD = new URL('./cold-child.mjs', import.meta.url).pathname;

/** One fresh Node process that imports the bundle and serves one invocation (then `warm` more). */
export async function coldRun(
  target: ColdTarget,
  workDir: string,
  warm = 0,
  timeoutMs = 30_000,
): Promise<ColdRun> {
  mkdirSync(workDir, { recursive: true });
  const eventFile = join(workDir, `${target.id}.event.json`);
  writeFileSync(eventFile, JSON.stringify(target.event));
  const child = spawn(
    process.execPath,
    [CHILD, target.bundleFile, target.handlerExport, eventFile, String(warm)],
    { env: target.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = out
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('@@BENCH '));
  if (!line) {
    return {
      importMs: Number.NaN,
      firstInvokeMs: Number.NaN,
      totalMs: Number.NaN,
      outcome: 'no report',
      warm: [],
      error: `exit ${code}: ${err.slice(-300) || out.slice(-300)}`,
    };
  }
  const data = JSON.parse(line.slice('@@BENCH '.length)) as Partial<ColdRun>;
  return {
    importMs: data.importMs ?? Number.NaN,
    firstInvokeMs: data.firstInvokeMs ?? Number.NaN,
    totalMs: data.totalMs ?? Number.NaN,
    outcome: data.outcome ?? 'error',
    warm: data.warm ?? [],
    ...(data.error ? { error: data.error } : {}),
  };
}

export const median = (xs: readonly number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Nearest-rank percentile (p99 of 50 samples is the slowest one). */
export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
};

/**
 * Median cold start of every target over `runs` rounds. Rounds go across all targets in turn (target
 * 1..n, then again), so drift on a shared machine spreads evenly instead of hitting one bundle.
 */
export async function coldStarts(
  targets: readonly ColdTarget[],
  runs: number,
  workDir: string,
  onProgress: (done: number, total: number) => void,
): Promise<Map<string, ColdRun[]>> {
  const results = new Map<string, ColdRun[]>(targets.map((t) => [t.id, []]));
  let done = 0;
  for (let r = 0; r < runs; r++) {
    for (const t of targets) {
      results.get(t.id)?.push(await coldRun(t, workDir));
      onProgress(++done, runs * targets.length);
    }
  }
  return results;
}
