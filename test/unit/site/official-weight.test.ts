import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSiteAssets } from '../../../site/build.ts';

/** The officials' pages load one script of their own; the issue's budget for them is 60 KB gzipped. */
const out = mkdtempSync(join(tmpdir(), 'wego-site-'));
buildSiteAssets(out);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the officials' pages' weight", () => {
  it('keeps their JavaScript within 60 KB gzipped, as built for the site', () => {
    const script = readFileSync(join(out, 'official.js'));
    expect(script.length).toBeGreaterThan(0);
    expect(gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(60 * 1024);
  });
});
