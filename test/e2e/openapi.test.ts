import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { apiUrl, call } from './support.ts';

describe('the API documentation', () => {
  it('serves the OpenAPI document at GET /openapi.json with every route of the catalogue', async () => {
    const res = await call('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.openapi).toMatch(/^3\.1\./);
    const missing = routes.filter((r) => !res.body.paths[r.path]?.[r.method.toLowerCase()]);
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('serves the docs page at GET /docs, loading only what this API serves', async () => {
    const res = await call('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.text).toContain('<script src="docs/redoc.js"></script>');
    expect(res.text).toContain('spec-url="openapi.json"');
  });

  it("serves Redoc's standalone bundle from the function's own bundle, gzipped when asked", async () => {
    const redoc = readFileSync(
      createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'),
      'utf8',
    );

    // fetch asks for gzip and unpacks it.
    const gzipped = await call('/docs/redoc.js');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.text).toBe(redoc);

    const plain = await fetch(`${apiUrl()}/docs/redoc.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(redoc);
  });
});
