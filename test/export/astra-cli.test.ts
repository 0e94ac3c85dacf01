import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import type { AstraSimReport } from '../../src/serving/report.js';
import { createAstraCommand } from '../../src/cli/commands/astra.js';
import { createExportAstraCommand, type AstraCommandDeps } from '../../src/cli/commands/export-astra.js';
import { decodeChakraTrace, parseAstraFinishTimes } from '../../src/export/astra/index.js';
import { aggregatedMoe, afd } from './fixtures/deployments.js';
import { toyEngine } from './fixtures/toy-engine.js';
import { EngineInputError } from '../../src/engine/validate.js';
import type { Engine } from '../../src/engine/types.js';

const fakeBinary = fileURLToPath(new URL('./fixtures/fake-astra-sim.sh', import.meta.url));
chmodSync(fakeBinary, 0o755);
const scenarioFile = fileURLToPath(import.meta.url); // any readable file: the loader is injected

function capture(): CliIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

const deps = (env: NodeJS.ProcessEnv = {}): AstraCommandDeps => ({
  loadScenario: async () => ({ scenario: { deployments: [aggregatedMoe, afd], explorations: [] }, diagnostics: [], errorCount: 0 }),
  engine: toyEngine,
  env,
});

describe('servescope export-astra', () => {
  it('writes traces, groups, network, system and a README with the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-astra-'));
    const io = capture();
    const code = await createExportAstraCommand(deps()).run([scenarioFile, '--deployment', 'agg', '--phase', 'decode', '--batch', '16', '--context', '512', '--out', dir], io);
    expect(io.errLines).toEqual([]);
    expect(code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.et'))).toHaveLength(16);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'comm_groups.json', 'network.yml', 'system.json', 'remote_memory.json', 'servescope.json']));
    for (const f of files.filter((f) => f.endsWith('.et'))) expect(decodeChakraTrace(readFileSync(join(dir, f))).nodes.length).toBeGreaterThan(0);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(`AstraSim_Analytical_Congestion_Unaware \\\n  --workload-configuration=${join(dir, 'servescope')} \\\n  --comm-group-configuration=${join(dir, 'comm_groups.json')}`);
    expect(io.outLines[0]).toBe('agg: decode step, batch 16, context 512');
  });

  it('explains usage errors and unknown deployments with exit code 2, unreadable files with 3', async () => {
    const io = capture();
    expect(await createExportAstraCommand(deps()).run([scenarioFile, '--phase', 'decode', '--out', '/tmp/x'], io)).toBe(2);
    expect(io.errLines.at(-1)).toBe('servescope export-astra: --deployment NAME is required (deployments: agg, afd)');
    expect(await createExportAstraCommand(deps()).run([scenarioFile, '--deployment', 'nope', '--out', '/tmp/x'], io)).toBe(2);
    expect(await createExportAstraCommand(deps()).run([scenarioFile, '--deployment', 'agg', '--phase', 'train', '--out', '/tmp/x'], io)).toBe(2);
    expect(io.errLines.at(-1)).toBe('servescope export-astra: --phase must be decode or prefill, got train');
    expect(await createExportAstraCommand(deps()).run([scenarioFile, '--deployment', 'agg'], io)).toBe(2);
    expect(await createExportAstraCommand(deps()).run(['/nonexistent.serve', '--deployment', 'agg', '--out', '/tmp/x'], io)).toBe(3);
  });

  it('prints the scenario\'s errors and exits 1 when it does not load', async () => {
    const io = capture();
    const failing: AstraCommandDeps = { ...deps(), loadScenario: async () => ({ diagnostics: ['x.serve:3:5 error unknown-model unknown model'], errorCount: 1 }) };
    expect(await createExportAstraCommand(failing).run([scenarioFile, '--out', '/tmp/x'], io)).toBe(1);
    expect(io.errLines).toEqual(['x.serve:3:5 error unknown-model unknown model']);
  });
});

describe('export-astra and astra: user errors are one line and a user exit code, never an internal error', () => {
  // An engine that rejects the layout, as the real engine does for inputs validation did not catch.
  const rejecting = (): Engine => {
    const fail = (): never => { throw new EngineInputError('tp 3 does not divide 32 attention heads'); };
    return { ...toyEngine, evaluateStep: fail, stepTimeMs: fail, memoryUse: fail };
  };

  it('an engine input error while choosing the default batch (no --batch) is one line, exit 2', async () => {
    const io = capture();
    const code = await createExportAstraCommand({ ...deps(), engine: rejecting() }).run([scenarioFile, '--deployment', 'agg', '--phase', 'decode', '--out', mkdtempSync(join(tmpdir(), 'export-astra-'))], io);
    expect(code).toBe(2);
    expect(io.errLines).toEqual(['servescope export-astra: tp 3 does not divide 32 attention heads']);
  });

  it('an engine input error with --batch and --context given is one line, exit 2', async () => {
    const io = capture();
    const code = await createExportAstraCommand({ ...deps(), engine: rejecting() }).run([scenarioFile, '--deployment', 'agg', '--batch', '4', '--context', '64', '--out', mkdtempSync(join(tmpdir(), 'export-astra-'))], io);
    expect(code).toBe(2);
    expect(io.errLines).toEqual(['servescope export-astra: tp 3 does not divide 32 attention heads']);
  });

  it('--batch and --context given: the default point\'s full estimate is not run', async () => {
    let memoryCalls = 0;
    const counting: Engine = { ...toyEngine, memoryUse: (input) => { memoryCalls++; return toyEngine.memoryUse(input); } };
    const dir = mkdtempSync(join(tmpdir(), 'export-astra-'));
    const withPoint = await createExportAstraCommand({ ...deps(), engine: counting }).run([scenarioFile, '--deployment', 'agg', '--batch', '4', '--context', '64', '--out', dir], capture());
    expect(withPoint).toBe(0);
    const callsWithPoint = memoryCalls;
    memoryCalls = 0;
    expect(await createExportAstraCommand({ ...deps(), engine: counting }).run([scenarioFile, '--deployment', 'agg', '--out', dir], capture())).toBe(0);
    expect(memoryCalls).toBeGreaterThan(callsWithPoint);
  });

  it('export-astra --out naming an existing regular file: one line, exit 3', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'export-astra-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const io = capture();
    const code = await createExportAstraCommand(deps()).run([scenarioFile, '--deployment', 'agg', '--batch', '4', '--context', '64', '--out', file], io);
    expect(code).toBe(3);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toMatch(/^servescope export-astra: cannot write .*not-a-dir: /);
  });

  it('astra --out naming an existing regular file: one line, exit 3', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'astra-run-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const io = capture();
    const code = await createAstraCommand(deps({ SERVESCOPE_ASTRA_SIM: fakeBinary })).run([scenarioFile, '--deployment', 'agg', '--batch', '4', '--context', '64', '--out', file], io);
    expect(code).toBe(3);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toMatch(/^servescope astra: cannot write .*not-a-dir: /);
  });

  it('a SERVESCOPE_ASTRA_SIM that is not executable: one line, exit 4', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'astra-run-')), 'astra-sim');
    writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
    const io = capture();
    const code = await createAstraCommand(deps({ SERVESCOPE_ASTRA_SIM: file })).run([scenarioFile, '--deployment', 'agg', '--batch', '4', '--context', '64'], io);
    expect(code).toBe(4);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toContain(`${file} is not an executable file`);
  });

  it('a SERVESCOPE_ASTRA_SIM that passes the execute check but cannot be spawned (a directory): one line, exit 4', async () => {
    const notABinary = mkdtempSync(join(tmpdir(), 'astra-sim-dir-'));
    const io = capture();
    const code = await createAstraCommand(deps({ SERVESCOPE_ASTRA_SIM: notABinary })).run([scenarioFile, '--deployment', 'agg', '--batch', '4', '--context', '64', '--out', mkdtempSync(join(tmpdir(), 'astra-run-'))], io);
    expect(code).toBe(4);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toMatch(new RegExp(`^servescope astra: cannot run ${notABinary}: .*EACCES`));
  });
});

describe('servescope astra', () => {
  it('without ASTRA-sim says how to get it and exits non-zero', async () => {
    const io = capture();
    const code = await createAstraCommand(deps({})).run([scenarioFile, '--deployment', 'agg'], io);
    expect(code).not.toBe(0);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toContain('https://github.com/astra-sim/astra-sim');
    expect(io.errLines[0]).toContain('SERVESCOPE_ASTRA_SIM');
    expect(await createAstraCommand(deps({ SERVESCOPE_ASTRA_SIM: '/nonexistent/astra' })).run([scenarioFile, '--deployment', 'agg'], io)).not.toBe(0);
  });

  it('runs the binary on the export and prints its finish times beside the analytical estimate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'astra-run-'));
    const io = capture();
    const code = await createAstraCommand(deps({ SERVESCOPE_ASTRA_SIM: fakeBinary })).run([scenarioFile, '--deployment', 'afd', '--phase', 'decode', '--batch', '32', '--context', '1000', '--out', dir], io);
    expect(io.errLines).toEqual([]);
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'servescope.7.et'))).toBe(true);
    expect(io.outLines[1]).toMatch(/^rank\s+role\s+compute ms\s+pool step ms\s+ASTRA-sim finish ms\s+exposed comm ms$/);
    // Rank 3 (attention) finishes at 2 ms + 3 us in the fake's output.
    expect(io.outLines[5]).toMatch(/^3\s+attention\s+[\d.]+\s+[\d.]+\s+2\.003\s+0\.503$/);
    expect(io.outLines.at(-1)).toMatch(/^step: ASTRA-sim 2\.007 ms vs servescope [\d.]+ ms \([-\d.]+%\)$/);
  });

  it('--json gives the comparison as data, with --astra-sim overriding the environment', async () => {
    const io = capture();
    const code = await createAstraCommand(deps({ SERVESCOPE_ASTRA_SIM: '/nonexistent' })).run([scenarioFile, '--deployment', 'agg', '--astra-sim', fakeBinary, '--json'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.outLines.join('\n')) as { deployment: string; astra: AstraSimReport };
    expect(json.deployment).toBe('agg');
    expect(json.astra.ranks).toHaveLength(16);
    expect(json.astra.ranks[15]).toMatchObject({ rank: 15, role: 'aggregated', finishMs: 2.015, exposedCommMs: 0.515 });
    expect(json.astra.ranks[15]!.computeMs).toBeGreaterThan(0);
    expect(json.astra.stepMs).toBe(2.015);
    expect(json.astra).toMatchObject({ phase: 'decode', batch: 64 });
    expect(json.astra.servescopeStepMs).toBeGreaterThan(0);
  });
});

describe('ASTRA-sim output parsing', () => {
  it('reads sys[N] finished lines, with or without the exposed-communication part, in rank order', () => {
    const out = [
      '[2025-01-26 23:03:37.384] [workload] [info] sys[1] finished, 64440 cycles, exposed communication 64440 cycles.',
      'some other log line',
      'sys[0] finished, 1200 cycles',
    ].join('\n');
    expect(parseAstraFinishTimes(out)).toEqual([{ rank: 0, finishNs: 1200 }, { rank: 1, finishNs: 64440, exposedCommNs: 64440 }]);
  });
});
