/**
 * When does each strategy win? Explore DeepSeek-V3.2 on 64 GPUs (H200 141 GB
 * and H100 80 GB nodes) or on one GB200 NVL72 rack (72 GPUs in one NVLink
 * domain) at TPOT objectives from strict to relaxed, and print the best
 * tokens/s/GPU each strategy reaches (markdown table for docs/strategies.md).
 *   node scripts/run-ts.mjs bench/strategy-sweep.ts [--engine toy|real] [--tpot 15,20,30,50] [--gpu H200,H100_SXM,GB200] [--gpus 64]
 * --gpus sizes the HGX cluster (8-GPU nodes) and the search budget; GB200 is always one 72-GPU rack.
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
// GB200 NVL72 datasheet divided by 72 (dense): BF16 2.5 PFLOPS, FP8 5 PFLOPS; 186 GB HBM3e at 8 TB/s;
// NVLink 5: 900 GB/s per direction per GPU, all 72 GPUs in one switched domain (as library/gpus.serve).
const gb200: GpuSpec = {
  name: 'GB200', peakFlopsPerSecond: { fp32: 80e12, bf16: 2500e12, fp16: 2500e12, fp8: 5000e12, int8: 5000e12, fp4: 10000e12 },
  vectorFlopsPerSecond: 80e12, memoryBytes: 186e9, memoryBandwidthBytesPerSecond: 8e12, smCount: 148,
  scaleUp: { name: 'nvlink5', bandwidthBytesPerSecond: 900e9, domainGpus: 72 },
};

function cluster(gpu: GpuSpec): ClusterSpec {
  if (gpu.name === 'GB200') {
    return {
      name: 'gb200_nvl72', nodes: 1, gpusPerNode: 72, gpu,
      tiers: [{ name: 'nvlink5', domainGpus: 72, bandwidthBytesPerSecond: 900e9, latencySeconds: 2e-6, topology: 'switch' }],
    };
  }
  return {
    name: `${gpu.name.toLowerCase()}_x${hgxGpus}`, nodes: hgxGpus / 8, gpusPerNode: 8, gpu,
    tiers: [
      { name: 'nvlink4', domainGpus: 8, bandwidthBytesPerSecond: 450e9, latencySeconds: 2e-6, topology: 'switch' },
      { name: 'infiniband', domainGpus: hgxGpus, bandwidthBytesPerSecond: 50e9, latencySeconds: 5e-6, topology: 'rail-optimized' },
    ],
  };
}

const engine: Engine = arg('engine', 'real') === 'toy' ? toyEngine : realEngine;
const hgxGpus = Number(arg('gpus', '64'));
if (!Number.isInteger(hgxGpus / 8) || hgxGpus < 8) throw new Error(`--gpus ${arg('gpus', '64')}: a multiple of 8`);
const tpots = arg('tpot', '15,20,30,50').split(',').map(Number);
const gpus = arg('gpu', 'H200,H100_SXM').split(',').map((name) => {
  const gpu = [h200, h100, gb200].find((g) => g.name === name);
  if (!gpu) throw new Error(`unknown --gpu ${name} (H200, H100_SXM, GB200)`);
  return gpu;
});
const kinds: StrategyKind[] = ['aggregated', 'disaggregated', 'afd'];
console.log('| GPU | TPOT objective | aggregated | P/D | AFD |');
console.log('|---|---:|---|---|---|');
for (const gpu of gpus) {
  for (const tpotMs of tpots) {
    const spec: ExploreSpec = {
      name: 'sweep', model: deepseekV32, cluster: cluster(gpu),
      workload: { name: 'ctx4k', inputTokens: { mean: 3072 }, outputTokens: { mean: 1024 }, prefixReuse: 0, slo: { ttftMs: 2000, tpotMs } },
      precision: { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' },
      strategies: kinds, maxGpus: gpu.name === 'GB200' ? 72 : hgxGpus, objective: 'tokens_per_gpu', limit: 50_000_000,
    };
    const r = explore(spec, engine);
    const cell = (k: StrategyKind) => {
      const p = r.bestPerStrategy.find((b) => b.strategy === k);
      return p ? `${p.outputTokensPerSecondPerGpu.toFixed(0)} tok/s/GPU (${p.label})` : 'infeasible';
    };
    console.log(`| ${gpu.name} | ${tpotMs} ms | ${kinds.map(cell).join(' | ')} |`);
  }
}
