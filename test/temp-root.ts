/**
 * Vitest global setup: every temporary file of a test run (the tests' own
 * mkdtemp directories, `servescope astra`'s output directory when no --out
 * is given, Chromium profiles, the CLI's code cache) goes under one fresh
 * directory, removed when the run ends, so runs leave nothing in /tmp.
 * os.tmpdir() reads TMPDIR on every call, and the forked test workers
 * inherit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'servescope-test-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
