/**
 * bin/servescope.cjs as users run it: a fresh Node process over the built
 * bundle (out/cli.cjs, built by `npm test` before vitest). Its V8 code cache
 * must never change what the CLI prints or returns: not when it is written,
 * not when it is read back, not when it is corrupt.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const nodeCompileCache = typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function cli(temp: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/servescope.cjs', ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: temp } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/servescope.cjs', () => {
  it('prints and exits the same with no code cache, with one, and with a corrupt one', () => {
    const temp = mkdtempSync(join(tmpdir(), 'bin-cache-'));
    const runs = [cli(temp, 'check', 'examples/qwen3-pd.serve'), cli(temp, 'check', 'examples/qwen3-pd.serve')];
    const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
    const dir = join(temp, `servescope-v8cache-${uid}`);
    if (!nodeCompileCache) {
      // Node < 22.1: the bin keeps its own cache, in a directory only this user can write.
      const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
      expect(files).toHaveLength(1);
      if (typeof process.getuid === 'function') expect(statSync(dir).mode & 0o077).toBe(0);
      writeFileSync(join(dir, files[0]!), 'not V8 code');
      runs.push(cli(temp, 'check', 'examples/qwen3-pd.serve'));
      expect(statSync(join(dir, files[0]!)).size).toBeGreaterThan(1000); // rejected and rewritten
    }
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('servescope check: 1 file, 0 errors, 0 warnings\n');
    }
  });

  it('keeps the exit codes and one-line errors of the CLI', () => {
    const temp = mkdtempSync(join(tmpdir(), 'bin-codes-'));
    const missing = cli(temp, 'check', 'examples/no-such-file.serve');
    expect(missing.status).toBe(3);
    expect(missing.stderr).toBe('servescope check: cannot read examples/no-such-file.serve: no such file\n');
    const unknown = cli(temp, 'no-such-command');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('stops quietly when the reader closes the pipe early (| head)', async () => {
    const child = spawn(process.execPath, ['bin/servescope.cjs', 'estimate', 'examples/deepseek-v3-strategies.serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    // Close our end before the CLI writes anything, as `head` does once it has its lines:
    // every write then meets a closed pipe.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
