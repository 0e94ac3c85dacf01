/**
 * GEMM time [M,K] x [K,N] from first principles plus fitted efficiency:
 *  - FLOPs = 2 M N K (one multiply-add per output element per k);
 *  - bytes = (M K + K N) x input bytes + M N x output bytes (each operand read
 *    once from HBM: the tiles of a Hopper GEMM stay in L2/SMEM);
 *  - compute time = FLOPs / (peak x maxEfficiency x waveUtil^w x K/(K+kHalf) x M/(M+mHalf)),
 *    waveUtil = tiles / (waves x SMs) for 128x128 output tiles (wave
 *    quantisation over the SMs, NVIDIA "Matrix Multiplication Background" guide);
 *    times a sustained-power droop factor for long kernels;
 *  - memory time = bytes / (spec HBM bandwidth x bandwidthEfficiency) - small M
 *    is bound by streaming the whole weight (from L2 in isolated benchmarks whose
 *    operands fit in it: repetitions re-read the same weights);
 *  - body = smooth max of the two; the time is then scaled by
 *    exp(residual(log2 M, log2 N, log2 K)), the fitted residual surface.
 * Spec peaks come from the GpuSpec, so other GPUs scale the same curve.
 */
import type { GpuSpec } from '../types.js';
import { smCount } from './hardware-peaks.js';
import { inRange, smoothMax, waveUtilisation, withLaunch, type KernelTime, type LaunchMode } from './kernel-time.js';
import type { GemmParams } from './params.js';
import { buildResidualGrid, readResidualGrid, type ResidualGrid } from './residual-grid.js';

export const GEMM_TILE = 128;

export interface GemmShape {
  M: number;
  N: number;
  K: number;
  /** Bytes per element of A (activations) and B (weights) and of the output. */
  aBytes: number;
  bBytes: number;
  outBytes: number;
  /** Independent GEMMs of this shape in one kernel (grouped/batched GEMM). */
  groups?: number;
}

/**
 * cuBLAS splits K across CTAs when the output tiles cannot fill the GPU
 * (NVIDIA cuBLAS docs, split-K heuristics; CUTLASS "split-K serial/parallel"):
 * then a second kernel reduces the partial sums. Visible in the H100 data as a
 * ~10 us step for narrow outputs with long K (e.g. N = 576..4096 at K >= 4096).
 */
export function usesSplitK(gpu: GpuSpec, s: GemmShape): boolean {
  const tiles = Math.ceil(s.M / GEMM_TILE) * Math.ceil(s.N / GEMM_TILE) * (s.groups ?? 1);
  return 2 * tiles <= smCount(gpu) && s.K >= 4096;
}

/**
 * Wave utilisation with the better of 64- and 128-row tiles: cuBLAS picks a
 * smaller tile when 128-row tiles would leave SMs idle (Hopper WGMMA tiles are
 * 64 rows per warpgroup).
 */
export function bestWaveUtilisation(gpu: GpuSpec, s: GemmShape): number {
  const groups = s.groups ?? 1;
  const sms = smCount(gpu);
  const n = Math.ceil(s.N / GEMM_TILE) * groups;
  const big = waveUtilisation(Math.ceil(s.M / GEMM_TILE) * n, sms);
  const small = waveUtilisation(Math.ceil(s.M / 64) * n, sms);
  return big > small ? big : small;
}

export function gemmFlops(s: GemmShape): number {
  return 2 * s.M * s.N * s.K * (s.groups ?? 1);
}

export function gemmBytes(s: GemmShape): number {
  return (s.M * s.K * s.aBytes + s.K * s.N * s.bBytes + s.M * s.N * s.outBytes) * (s.groups ?? 1);
}

const grids = new WeakMap<GemmParams['residual'], ResidualGrid>();
function gridOf(p: GemmParams): ResidualGrid {
  let g = grids.get(p.residual);
  if (!g) { g = buildResidualGrid(p.residual); grids.set(p.residual, g); }
  return g;
}

/** The fitted curve without launch costs, ms; `residual: false` gives the pure physical curve (used by the fit). */
export function gemmBodyMs(gpu: GpuSpec, peakFlopsPerSecond: number, s: GemmShape, p: GemmParams, residual = true, mode: LaunchMode = 'graph'): { ms: number; computeMs: number; memoryMs: number; correction: number } {
  const wave = Math.pow(bestWaveUtilisation(gpu, s), p.waveExponent);
  const eff = p.maxEfficiency * wave * (s.K / (s.K + p.kHalf)) * (s.M / (s.M + p.mHalf));
  const ideal = (gemmFlops(s) / (peakFlopsPerSecond * eff)) * 1e3;
  // Power-limit clock droop on long compute-bound kernels (the H100 data: fp8 GEMMs of
  // > 3 ms sustain ~1240 TFLOP/s, those under 2 ms reach 1320-1370).
  const computeMs = ideal * (1 + p.throttleFraction * (ideal / (ideal + p.throttleTauMs)));
  const bytes = gemmBytes(s);
  const l2Resident = mode === 'isolated' && gpu.l2CacheBytes !== undefined && bytes <= gpu.l2CacheBytes;
  const memoryMs = (bytes / (gpu.memoryBandwidthBytesPerSecond * (l2Resident ? p.l2BandwidthFactor : p.bandwidthEfficiency))) * 1e3;
  const ms = smoothMax(computeMs, memoryMs, p.q);
  const correction = residual ? Math.exp(readResidualGrid(gridOf(p), Math.log2(s.M), Math.log2(s.N), Math.log2(s.K))) : 1;
  return { ms, computeMs, memoryMs, correction };
}

export function gemmTime(gpu: GpuSpec, peakFlopsPerSecond: number, s: GemmShape, p: GemmParams, mode: LaunchMode, graphLaunchMs: number): KernelTime {
  const body = gemmBodyMs(gpu, peakFlopsPerSecond, s, p, true, mode);
  // The residual was measured on isolated kernels (launch floor included: cuBLAS
  // split-K reductions and algorithm switches show up there); in a CUDA graph it
  // scales the kernel body only.
  const splitK = usesSplitK(gpu, s);
  const timeMs = mode === 'isolated'
    ? (withLaunch(body.ms, p, mode, graphLaunchMs) + (splitK ? p.splitKOverheadMs : 0)) * body.correction
    : (splitK ? 2 : 1) * graphLaunchMs + body.ms * body.correction;
  const computeBound = body.computeMs >= body.memoryMs;
  const efficiency = computeBound
    ? gemmFlops(s) / (peakFlopsPerSecond * timeMs * 1e-3)
    : gemmBytes(s) / (gpu.memoryBandwidthBytesPerSecond * timeMs * 1e-3);
  const covered = inRange(s.M, p.range.M) && inRange(s.N, p.range.N) && inRange(s.K, p.range.K);
  const bound = body.ms < 0.25 * timeMs ? 'latency' : computeBound ? 'compute' : 'memory';
  return { timeMs, bound, efficiency: Math.min(1, efficiency), provenance: covered ? 'fitted' : 'extrapolated' };
}
