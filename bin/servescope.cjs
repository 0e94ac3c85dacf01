#!/usr/bin/env node
// Starts the CLI bundle (out/cli.cjs, built by `npm run build`) with V8's
// compiled code kept on disk between runs. A fresh process otherwise spends
// ~55 ms compiling the 1.6 MB bundle and more compiling each function on its
// first call; with the cache, `servescope check` on a 2,000-line document
// starts ~60-80 ms sooner (bench/check-speed.ts, BENCHMARKS.md).
// Node >= 22.1 does this itself (node:module enableCompileCache). On older
// Node the bundle is compiled through node:vm with a cache file in the temp
// directory, written at exit once the functions the run needed are compiled,
// as v8-compile-cache does. Any failure to read or write the cache only costs
// the speed-up; a cache V8 rejects (other Node version, rebuilt bundle) is
// replaced.
'use strict';
const Module = require('node:module');
const bundle = require('node:path').join(__dirname, '..', 'out', 'cli.cjs');

if (typeof Module.enableCompileCache === 'function') {
  Module.enableCompileCache();
  require(bundle);
} else {
  runWithCodeCache(bundle);
}

function runWithCodeCache(file) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(file);
  let cached;
  try {
    if (cacheFile) cached = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet: compile from source and write one at exit.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached });
  if (cacheFile && (!cached || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        const partial = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(partial, script.createCachedData());
        fs.renameSync(partial, cacheFile); // atomic: concurrent runs never read half a file
      } catch {
        // A read-only temp directory only costs the speed-up.
      }
    });
  }
  // Run as Node's CommonJS loader would.
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
}

/**
 * The cache file for this bundle and Node, or undefined when there is no safe place for it.
 * Compiled code is executable: it lives in a directory only this user can write, never in
 * one someone else created (the temp directory itself is usually world-writable).
 */
function codeCacheFile(file) {
  const fs = require('node:fs');
  const path = require('node:path');
  try {
    const { mtimeMs, size } = fs.statSync(file);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const dir = path.join(require('node:os').tmpdir(), `servescope-v8cache-${uid ?? 'user'}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owner = fs.statSync(dir);
    if (uid !== undefined && (owner.uid !== uid || (owner.mode & 0o022) !== 0)) return undefined;
    return path.join(dir, `cli-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.bin`);
  } catch {
    return undefined;
  }
}
