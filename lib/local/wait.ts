import { setTimeout as sleep } from 'node:timers/promises';

/** Thrown by a probe when waiting longer cannot help (the process died). */
export class GiveUp extends Error {}

/** Retries `probe` until it resolves or `timeoutMs` passes; the last error explains a failure. */
export async function waitFor(what: string, timeoutMs: number, probe: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      last = error;
    }
    await sleep(200);
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms: ${(last as Error)?.message ?? last}`);
}
