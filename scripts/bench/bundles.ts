import { createHash } from 'node:crypto';
import { globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';

/**
 * The esbuild options of lib/constructs/wego-function.ts, as aws-lambda-nodejs passes them to esbuild
 * (--bundle --platform=node --target --format --minify --keep-names --banner --main-fields, no
 * --external since externalModules is []; no source map).
 */
export const WEGO_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  keepNames: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  external: [],
  banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
} satisfies BuildOptions;

export interface BuiltEntry {
  /** Path of the entry, relative to the project. */
  readonly entry: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly metafile: Metafile;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
export const fileSha256 = (file: string) => sha256(readFileSync(file));

/** Bundles one entry exactly like a WegoFunction; writes index.mjs to outDir when given. */
export async function bundleEntry(projectDir: string, entry: string, outDir?: string): Promise<BuiltEntry> {
  const result = await build({
    ...WEGO_ESBUILD_OPTIONS,
    absWorkingDir: projectDir,
    entryPoints: [join(projectDir, entry)],
    outfile: join(outDir ?? join(projectDir, '.bench-out'), 'index.mjs'),
    write: false,
    metafile: true,
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild wrote nothing for ${entry}`);
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'index.mjs'), out.contents);
  }
  return { entry, bytes: out.contents.byteLength, sha256: sha256(out.contents), metafile: result.metafile };
}

/**
 * Every Lambda entry of the app, bundled for its metafile: the modules under functions/ that export a
 * `handler` (each feature's api.ts and the event functions). Synthesized bundles are matched to these by
 * their bytes, so no list of entries is kept here.
 */
export async function bundleAllHandlers(projectDir: string): Promise<BuiltEntry[]> {
  const entries = globSync('functions/**/*.ts', { cwd: projectDir })
    .filter((f) =>
      /^export (const|async function|function) handler\b/m.test(readFileSync(join(projectDir, f), 'utf8')),
    )
    .sort();
  const built: BuiltEntry[] = [];
  // Two at a time: esbuild is already multi-threaded and this machine has two cores.
  for (let i = 0; i < entries.length; i += 2) {
    built.push(...(await Promise.all(entries.slice(i, i + 2).map((e) => bundleEntry(projectDir, e)))));
  }
  return built;
}

/** Bytes in the output per package (node_modules/<pkg> or @scope/pkg), app code under its folder. */
export function bytesByPackage(metafile: Metafile): Map<string, number> {
  const output = Object.values(metafile.outputs)[0];
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    totals.set(packageOf(input), (totals.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return totals;
}

function packageOf(input: string): string {
  const i = input.lastIndexOf('node_modules/');
  if (i >= 0) {
    const parts = input.slice(i + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
  }
  const rel = input;
  if (rel.startsWith('functions/')) return `(app) ${rel.split('/').slice(0, 2).join('/')}`;
  return `(other) ${rel}`;
}

/** Groups packages into families (@aws-sdk/*, @smithy/*, ...) for a short summary. */
export function familyOf(pkg: string): string {
  if (pkg.startsWith('(app)')) return 'app code (functions/)';
  if (pkg.startsWith('@aws-sdk/client-dynamodb') || pkg === '@aws-sdk/lib-dynamodb') return pkg;
  if (pkg.startsWith('@aws-sdk/client-')) return pkg;
  if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@aws-crypto/')) return '@aws-sdk/* core (+@aws-crypto)';
  if (pkg.startsWith('@smithy/')) return '@smithy/*';
  if (pkg.startsWith('@aws-lambda-powertools/')) return pkg;
  if (pkg.startsWith('@middy/')) return '@middy/*';
  return pkg;
}
