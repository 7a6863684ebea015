import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { launch, siteUrl } from './browser.ts';
import { apiUrl, call } from './support.ts';

describe('the API documentation', () => {
  it('serves the OpenAPI document at GET /openapi.json with every route of the catalogue', async () => {
    const res = await call('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.openapi).toMatch(/^3\.1\./);
    const missing = routes.filter(
      (r) => !r.page && r.method !== 'ANY' && !res.body.paths[r.path]?.[r.method.toLowerCase()],
    );
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('serves the docs page at GET /docs, with Redoc from the site and the document from this API', async () => {
    const res = await call('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain(
      `script-src 'self' ${new URL(siteUrl()).origin}`,
    );
    expect(res.text).toContain('spec-url="openapi.json"');
    const src = /<script src="([^"]+)"><\/script>/.exec(res.text)?.[1] ?? '';
    expect(src).toMatch(/\/assets\/[0-9a-f]{16}\/redoc\/redoc\.standalone\.js$/);

    // The site serves the very file Redoc publishes, as JavaScript.
    const redoc = readFileSync(
      createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'),
      'utf8',
    );
    const script = await fetch(src);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toBe(redoc);
  });

  it('renders the API in a browser, directly and through the site, blocking only what the policy means to', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const failed: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('response', (r) => r.status() >= 400 && failed.push(new URL(r.url()).pathname));
      for (const base of [apiUrl(), `${siteUrl()}/api`]) {
        await page.goto(`${base}/docs`);
        await page
          .getByRole('heading', { name: 'The services (matters) of a member city', level: 2 })
          .first()
          .waitFor({ timeout: 30_000 });
      }
      // What the policy refuses on purpose: Redoc's few inline style attributes and its remote logo.
      // Anything else (an uncaught error, a blocked script or fetch) fails the test.
      const unexpected = errors.filter(
        (e) =>
          !/^Applying inline style violates/.test(e) &&
          !/^Loading the image 'https:\/\/cdn\.redoc\.ly\//.test(e) &&
          !/^Failed to load resource: the server responded with a status of 404/.test(e),
      );
      expect(unexpected).toEqual([]);
      expect(failed.filter((p) => p !== '/favicon.ico')).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
