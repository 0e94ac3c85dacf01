// Bundles servescope: the CLI and the language server (Node, CommonJS), the
// VS Code client (CommonJS, `vscode` external) and the webview (browser IIFE).
// `node esbuild.mjs --watch` rebuilds on change; `--minify` for packaging.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { rawPlugin } from './scripts/esbuild-raw.mjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

// ESM sources use import.meta.url; CommonJS bundles get it from __filename.
const cjsImportMeta = {
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const node = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  sourcemap: !minify, minify, plugins: [rawPlugin], logLevel: 'warning', ...cjsImportMeta,
  outExtension: { '.js': '.cjs' },
};

const targets = [
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'out' },
  { ...node, entryPoints: { server: 'src/server/main.ts' }, outdir: 'out' },
  { ...node, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'out', external: ['vscode'] },
  {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife',
    entryPoints: { webview: 'webview/main.ts' }, outdir: 'out',
    sourcemap: !minify, minify, plugins: [rawPlugin], logLevel: 'warning',
  },
// Parts land one issue at a time; build those whose entry exists.
].filter((t) => Object.values(t.entryPoints).every((p) => existsSync(p)));

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
