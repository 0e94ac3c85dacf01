#!/usr/bin/env node
// The @vscode/test-electron suite: downloads VS Code (needs access to
// update.code.visualstudio.com, which CI here lacks; the e2e suite on
// code-server covers the same scenarios there), starts it with this folder as
// the extension under development on a copy of examples/, and runs suite.ts
// inside its extension host.  `npm run test:vscode`
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const repo = resolve(new URL('../..', import.meta.url).pathname);
const suite = join(repo, 'out', 'vscode-electron', 'suite.cjs');
await esbuild.build({
  entryPoints: [join(repo, 'test', 'vscode-electron', 'suite.ts')],
  outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  external: ['vscode'], logLevel: 'warning', sourcemap: true,
});

const workspace = mkdtempSync(join(tmpdir(), 'servescope-electron-'));
cpSync(join(repo, 'examples'), workspace, { recursive: true });
const t0 = Date.now();
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repo,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log(`test-electron suite passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`test-electron suite failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
