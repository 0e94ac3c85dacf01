/**
 * When does each strategy win? Explore DeepSeek-V3.2 on 64 GPUs (H200 141 GB
 * and H100 80 GB nodes) at TPOT objectives from strict to relaxed, and print
 * the best tokens/s/GPU each strategy reaches (markdown table for
 * docs/strategies.md).
 *   node scripts/run-ts.mjs bench/strategy-sweep.ts [--engine toy|real] [--tpot 15,20,30,50]
 * Workload: 3072 in / 1024 out (4K context), TTFT 2 s.
 */
import { engine as realEngine } from '../src/engine/index.js';
import type { ClusterSpec, Engine, GpuSpec } from '../src/engine/types.js';
import { explore } from '../src/serving/index.js';
import type { ExploreSpec, StrategyKind } from '../src/serving/types.js';
import { deepseekV32 } from '../test/fixtures/models.js';
import { toyEngine } from '../test/fixtures/toy-engine.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

// Datasheet figures (dense): H100 SXM 989 TFLOPS bf16, 1979 fp8, 80 GiB HBM3 at 3.35 TB/s;
// H200 the same compute with 141 GB HBM3e at 4.8 TB/s. NVLink 4: 450 GB/s per direction; NDR 400 Gb/s per GPU.
const h100: GpuSpec = {
  name: 'H100_SXM', peakFlopsPerSecond: { fp32: 67e12, bf16: 989e12, fp16: 989e12, fp8: 1979e12, int8: 1979e12 }, vectorFlopsPerSecond: 67e12,
  memoryBytes: 80 * 2 ** 30, memoryBandwidthBytesPerSecond: 3.35e12, smCount: 132,
  scaleUp: { name: 'nvlink4', bandwidthBytesPerSecond: 450e9, domainGpus: 8 }, calibration: 'h100-sxm-80gb',
};
const h200: GpuSpec = { ...h100, name: 'H200', memoryBytes: 141e9, memoryBandwidthBytesPerSecond: 4.8e12 };

function cluster(gpu: GpuSpec): ClusterSpec {
  return {
    name: `${gpu.name.toLowerCase()}_x64`, nodes: 8, gpusPerNode: 8, gpu,
    tiers: [
      { name: 'nvlink4', domainGpus: 8, bandwidthBytesPerSecond: 450e9, latencySeconds: 2e-6, topology: 'switch' },
      { name: 'infiniband', domainGpus: 64, bandwidthBytesPerSecond: 50e9, latencySeconds: 5e-6, topology: 'rail-optimized' },
    ],
  };
}

const engine: Engine = arg('engine', 'real') === 'toy' ? toyEngine : realEngine;
const tpots = arg('tpot', '15,20,30,50').split(',').map(Number);
const kinds: StrategyKind[] = ['aggregated', 'disaggregated', 'afd'];
console.log('| GPU | TPOT objective | aggregated | P/D | AFD |');
console.log('|---|---:|---|---|---|');
for (const gpu of [h200, h100]) {
  for (const tpotMs of tpots) {
    const spec: ExploreSpec = {
      name: 'sweep', model: deepseekV32, cluster: cluster(gpu),
      workload: { name: 'ctx4k', inputTokens: { mean: 3072 }, outputTokens: { mean: 1024 }, prefixReuse: 0, slo: { ttftMs: 2000, tpotMs } },
      precision: { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' },
      strategies: kinds, maxGpus: 64, objective: 'tokens_per_gpu',
    };
    const r = explore(spec, engine);
    const cell = (k: StrategyKind) => {
      const p = r.bestPerStrategy.find((b) => b.strategy === k);
      return p ? `${p.outputTokensPerSecondPerGpu.toFixed(0)} tok/s/GPU (${p.label})` : 'infeasible';
    };
    console.log(`| ${gpu.name} | ${tpotMs} ms | ${kinds.map(cell).join(' | ')} |`);
  }
}
