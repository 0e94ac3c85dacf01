import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadScenarioFile, CliUserError } from '../../src/cli/load.js';

describe('loadScenarioFile', () => {
  it('loads a dense example against the library and lowers it', async () => {
    const r = await loadScenarioFile('examples/llama70b-8xh100.serve');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.errorCount).toBe(0);
    const d = r.scenario!.deployments[0];
    expect(d.name).toBe('tp8');
    expect(d.model.name).toBe('llama70b');
    expect(d.model.layers).toBe(80);
    expect(d.cluster.gpu.memoryBytes).toBe(80 * 2 ** 30);
    expect(d.cluster.tiers[0].bandwidthBytesPerSecond).toBe(450e9);
    expect(d.workload.slo).toEqual({ ttftMs: 2000, tpotMs: 50 });
    expect(d.precision).toEqual({ weights: 'fp8', activations: 'bf16', kvCache: 'fp8' });
    expect(d.strategy).toEqual({ kind: 'aggregated', replicas: 1, chunkTokens: 8192, instance: { gpus: 8, layout: { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, maxBatch: 256 } });
  });

  it('lowers the three strategies of the DeepSeek example', async () => {
    const r = await loadScenarioFile('examples/deepseek-v3-strategies.serve');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.scenario!.deployments.map((d) => d.strategy.kind)).toEqual(['aggregated', 'disaggregated', 'afd']);
    expect(r.scenario!.deployments[1].strategy).toMatchObject({ prefill: { replicas: 1, instance: { gpus: 16, layout: { tp: 8, attentionDp: 2, ep: 16, pp: 1 } } } });
    const afd = r.scenario!.deployments[2].strategy;
    expect(afd).toMatchObject({ kind: 'afd', decode: { replicas: 1, attention: { gpus: 4, attentionDp: 4, tp: 1 }, ffn: { gpus: 12, ep: 4 }, microbatches: 3 } });
    expect(r.scenario!.explorations[0]).toMatchObject({ name: 'best', maxGpus: 32, objective: 'tokens_per_gpu', strategies: ['aggregated', 'disaggregated', 'afd'] });
    expect(r.scenario!.deployments[0].workload.prefixReuse).toBeCloseTo(0.3);
  });

  it('throws a one-line user error for a missing file', async () => {
    await expect(loadScenarioFile('examples/nope.serve')).rejects.toThrow(CliUserError);
    await expect(loadScenarioFile('examples/nope.serve')).rejects.toThrow(/^cannot read examples\/nope.serve: no such file$/);
  });
});
