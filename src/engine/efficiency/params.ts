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
  /** Extra cost of cuBLAS split-K (a second, reduction kernel) on isolated kernels, ms: used
   * when the output has too few tiles to fill half the SMs and K >= 4096 (see gemm-time.ts). */
  splitKOverheadMs: number;
  /** Sustained-power clock droop: long compute-bound kernels run slower than short ones at the
   * 700 W limit. compute time x (1 + fraction x t / (t + tauMs)). */
  throttleFraction: number;
  /** Bandwidth, as a multiple of spec HBM bandwidth, of GEMMs whose operands fit in L2: only in
   * isolated benchmarks, where the same weights are read on every repetition. Serving steps
   * stream each layer's weights from HBM (other layers evict them), so graph mode never uses it. */
  l2BandwidthFactor: number;
  throttleTauMs: number;
  /** Residual correction surface (residual-grid.ts): log(measured/model) of the training rows, interpolated along M, smoothed across shapes. */
  residual: ResidualSurface;
  /** Shape range covered by the fitted data; beyond it results are 'extrapolated'. */
  range: { M: [number, number]; N: [number, number]; K: [number, number] };
}

export interface ResidualSurface {
  /** Along M: how fast a shape's correction fades beyond its measured M range (log2 units).
   * Along N and K: Gaussian bandwidth across measured shapes (log2 units). */
  bandwidth: number;
  bandwidthNK?: number;
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
  /** Smoothness of max(compute, memory) (large batches of short sequences move Q, K, V, O near HBM speed). */
  q: number;
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
