import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../lib/local/wait.ts';
import { freePort } from '../support/free-port.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'dynamo-until-sigint.ts');

describe('DynamoDB Local under npm start', () => {
  it('outlives a Ctrl-C to the terminal process group until the local cloud stops it', async () => {
    const port = await freePort();
    // A process group of its own, as a shell gives a foreground job; Ctrl-C signals the whole group.
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, String(port)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const exited = once(child, 'exit');
    try {
      await waitFor('DynamoDB Local to start', 60_000, async () => {
        if (!lines.includes('ready')) throw new Error(`not yet: ${lines.join(', ')}`);
      });
      process.kill(-(child.pid as number), 'SIGINT');
      await exited;
      expect(lines).toEqual(['ready', 'answers after SIGINT', 'stopped']);
      // Stopped for good: nothing of it is left on the port.
      await expect(fetch(`http://127.0.0.1:${port}`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    }
  }, 90_000);
});
