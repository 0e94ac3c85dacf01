// Runs a TypeScript script (bench/, tools/) on Node 20: bundles it with
// esbuild into a temporary ESM file and imports it. Usage:
//   node scripts/run-ts.mjs bench/accuracy.ts [args...]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rawPlugin } from './esbuild-raw.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
// Inside node_modules so that the bundle's bare imports (external packages) resolve.
const cacheDir = resolve('node_modules', '.cache');
if (existsSync(resolve('node_modules'))) mkdirSync(cacheDir, { recursive: true });
const dir = mkdtempSync(join(existsSync(cacheDir) ? cacheDir : tmpdir(), 'servescope-run-'));
const outfile = join(dir, 'script.mjs');
await esbuild.build({
  entryPoints: [resolve(entry)], outfile, bundle: true, platform: 'node', target: 'node20',
  format: 'esm', packages: 'external', sourcemap: 'inline', logLevel: 'error',
  // Keep import.meta.url meaning the source file, as under vitest.
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(resolve(entry)).href) },
  plugins: [rawPlugin],
});
process.argv = [process.argv[0], resolve(entry), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
