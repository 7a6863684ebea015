import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaRuntime } from '../../../lib/local/lambda-runtime.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wego-runtime-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('local Lambda runtime on stop', () => {
  it('lets an invocation in flight finish before it ends the sandboxes', async () => {
    const bundleFile = join(dir, 'slow.mjs');
    writeFileSync(
      bundleFile,
      'export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return "done"; };',
    );
    const runtime = new LambdaRuntime(
      [
        {
          id: 'Slow',
          bundleFile,
          handlerExport: 'handler',
          environment: {},
          timeoutSeconds: 5,
          memoryMb: 128,
        },
      ],
      {},
      join(dir, 'logs'),
    );
    const invocation = runtime.invoke('Slow', {});
    await new Promise((r) => setTimeout(r, 100));
    await runtime.stop();
    await expect(invocation).resolves.toBe('done');
  });
});
