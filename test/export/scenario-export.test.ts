/**
 * End to end on a real scenario: the language loads it, the real engine
 * costs it, the CLI writes the export; every file is decoded and checked.
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { createAstraCommand } from '../../src/cli/commands/astra.js';
import { defaultAstraDeps, exportAstraCommand } from '../../src/cli/commands/export-astra.js';
import { engine } from '../../src/engine/index.js';
import type { OperatorCost } from '../../src/engine/types.js';
import { buildStepPlan, NodeType, type AstraManifest, type ChakraNode, type ExportFile } from '../../src/export/astra/index.js';
import { loadScenarioFile } from '../../src/cli/load.js';
import { decodeAll, expectDag, expectMatchedTransfers } from './trace-checks.js';
import { replay } from './replay.js';

const scenarioPath = fileURLToPath(new URL('./fixtures/astra-scenario.serve', import.meta.url));
const fakeBinary = fileURLToPath(new URL('./fixtures/fake-astra-sim.sh', import.meta.url));
chmodSync(fakeBinary, 0o755);

const silent = (): CliIo & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) };
};

function readExport(dir: string): ExportFile[] {
  return readdirSync(dir).map((name) => ({ name, content: name.endsWith('.et') ? new Uint8Array(readFileSync(join(dir, name))) : readFileSync(join(dir, name), 'utf8') }));
}

const COMPUTE = new Set(['attention', 'dense_ffn', 'experts', 'elementwise', 'embedding']);
const isKernel = (o: OperatorCost) => COMPUTE.has(o.category) && o.messageBytes === undefined;
const kernelMicros = (nodes: ChakraNode[]) => nodes.filter((n) => n.type === NodeType.COMP_NODE).reduce((t, n) => t + n.durationMicros, 0);

describe('export-astra on a scenario file, with the real engine', () => {
  for (const [deployment, phase] of [['agg', 'decode'], ['flat', 'decode'], ['pd', 'prefill'], ['afd', 'decode']] as const) {
    it(`${deployment} ${phase}: decodable traces, matched transfers, no cyclic wait, compute equal to the engine's`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `astra-${deployment}-`));
      const io = silent();
      const code = await exportAstraCommand.run([scenarioPath, '--deployment', deployment, '--phase', phase, '--batch', '8', '--context', '512', '--out', dir], io);
      expect(io.lines.filter((l) => l.startsWith('ERR'))).toEqual([]);
      expect(code).toBe(0);
      const files = readExport(dir);
      const ranks = decodeAll(files);
      ranks.forEach(expectDag);
      expectMatchedTransfers(ranks);
      replay(ranks, { pointToPointMs: 0.005, collectiveMs: 0.01 });
      const manifest = JSON.parse(files.find((f) => f.name === 'servescope.json')!.content as string) as AstraManifest;
      // The engine's own tree for rank 0's pool at the same point: its kernels, every layer `count` times.
      const loaded = await loadScenarioFile(scenarioPath);
      const spec = loaded.scenario!.deployments.find((d) => d.name === deployment)!;
      const plan = buildStepPlan(spec, { phase, batch: 8, contextTokens: 512 }, engine);
      const pool = plan.pools[0]!;
      const perStep = pool.breakdown.layers.reduce((t, l) => t + l.count * l.ops.filter(isKernel).reduce((s, o) => s + o.timeMs, 0), 0);
      const expectedMs = perStep * plan.microbatches / pool.input.layout.pp;
      if (pool.input.layout.pp === 1) expect(Math.abs(kernelMicros(ranks[0]!) - expectedMs * 1000)).toBeLessThanOrEqual(0.5);
      expect(manifest.computeMsByRank[0]).toBeCloseTo(kernelMicros(ranks[0]!) / 1000, 2);
      const yaml = files.find((f) => f.name === 'network.yml')!.content as string;
      if (deployment === 'flat') expect(yaml).toContain('topology: [ FullyConnected ]\nnpus_count: [ 16 ]');
      if (deployment === 'agg') expect(yaml).toContain('topology: [ Switch, Switch ]\nnpus_count: [ 8, 2 ]');
    });
  }

  it('defaults to the batch servescope reports for the deployment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'astra-default-'));
    const io = silent();
    expect(await exportAstraCommand.run([scenarioPath, '--deployment', 'agg', '--out', dir], io)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'servescope.json'), 'utf8')) as AstraManifest;
    expect(manifest.batch).toBeGreaterThanOrEqual(1);
    expect(manifest.batch).toBeLessThanOrEqual(64);
    // Mean decode context: input + output / 2.
    expect(manifest.contextTokens).toBe(1024 + 128);
    expect(io.lines[0]).toBe(`agg: decode step, batch ${manifest.batch}, context 1152`);
  });

  it('astra runs the (fake) simulator on the export of the scenario', async () => {
    const io = silent();
    const code = await createAstraCommand({ ...defaultAstraDeps, env: { SERVESCOPE_ASTRA_SIM: fakeBinary } }).run([scenarioPath, '--deployment', 'afd', '--batch', '8'], io);
    expect(code).toBe(0);
    expect(io.lines.at(-1)).toMatch(/^step: ASTRA-sim 2\.007 ms vs servescope [\d.]+ ms \([-\d.]+%\)$/);
  });
});
