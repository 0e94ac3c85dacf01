/**
 * Fits the engine's shape-dependent efficiency curves to a measured kernel
 * table and writes data/fitted/efficiency.json (shipped data the engine imports).
 *
 *   node scripts/run-ts.mjs tools/fit-calibration.ts [table.jsonl] [out.json]
 *
 * Each kernel kind has a physical model with a handful of parameters
 * (src/engine/efficiency/*.ts); they are fitted by Nelder-Mead on the mean
 * absolute log error of the TRAINING rows only (see SPLIT_DESCRIPTION); the
 * held-out rows are left for bench/accuracy.ts. GEMMs get a residual surface
 * on top (kernel smoother over log2 M/N/K, bandwidth and shrinkage chosen by
 * leave-one-out on the training rows).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { heldOutRows, isKernelOutlier, parseKernelRows, SPLIT_DESCRIPTION, type GemmRow, type KernelRow } from '../src/engine/efficiency/calibration-rows.js';
import { gemmBodyMs, usesSplitK } from '../src/engine/efficiency/gemm-time.js';
import { peakFlops } from '../src/engine/efficiency/hardware-peaks.js';
import type { EfficiencyParams, GemmParams } from '../src/engine/efficiency/params.js';
import { predictRow } from '../src/engine/efficiency/predict-row.js';
import { H100_SXM } from '../src/engine/efficiency/reference-gpu.js';
import { smoothResidual } from '../src/engine/efficiency/residual-grid.js';
import { nelderMead } from './nelder-mead.js';

const tablePath = process.argv[2] ?? 'data/calibration/h100-sxm-80gb.jsonl';
const outPath = process.argv[3] ?? 'data/fitted/efficiency.json';
const gpu = H100_SXM;
const rows = parseKernelRows(readFileSync(tablePath, 'utf8'));
const heldOut = heldOutRows(rows);
const train = rows.filter((r) => !heldOut.has(r) && !isKernelOutlier(r, rows));
console.log(`${rows.length} rows, ${heldOut.size} held out, ${rows.filter((r) => isKernelOutlier(r, rows)).length} non-monotonic GEMM rows left out`);

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Initial guesses only; every one of them is refitted below. */
function emptyGemm(): GemmParams {
  return {
    isolatedFloorMs: 0.02, isolatedLaunchMs: 0.01, maxEfficiency: 0.75, waveExponent: 0.5, kHalf: 64, mHalf: 8,
    bandwidthEfficiency: 0.9, q: 4, splitKOverheadMs: 0.01, throttleFraction: 0.05, throttleTauMs: 2, l2BandwidthFactor: 2, residual: { bandwidth: 1, shrink: 1, points: [] },
    range: { M: [1, 1], N: [1, 1], K: [1, 1] },
  };
}

const params: EfficiencyParams = {
  source: tablePath.split('/').pop() ?? tablePath,
  fittedOn: {
    gpu: gpu.name, bf16FlopsPerSecond: gpu.peakFlopsPerSecond.bf16!, fp8FlopsPerSecond: gpu.peakFlopsPerSecond.fp8!,
    memoryBandwidthBytesPerSecond: gpu.memoryBandwidthBytesPerSecond, smCount: gpu.smCount!,
  },
  // One kernel node of a captured CUDA graph: ~3 us of launch/dispatch gap
  // (NVIDIA technical blog "Getting Started with CUDA Graphs", 2019: a graph of
  // short kernels runs at ~3.4 us per kernel including the kernel itself).
  graphLaunchMs: 0.003,
  hbm: { efficiency: 0.9, isolatedFloorMs: 0.02, isolatedLaunchMs: 0.01 },
  gemm: { bf16: emptyGemm(), fp8: emptyGemm() },
  attentionPrefill: { maxEfficiency: 0.6, waveExponent: 0.5, blockOverhead: 1, q: 4, isolatedFloorMs: 0.02, isolatedLaunchMs: 0.01, range: { tokens: [1, 1], batchHeads: [1, 1] } },
  attentionDecode: { bandwidthEfficiency: 0.9, perCtaBandwidthFraction: 0.012, q: 4, isolatedFloorMs: 0.02, isolatedLaunchMs: 0.01, range: { context: [1, 1], ctas: [1, 1] } },
  moe: { computeScale: 1, bandwidthScale: 1, overheadMs: 0.01, range: { tokens: [1, 1] } },
  split: SPLIT_DESCRIPTION,
};

function meanAbsLogError(set: KernelRow[]): number {
  let s = 0;
  for (const r of set) s += Math.abs(Math.log(predictRow(gpu, params, r).timeMs / r.ms));
  return s / Math.max(1, set.length);
}

/** Fit: `apply` writes the unconstrained vector x into params. */
function fit(name: string, set: KernelRow[], x0: number[], apply: (x: number[]) => void): void {
  const f = (x: number[]) => { apply(x); const v = meanAbsLogError(set); return Number.isFinite(v) ? v : 1e9; };
  const res = nelderMead(f, x0, { step: 0.5, iterations: 6000, restarts: 8 });
  apply(res.x);
  console.log(`${name}: ${set.length} training rows, mean |log error| ${(res.value * 100).toFixed(2)}%`);
}

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

// HBM copies
const copies = train.filter((r) => r.kind === 'copy');
fit('hbm copy', copies, [logit(0.9), Math.log(0.02), Math.log(0.01)], ([e, f, l]) => {
  params.hbm = { efficiency: sigmoid(e), isolatedFloorMs: Math.exp(f), isolatedLaunchMs: Math.exp(l) };
});

// GEMMs, per math dtype
for (const dtype of ['bf16', 'fp8'] as const) {
  const set = train.filter((r): r is GemmRow => r.kind === 'gemm' && r.dtype === dtype);
  const g = params.gemm[dtype];
  g.range = { M: range(set.map((r) => r.M)), N: range(set.map((r) => r.N)), K: range(set.map((r) => r.K)) };
  fit(`gemm ${dtype}`, set, [logit(0.75), logit(0.5), Math.log(64), Math.log(8), logit(0.85), Math.log(4), Math.log(0.02), Math.log(0.01), Math.log(0.01), logit(0.05), Math.log(2), Math.log(2)],
    ([e, w, k, m, b, q, f, l, sk, th, tau, l2]) => {
      Object.assign(g, {
        maxEfficiency: sigmoid(e), waveExponent: sigmoid(w), kHalf: Math.exp(k), mHalf: Math.exp(m),
        bandwidthEfficiency: sigmoid(b), q: 1 + Math.exp(q), isolatedFloorMs: Math.exp(f), isolatedLaunchMs: Math.exp(l),
        splitKOverheadMs: Math.exp(sk), throttleFraction: sigmoid(th), throttleTauMs: Math.exp(tau), l2BandwidthFactor: Math.exp(l2),
      });
    });
  // Residual surface: log(measured / curve) of the training rows.
  const peak = peakFlops(gpu, dtype);
  const bytes = dtype === 'fp8' ? 1 : 2;
  // GEMM time cannot fall as M grows for the same N, K: the residual targets use the running
  // maximum over smaller M (isotonic in M), so the surface never teaches the step model that a
  // bigger batch is faster.
  const monotone = new Map<GemmRow, number>();
  const byShape = new Map<string, GemmRow[]>();
  for (const r of set) {
    const k = `${r.N}|${r.K}`;
    byShape.set(k, [...(byShape.get(k) ?? []), r]);
  }
  for (const col of byShape.values()) {
    let runMax = 0;
    for (const r of col.sort((a, b) => a.M - b.M)) { runMax = Math.max(runMax, r.ms); monotone.set(r, runMax); }
  }
  const points = set.map((r) => {
    const body = gemmBodyMs(gpu, peak, { M: r.M, N: r.N, K: r.K, aBytes: bytes, bBytes: bytes, outBytes: 2 }, g, false, 'isolated').ms;
    const curve = Math.max(g.isolatedFloorMs, g.isolatedLaunchMs + body) + (usesSplitK(gpu, { M: r.M, N: r.N, K: r.K, aBytes: bytes, bBytes: bytes, outBytes: 2 }) ? g.splitKOverheadMs : 0);
    const residual = Math.log(monotone.get(r)! / curve);
    return [Math.log2(r.M), Math.log2(r.N), Math.log2(r.K), residual] as [number, number, number, number];
  });
  let best = { bandwidth: 1, bandwidthNK: 1, shrink: 1, loo: Infinity };
  for (const bandwidth of [0.5, 0.7, 1, 1.4, 2, 3]) {
    for (const bandwidthNK of [0.2, 0.35, 0.5, 0.7, 1]) {
      for (const shrink of [0.02, 0.05, 0.2, 0.5, 1, 2, 1e9]) {
        let err = 0;
        for (let i = 0; i < points.length; i++) {
          const others = points.filter((_, j) => j !== i);
          const r = smoothResidual({ bandwidth, bandwidthNK, shrink, points: others }, points[i][0], points[i][1], points[i][2]);
          err += Math.abs(points[i][3] - r);
        }
        if (err < best.loo) best = { bandwidth, bandwidthNK, shrink, loo: err };
      }
    }
  }
  g.residual = { bandwidth: best.bandwidth, bandwidthNK: best.bandwidthNK, shrink: best.shrink, points: points.map((p) => p.map((v) => Number(v.toFixed(4))) as [number, number, number, number]) };
  console.log(`gemm ${dtype} residual: bandwidth M ${best.bandwidth}, N/K ${best.bandwidthNK}, shrink ${best.shrink}, leave-one-out mean |log| ${(100 * best.loo / points.length).toFixed(2)}%; with surface ${(100 * meanAbsLogError(set)).toFixed(2)}%`);
}

// Attention prefill
{
  const set = train.filter((r) => r.kind === 'attn_prefill');
  const a = params.attentionPrefill;
  a.range = { tokens: range(set.map((r) => r.kind === 'attn_prefill' ? r.S : 0)), batchHeads: range(set.map((r) => r.kind === 'attn_prefill' ? r.B * r.H : 0)) };
  fit('attention prefill', set, [logit(0.65), logit(0.5), Math.log(1), Math.log(0.02), Math.log(0.01), Math.log(4)], ([e, w, o, f, l, q]) => {
    Object.assign(a, { maxEfficiency: sigmoid(e), waveExponent: sigmoid(w), blockOverhead: Math.exp(o), isolatedFloorMs: Math.exp(f), isolatedLaunchMs: Math.exp(l), q: 1 + Math.exp(q) });
  });
}

// Attention decode
{
  const set = train.filter((r) => r.kind === 'attn_decode');
  const d = params.attentionDecode;
  d.range = { context: range(set.map((r) => r.kind === 'attn_decode' ? r.C : 0)), ctas: range(set.map((r) => r.kind === 'attn_decode' ? r.B * r.KV : 0)) };
  fit('attention decode', set, [logit(0.9), logit(0.012), Math.log(3), Math.log(0.02), Math.log(0.01)], ([b, c, q, f, l]) => {
    Object.assign(d, { bandwidthEfficiency: sigmoid(b), perCtaBandwidthFraction: sigmoid(c), q: 1 + Math.exp(q), isolatedFloorMs: Math.exp(f), isolatedLaunchMs: Math.exp(l) });
  });
}

// MoE grouped GEMM
{
  const set = train.filter((r) => r.kind === 'moe_ffn');
  const m = params.moe;
  m.range = { tokens: range(set.map((r) => r.kind === 'moe_ffn' ? (r.T * r.topk) / r.E : 0)) };
  fit('moe grouped gemm', set, [0, 0, Math.log(0.01)], ([c, b, o]) => {
    Object.assign(m, { computeScale: Math.exp(c), bandwidthScale: Math.exp(b), overheadMs: Math.exp(o) });
  });
}

const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);
writeFileSync(outPath, JSON.stringify(params, round, 1) + '\n');
console.log(`wrote ${outPath}`);
