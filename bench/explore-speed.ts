/**
 * Explore speed: candidates evaluated per second on a DeepSeek-V3.2 search
 * (aggregated + P/D + AFD, 64 GPUs, batch caps up to 4096, strict TPOT).
 *   node scripts/run-ts.mjs bench/explore-speed.ts [--engine toy|real] [--gpus N]
 * `toy` uses the integer toy engine of the serving tests (isolates the
 * explorer's own cost); `real` the analytical engine (src/engine).
 * Figures go to BENCHMARKS.md, section "Serving".
 */
import { engine as realEngine } from '../src/engine/index.js';
import type { ClusterSpec, Engine } from '../src/engine/types.js';
import { explore } from '../src/serving/index.js';
import type { ExploreSpec } from '../src/serving/types.js';
import { deepseekV32 } from '../test/fixtures/models.js';
import { toyEngine } from '../test/fixtures/toy-engine.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

// 8 x HGX H200 (datasheet: 141 GB HBM3e at 4.8 TB/s, 989 TFLOPS bf16 / 1979 fp8 dense; NVLink 4 450 GB/s per direction; 400 Gb/s NDR per GPU)
const h200Cluster: ClusterSpec = {
  name: 'h200x64', nodes: 8, gpusPerNode: 8,
  gpu: {
    name: 'h200', peakFlopsPerSecond: { bf16: 989e12, fp8: 1979e12 }, memoryBytes: 141e9, memoryBandwidthBytesPerSecond: 4.8e12,
    smCount: 132, scaleUp: { name: 'nvlink4', bandwidthBytesPerSecond: 450e9, domainGpus: 8 },
  },
  tiers: [
    { name: 'nvlink4', domainGpus: 8, bandwidthBytesPerSecond: 450e9, latencySeconds: 3e-6 },
    { name: 'ndr400', domainGpus: 64, bandwidthBytesPerSecond: 50e9, latencySeconds: 10e-6 },
  ],
};

const which = arg('engine', 'toy');
const engine: Engine = which === 'real' ? realEngine : toyEngine;
const spec: ExploreSpec = {
  name: 'speed', model: deepseekV32, cluster: h200Cluster,
  workload: { name: 'chat', inputTokens: { mean: 4096 }, outputTokens: { mean: 1024 }, prefixReuse: 0, slo: { ttftMs: 2000, tpotMs: 50 } },
  precision: { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' },
  strategies: ['aggregated', 'disaggregated', 'afd'], maxGpus: Number(arg('gpus', '64')), objective: 'tokens_per_gpu',
};

const t0 = performance.now();
const r = explore({ ...spec, limit: Number(arg("limit", "1000000")) }, engine);
const seconds = (performance.now() - t0) / 1000;
console.log(`engine ${which}: ${r.candidates.toLocaleString('en-US')} candidates (${(r.pruned ?? 0).toLocaleString('en-US')} pruned, ${r.evaluated.toLocaleString('en-US')} evaluated, ${r.feasible.toLocaleString('en-US')} feasible) in ${seconds.toFixed(2)} s = ${Math.round(r.candidates / seconds).toLocaleString('en-US')} candidates/s`);
if (r.message) console.log(r.message);
for (const p of r.bestPerStrategy) console.log(`  best ${p.strategy}: ${p.outputTokensPerSecondPerGpu.toFixed(0)} tok/s/GPU at ${p.outputTokensPerSecondPerUser.toFixed(1)} tok/s/user (${p.label})`);
