/**
 * The study example with the real engine and the real language: every
 * deployment is evaluated (no 'config' violation), and the best points of an
 * exploration pasted back as deployments give the numbers the explorer gave.
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
      expect(d.gpus).toBeLessThanOrEqual(64);
    }
  });

  it('snippets of the best points paste back as deployments with the same numbers', async () => {
    // A small search in the example's setting: 16 GPUs, batches up to 64.
    const small = example.replace(/gpus up to 64/, 'gpus up to 16\n  max_batch 64');
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
