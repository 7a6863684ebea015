import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The web app's static assets: the stylesheet, the browser scripts (progressive enhancement; each page
 * loads only its own), Leaflet for the map step and Redoc for the API's docs page. Built at synth time into the asset that
 * `cdk deploy` uploads to the site bucket under `/assets/<version>/`, and that the local stack serves;
 * the version is a hash of the sources, so a page always links the assets it was written for.
 */
export const SITE_SOURCES = resolve(import.meta.dirname);

const require = createRequire(import.meta.url);
const leafletDist = dirname(require.resolve('leaflet/dist/leaflet.js'));
/** The API's docs page (functions/docs) loads Redoc from here rather than from its own function. */
const redocBundle = require.resolve('redoc/bundles/redoc.standalone.js');

/**
 * The browser scripts: each top-level file of site/client is an entry, bundled on its own and named
 * after it (`report.ts` → `report.js`); a page lists the entries it loads. Shared code is in
 * site/client/lib.
 */
const CLIENT = join(SITE_SOURCES, 'client');
const entries = () =>
  readdirSync(CLIENT)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -'.ts'.length));

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A hash of everything the assets are built from: the sources here, Leaflet's files and Redoc's. */
export function assetsVersion(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(SITE_SOURCES), ...filesUnder(leafletDist), redocBundle]) {
    hash.update(relative(SITE_SOURCES, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Writes the assets into `outDir` (synchronously: CDK's local bundling hook is synchronous). */
export function buildSiteAssets(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: entries().map((name) => ({ in: join(CLIENT, `${name}.ts`), out: name })),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome109', 'firefox115', 'safari15.6'],
    outdir: outDir,
    logLevel: 'error',
  });
  buildSync({
    entryPoints: [join(SITE_SOURCES, 'styles', 'site.css')],
    bundle: true,
    minify: true,
    outfile: join(outDir, 'site.css'),
    logLevel: 'error',
  });
  mkdirSync(join(outDir, 'leaflet'), { recursive: true });
  cpSync(join(leafletDist, 'leaflet.css'), join(outDir, 'leaflet', 'leaflet.css'));
  cpSync(join(leafletDist, 'images'), join(outDir, 'leaflet', 'images'), { recursive: true });
  mkdirSync(join(outDir, 'redoc'), { recursive: true });
  cpSync(redocBundle, join(outDir, 'redoc', 'redoc.standalone.js'));
}
