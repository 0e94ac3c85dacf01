import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadScenarioFile } from '../../src/cli/load.js';

const examples = readdirSync('examples').filter((f) => f.endsWith('.serve')).sort();

describe('examples', () => {
  it('has the examples the README and issues name', () => {
    for (const f of ['llama70b-8xh100.serve', 'qwen3-pd.serve', 'deepseek-v3-strategies.serve', 'fleet.serve', 'serving-plan.serve', 'hf-config.serve']) {
      expect(examples).toContain(f);
    }
  });

  for (const file of examples) {
    it(`${file} checks clean and lowers`, async () => {
      const r = await loadScenarioFile(`examples/${file}`);
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(r.scenario).toBeDefined();
    });
  }

  it('resolves names across an import (serving-plan.serve uses fleet.serve)', async () => {
    const r = await loadScenarioFile('examples/serving-plan.serve');
    const d = r.scenario!.deployments[0];
    expect(d.cluster.name).toBe('our_rack');
    expect(d.cluster.gpu.name).toBe('H100_96G');
    expect(d.cluster.gpu.memoryBytes).toBe(96e9);
    // inherited from the library's H100_SXM
    expect(d.cluster.gpu.peakFlopsPerSecond.fp8).toBe(1979e12);
    expect(d.cluster.tiers.map((t) => [t.name, t.domainGpus, t.bandwidthBytesPerSecond])).toEqual([['nvlink', 8, 450e9], ['infiniband', 32, 50e9]]);
    expect(d.workload).toMatchObject({ name: 'support_chat', inputTokens: { mean: 3000, p90: 6000 }, outputTokens: { mean: 512, p90: 1024 }, slo: { ttftMs: 1000, tpotMs: 40 } });
    const flat = r.scenario!.deployments[1].cluster;
    expect(flat.tiers).toEqual([{ name: 'fullflat', domainGpus: 64, bandwidthBytesPerSecond: 400e9, latencySeconds: 3e-6, efficiency: 0.8, inNetworkReduction: true }]);
    expect(r.scenario!.explorations[0]).toMatchObject({ strategies: ['aggregated', 'disaggregated'], objective: 'throughput', maxBatch: 256, maxGpus: 32 });
  });

  it('does not see names of a file that is not imported', async () => {
    const r = await loadScenarioFile('examples/fleet.serve');
    expect(r.errorCount).toBe(0);
    const other = await loadScenarioFile('examples/llama70b-8xh100.serve');
    expect(other.errorCount).toBe(0);
  });

  it('names a tier by its level when the link name is left out', async () => {
    const { loadScenarioText } = await import('../../src/cli/load.js');
    const r = await loadScenarioText(`
      gpu g extends H100_SXM { scaleup 300 GB/s domain 4 }
      cluster c { nodes 2 of 4 x g }
      deployment d serves llama3_8b on c for chat { aggregated x 8 { gpus 1 } }`, 'examples/inline.serve');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(['examples/inline.serve:3:15 info missingScaleout cluster c has 8 GPUs but its widest tier (scaleup) spans 4; assuming 400 Gb/s InfiniBand per GPU (50 GB/s, 5 us) between domains']);
    expect(r.scenario!.deployments[0].cluster.tiers.map((t) => [t.name, t.domainGpus, t.bandwidthBytesPerSecond])).toEqual([['scaleup', 4, 300e9], ['infiniband', 8, 50e9]]);
  });

  it('fills cluster tiers from the GPU when a cluster omits them', async () => {
    const r = await loadScenarioFile('examples/hf-config.serve');
    const c = r.scenario!.deployments[0].cluster;
    expect(c.tiers).toEqual([{ name: 'nvlink4', domainGpus: 8, bandwidthBytesPerSecond: 450e9, latencySeconds: 2e-6, topology: 'switch', inNetworkReduction: true }]);
  });
});
