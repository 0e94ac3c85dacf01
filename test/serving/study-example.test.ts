/**
 * The study example with the real engine and the real language: every
 * deployment is evaluated (no 'config' violation), the AFD study's finding
 * holds (at the example's strict TPOT and arrival rate only AFD meets the
 * objectives within the cluster), and the best points of an exploration
 * pasted back as deployments give the numbers the explorer gave.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/cli/load.js';
import { engine } from '../../src/engine/index.js';
import { estimateScenario, explore } from '../../src/serving/index.js';

const example = readFileSync(new URL('../../examples/deepseek-v32-afd.serve', import.meta.url), 'utf8');

describe('examples/deepseek-v32-afd.serve (real engine)', () => {
  it('evaluates all three strategies', async () => {
    const loaded = await loadScenarioText(example, 'examples/deepseek-v32-afd.serve');
    expect(loaded.errorCount).toBe(0);
    const report = estimateScenario(loaded.scenario!, engine, { skipExplore: true });
    expect(report.deployments.map((d) => d.strategy).sort()).toEqual(['afd', 'aggregated', 'disaggregated']);
    for (const d of report.deployments) {
      expect(d.violations.filter((v) => v.metric === 'config')).toEqual([]);
      expect(d.tpotMs).toBeGreaterThan(0);
      expect(d.outputTokensPerSecondPerGpu).toBeGreaterThan(0);
      expect(d.gpus).toBeLessThanOrEqual(256);
    }
  });

  it('reproduces the finding: at TPOT 13 ms and 18 req/s only the AFD deployment meets the objectives', async () => {
    const loaded = await loadScenarioText(example, 'examples/deepseek-v32-afd.serve');
    const report = estimateScenario(loaded.scenario!, engine, { skipExplore: true });
    const byName = new Map(report.deployments.map((d) => [d.name, d]));
    const afd = byName.get('afd')!;
    expect(afd.feasible).toBe(true);
    expect(afd.requestsPerSecond).toBeCloseTo(18, 6);
    expect(afd.tpotMs).toBeLessThanOrEqual(13);
    for (const name of ['colocated', 'pd']) {
      const d = byName.get(name)!;
      expect(d.gpus).toBe(256); // the whole cluster, more than AFD's 208
      expect(d.feasible).toBe(false);
      expect(d.queueUnbounded).toBe(true);
      expect(d.capacityRequestsPerSecond!).toBeLessThan(18);
      expect(d.tpotMs).toBeLessThanOrEqual(13); // each meets TPOT, but only at a batch too small for the traffic
    }
    expect(afd.gpus).toBeLessThan(byName.get('pd')!.gpus);
  });

  it('finds no aggregated or P/D point within the 256 GPUs that meets the objectives', async () => {
    const nonAfd = example.replace('strategies aggregated, disaggregated, afd', 'strategies aggregated, disaggregated');
    const loaded = await loadScenarioText(nonAfd, 'non-afd.serve');
    expect(loaded.errorCount).toBe(0);
    const result = explore(loaded.scenario!.explorations[0]!, engine);
    expect(result.evaluated).toBeGreaterThan(100_000);
    expect(result.feasible).toBe(0);
    expect(result.frontier.every((p) => !p.feasible)).toBe(true);
  });

  it('snippets of the best points paste back as deployments with the same numbers', async () => {
    // A small search in the example's setting: 16 GPUs, batches up to 64, no stated arrival rate.
    const small = example.replace(/gpus up to 256\n  max_batch 1024/, 'gpus up to 16\n  max_batch 64').replace(/ *arrival 18 req\/s\n/, '');
    expect(small).not.toContain('arrival');
    const loaded = await loadScenarioText(small, 'small.serve');
    expect(loaded.errorCount).toBe(0);
    const result = explore(loaded.scenario!.explorations[0]!, engine);
    expect(result.bestPerStrategy.length).toBeGreaterThan(0);
    const pasted = `${small}\n${result.bestPerStrategy.map((p) => p.snippet).join('\n')}\n`;
    const again = await loadScenarioText(pasted, 'pasted.serve');
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = estimateScenario(again.scenario!, engine, { skipExplore: true });
    for (const point of result.bestPerStrategy) {
      const name = /^deployment (\S+)/.exec(point.snippet)![1];
      const d = report.deployments.find((x) => x.name === name)!;
      expect(d.feasible).toBe(true);
      expect(d.gpus).toBe(point.gpus);
      expect(d.tpotMs).toBeCloseTo(point.tpotMs, 6);
      expect(d.outputTokensPerSecondPerGpu).toBeCloseTo(point.outputTokensPerSecondPerGpu, 4);
    }
  });
});
