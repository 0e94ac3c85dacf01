// A throw-away code-server: a fresh user-data and extensions folder with the
// servescope .vsix installed, serving one workspace folder on a free local
// port. Started in its own process group so that stop() ends the server and
// the extension hosts and language servers it spawned, by the server's PID.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Workbench settings for a quiet, deterministic profile. */
export const PROFILE_SETTINGS = {
  'security.workspace.trust.enabled': false, // Restricted Mode would block the extension
  'workbench.startupEditor': 'none',
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'editor.minimap.enabled': false,
  'editor.inlayHints.enabled': 'on',
  // VS Code cuts hints at 43 characters by default ("84.4 tok/s/GP…"); the suite reads them whole.
  'editor.inlayHints.maximumLength': 0,
  'editor.hover.delay': 100,
  'files.autoSave': 'off',
  'git.enabled': false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function installExtension({ node24, codeServer }, { userDataDir, extensionsDir }, vsix) {
  const r = spawnSync(node24, [codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8', timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

async function waitForHttp(url, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it served ${url}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts code-server for `workspace`; returns { url, pid, stop }.
 * Its output goes to `logFile`.
 */
export async function startCodeServer(env, { root, workspace, vsix, settings = {}, logFile }) {
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...PROFILE_SETTINGS, ...settings }, null, 2));
  installExtension(env, { userDataDir, extensionsDir }, vsix);

  const port = await freePort();
  const child = spawn(env.node24, [
    env.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    workspace,
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SERVICE_URL: '', ITEM_URL: '' } });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  let stopped = false;
  const stop = async () => {
    if (stopped || child.exitCode !== null) return;
    stopped = true;
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exited;
    clearTimeout(timer);
    // Extension hosts and language servers live in the same process group.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* all gone */ }
  };
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(`${url}healthz`, child, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid, stop, userDataDir };
}
