#!/usr/bin/env node
// The real-VS-Code suite: packages the extension as a .vsix, installs it into
// a throw-away code-server profile, opens a copy of examples/ and drives the
// workbench in headless Chromium (playwright-core). See docs/testing.md.
//
//   node test/e2e/run.mjs [--json FILE] [--screenshots [DIR]] [--scenario NAME ...] [--all]
//                         [--keep] [--headed] [--timeout SECONDS]
//
// --screenshots saves docs/images/e2e-*.png (or DIR/e2e-*.png); a failing
// scenario always leaves out/test-results/e2e-failed-NAME.png. Exit status 0
// only when every scenario run passed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startCodeServer } from './code-server.mjs';
import { ensureEnvironment } from './environment.mjs';
import { SCRATCH, readerFor, ready, scenarios } from './scenarios.mjs';
import { Workbench } from './workbench.mjs';

const repo = resolve(new URL('../..', import.meta.url).pathname);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (m) => console.log(`[e2e ${elapsed()}] ${m}`);

function parseArgs(argv) {
  const o = { json: undefined, screenshots: undefined, only: [], all: false, keep: false, headed: false, timeoutS: 900 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--json') o.json = value();
    else if (a === '--screenshots') o.screenshots = argv[i + 1] && !argv[i + 1].startsWith('--') ? value() : join(repo, 'docs', 'images');
    else if (a === '--scenario') o.only.push(value());
    else if (a === '--all') o.all = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--headed') o.headed = true;
    else if (a === '--timeout') o.timeoutS = Number(value());
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const options = parseArgs(process.argv.slice(2));
const names = options.only.length > 0 ? options.only : options.all ? Object.keys(scenarios) : ready;
for (const n of names) if (!scenarios[n]) throw new Error(`no scenario ${n} (have ${Object.keys(scenarios).join(', ')})`);

const results = [];
const figures = {};
const cleanups = [];
async function cleanup() {
  while (cleanups.length > 0) {
    try { await cleanups.pop()(); } catch (e) { console.error(`cleanup: ${e}`); }
  }
}

function writeJson(extra = {}) {
  if (!options.json) return;
  const passed = results.filter((r) => r.passed).length;
  mkdirSync(join(options.json, '..'), { recursive: true });
  writeFileSync(options.json, JSON.stringify({
    passed, failed: results.length - passed, loadAverage: loadavg()[0], wallSeconds: (Date.now() - t0) / 1000, figures, scenarios: results, ...extra,
  }, null, 2) + '\n');
}

// Never leave a server behind: on a signal or the overall timeout, stop and exit.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    log(`${sig}: stopping`);
    await cleanup();
    process.exit(130);
  });
}
const watchdog = setTimeout(async () => {
  log(`timed out after ${options.timeoutS} s`);
  results.push({ name: 'timeout', passed: false, error: `suite exceeded ${options.timeoutS} s` });
  writeJson();
  await cleanup();
  process.exit(1);
}, options.timeoutS * 1000);
watchdog.unref();

function packageVsix() {
  const vsix = join(repo, 'out', 'servescope.vsix');
  const build = spawnSync('node', ['esbuild.mjs', '--minify'], { cwd: repo, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const vsce = spawnSync(join(repo, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], { cwd: repo, encoding: 'utf8' });
  if (vsce.status !== 0) throw new Error(`vsce package failed:\n${vsce.stdout}\n${vsce.stderr}`);
  figures.vsixBytes = statSync(vsix).size;
  return vsix;
}

/** A fresh copy of examples/ plus the scratch document, restored before each scenario. */
function prepareWorkspace(workspace) {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  const examples = join(repo, 'examples');
  if (existsSync(examples)) cpSync(examples, workspace, { recursive: true });
  writeFileSync(join(workspace, SCRATCH.name), SCRATCH.text);
}

let exitCode = 1;
try {
  const env = ensureEnvironment(log);
  log('packaging the extension');
  const vsix = packageVsix();
  log(`packaged ${vsix} (${(figures.vsixBytes / 1024).toFixed(0)} KiB)`);

  const root = mkdtempSync(join(tmpdir(), 'servescope-e2e-'));
  if (!options.keep) cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const workspace = join(root, 'examples');
  prepareWorkspace(workspace);
  const logFile = join(repo, 'out', 'test-results', 'e2e-code-server.log');
  mkdirSync(join(logFile, '..'), { recursive: true });

  log('starting code-server');
  const server = await startCodeServer(env, { root, workspace, vsix, logFile });
  cleanups.push(() => { log(`stopping code-server (pid ${server.pid})`); return server.stop(); });

  const browser = await chromium.launch({
    executablePath: env.chromium,
    headless: !options.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const wb = new Workbench(page, { screenshots: options.screenshots });
  log('opening the workbench');
  const openedAt = Date.now();
  await wb.open(server.url, workspace);
  figures.workbenchLoadSeconds = (Date.now() - openedAt) / 1000;
  log(`workbench ready in ${figures.workbenchLoadSeconds.toFixed(1)} s`);

  for (const name of names) {
    prepareWorkspace(workspace);
    const started = Date.now();
    log(`scenario ${name}`);
    try {
      await scenarios[name]({ wb, page, workspace, read: readerFor(workspace), figures, log });
      results.push({ name, passed: true, seconds: (Date.now() - started) / 1000 });
      log(`  passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const shot = join(repo, 'out', 'test-results', `e2e-failed-${name}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      results.push({ name, passed: false, seconds: (Date.now() - started) / 1000, error, screenshot: shot });
      log(`  FAILED: ${error}\n  screenshot: ${shot}`);
      // Leave the workbench usable for the next scenario.
      await wb.reset().catch((err) => log(`  reset after the failure: ${err}`));
    }
  }
  exitCode = results.every((r) => r.passed) ? 0 : 1;
} catch (e) {
  results.push({ name: 'setup', passed: false, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  log(`setup failed: ${e instanceof Error ? e.stack : e}`);
} finally {
  await cleanup();
  figures.wallSeconds = (Date.now() - t0) / 1000;
  writeJson();
  const passed = results.filter((r) => r.passed).length;
  console.log(`e2e: ${passed} passed, ${results.length - passed} failed, wall time ${elapsed()}${figures.activationMs !== undefined ? `, activation ${figures.activationMs} ms` : ''}${figures.diagnosticMs !== undefined ? `, diagnostic ${figures.diagnosticMs} ms (limit ${figures.diagnosticLimitMs} ms)` : ''}${figures.vsixBytes ? `, vsix ${(figures.vsixBytes / 1024).toFixed(0)} KiB` : ''}`);
  process.exit(exitCode);
}
