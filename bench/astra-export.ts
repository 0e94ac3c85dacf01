/**
 * ASTRA-sim export speed: one DeepSeek-V3 step as Chakra traces with the real
 * engine, for the layouts of the project's examples scaled to 64 GPUs.
 * Usage: node scripts/run-ts.mjs bench/astra-export.ts
 * Prints, per case: ranks, nodes, bytes written, and the median of 3 runs
 * of building the traces as the CLI does (nodes streamed to bytes, none
 * kept) and of building them as objects then encoding (figures in BENCHMARKS.md).
 */
import { engine } from '../src/engine/index.js';
import { buildAstraTraces, buildStepPlan, encodeChakraTrace, type ExportPoint } from '../src/export/astra/index.js';
import type { ClusterSpec, ModelSpec } from '../src/engine/types.js';
import type { DeploymentSpec } from '../src/serving/types.js';

// deepseek-ai/DeepSeek-V3 config.json
const deepseekV3: ModelSpec = {
  name: 'deepseek_v3', layers: 61, hidden: 7168, vocab: 129280, tiedEmbeddings: false,
  attention: { kind: 'mla', heads: 128, qRank: 1536, kvRank: 512, ropeDim: 64, nopeDim: 128, valueDim: 128 },
  denseIntermediate: 18432, ffnActivation: 'swiglu',
  moe: { experts: 256, active: 8, shared: 1, expertIntermediate: 2048, denseFirst: 3 },
};

// 8 HGX H100 nodes: NVLink 4 (450 GB/s per direction, 8-GPU domain), 400 Gb/s InfiniBand per GPU.
const cluster: ClusterSpec = {
  name: 'h100_64', nodes: 8, gpusPerNode: 8,
  gpu: { name: 'H100_SXM', peakFlopsPerSecond: { bf16: 989e12, fp8: 1979e12 }, memoryBytes: 80e9, memoryBandwidthBytesPerSecond: 3.35e12, smCount: 132 },
  tiers: [
    { name: 'nvlink', domainGpus: 8, bandwidthBytesPerSecond: 450e9, latencySeconds: 2e-6, topology: 'switch' },
    { name: 'infiniband', domainGpus: 64, bandwidthBytesPerSecond: 50e9, latencySeconds: 5e-6, topology: 'rail-optimized' },
  ],
};

const base = {
  model: deepseekV3, cluster,
  workload: { name: 'chat', inputTokens: { mean: 2048 }, outputTokens: { mean: 512 }, prefixReuse: 0, slo: {} },
  precision: { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' },
} as const;

const cases: Array<[string, DeploymentSpec, ExportPoint]> = [
  ['aggregated EP64 decode b512', { ...base, name: 'agg', strategy: { kind: 'aggregated', replicas: 1, chunkTokens: 8192, instance: { gpus: 64, layout: { tp: 1, pp: 1, ep: 64, attentionDp: 64 } } } }, { phase: 'decode', batch: 512, contextTokens: 2304 }],
  ['AFD 32+32 decode b512 k3', { ...base, name: 'afd', strategy: { kind: 'afd', prefill: { replicas: 1, instance: { gpus: 8, layout: { tp: 8, pp: 1, ep: 8, attentionDp: 1 } } }, decode: { replicas: 1, attention: { gpus: 32, attentionDp: 32, tp: 1 }, ffn: { gpus: 32, ep: 32 }, microbatches: 3 } } }, { phase: 'decode', batch: 512, contextTokens: 2304 }],
  ['P/D prefill 8 -> 32', { ...base, name: 'pd', strategy: { kind: 'disaggregated', prefill: { replicas: 1, instance: { gpus: 8, layout: { tp: 8, pp: 1, ep: 8, attentionDp: 1 } } }, decode: { replicas: 1, instance: { gpus: 32, layout: { tp: 1, pp: 1, ep: 32, attentionDp: 32 } } } } }, { phase: 'prefill', batch: 4, contextTokens: 2048 }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log('| case | ranks | nodes | bytes | streamed ms | objects + encode ms |');
console.log('|---|---|---|---|---|---|');
for (const [label, deployment, point] of cases) {
  const streamed: number[] = [];
  const objects: number[] = [];
  let ranks = 0, nodes = 0, bytes = 0;
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const plan = buildStepPlan(deployment, point, engine);
    const set = buildAstraTraces(plan, cluster, { keepNodes: false });
    streamed.push(performance.now() - t);
    ranks = set.traces.length;
    nodes = set.traces.reduce((n, tr) => n + tr.nodeCount, 0);
    bytes = set.traces.reduce((n, tr) => n + tr.bytes!.byteLength, 0);
    t = performance.now();
    const kept = buildAstraTraces(plan, cluster);
    for (const tr of kept.traces) encodeChakraTrace(tr);
    objects.push(performance.now() - t);
  }
  console.log(`| ${label} | ${ranks} | ${nodes} | ${(bytes / 1e6).toFixed(1)} MB | ${median(streamed).toFixed(0)} | ${median(objects).toFixed(0)} |`);
}
