/**
 * Parameters of the shape-dependent efficiency model, as fitted by
 * tools/fit-calibration.ts from measured kernel timings and shipped in
 * data/fitted/efficiency.json. Every kernel model in this folder takes these
 * numbers plus the GPU's own spec peaks, so a GPU without calibration data
 * (H200, B200, ...) uses the same curves scaled by its peaks.
 */

/** Fixed per-kernel costs. `isolated*` is what a single event-timed kernel pays
 * (the calibration benchmark); `graphLaunchMs` is what one kernel node costs
 * inside a captured CUDA graph, as serving engines run their decode loop. */
export interface LaunchParams {
  /** Smallest time an isolated kernel ever takes (event-timing floor). */
  isolatedFloorMs: number;
  /** Added to every isolated kernel's body. */
  isolatedLaunchMs: number;
}

/** Large-copy HBM efficiency: achievable fraction of spec bandwidth. */
export interface HbmParams extends LaunchParams {
  efficiency: number;
}

/** GEMM efficiency for one math dtype (bf16 and fp8 have their own curves). */
export interface GemmParams extends LaunchParams {
  /** Peak fraction of the dtype's dense tensor-core peak reached by large GEMMs. */
  maxEfficiency: number;
  /** Exponent on the wave-quantisation utilisation (0: cuBLAS hides it fully, 1: not at all). */
  waveExponent: number;
  /** K at which the main loop's prologue/epilogue halves the efficiency (K / (K + kHalf)). */
  kHalf: number;
  /** M at which partially filled tiles halve the efficiency (M / (M + mHalf)). */
  mHalf: number;
  /** Fraction of the spec HBM bandwidth reached while streaming weights (small M). */
  bandwidthEfficiency: number;
  /** Smoothness of max(compute, memory): time = (tc^q + tm^q)^(1/q). */
  q: number;
  /** Residual correction surface: kernel-smoothed log(measured/model) over log2 M, N, K of the training rows. */
  residual: ResidualSurface;
  /** Shape range covered by the fitted data; beyond it results are 'extrapolated'. */
  range: { M: [number, number]; N: [number, number]; K: [number, number] };
}

export interface ResidualSurface {
  /** Kernel bandwidth in log2 units per axis. */
  bandwidth: number;
  /** Shrinkage pseudo-weight: r = sum(w r_i) / (sum(w) + shrink). */
  shrink: number;
  /** [log2 M, log2 N, log2 K, residual] */
  points: [number, number, number, number][];
}

export interface AttentionPrefillParams extends LaunchParams {
  maxEfficiency: number;
  waveExponent: number;
  /** Fixed cost of each CTA in units of KV blocks (prologue, causal diagonal masking). */
  blockOverhead: number;
  range: { tokens: [number, number]; batchHeads: [number, number] };
}

export interface AttentionDecodeParams extends LaunchParams {
  /** Fraction of spec HBM bandwidth reached with enough CTAs. */
  bandwidthEfficiency: number;
  /** Bandwidth one CTA pulls on its own, as a fraction of spec HBM bandwidth (memory-level parallelism of one SM). */
  perCtaBandwidthFraction: number;
  /** Smoothness of min(HBM, CTAs x per-CTA). */
  q: number;
  range: { context: [number, number]; ctas: [number, number] };
}

export interface MoeParams {
  /** Multipliers on the GEMM model for the grouped-GEMM expert kernels. */
  computeScale: number;
  bandwidthScale: number;
  /** Extra fixed cost of the grouped kernels (routing permutation, scatter), isolated. */
  overheadMs: number;
  range: { tokens: [number, number] };
}

export interface EfficiencyParams {
  source: string;
  /** The spec peaks of the GPU the data was measured on (fractions above are relative to these). */
  fittedOn: { gpu: string; bf16FlopsPerSecond: number; fp8FlopsPerSecond: number; memoryBandwidthBytesPerSecond: number; smCount: number };
  /** Per-kernel cost inside a CUDA graph (serving steps). */
  graphLaunchMs: number;
  hbm: HbmParams;
  gemm: { bf16: GemmParams; fp8: GemmParams };
  attentionPrefill: AttentionPrefillParams;
  attentionDecode: AttentionDecodeParams;
  moe: MoeParams;
  split: string;
}
