/**
 * What every kernel model returns, and the launch/overhead convention shared
 * by all of them.
 */
import type { Bound, Provenance } from '../types.js';
import type { LaunchParams } from './params.js';

export interface KernelTime {
  timeMs: number;
  bound: Bound;
  /** Achieved fraction of the bounding spec peak (tensor-core FLOP/s or HBM bytes/s). */
  efficiency: number;
  provenance: Provenance;
}

/**
 * How kernels are launched. 'isolated': one kernel timed alone with CUDA
 * events, as in the calibration benchmark (pays a floor of ~20 us on H100).
 * 'graph': a kernel node inside a captured CUDA graph, as vLLM/SGLang/TRT-LLM
 * run decode; it pays `graphLaunchMs` instead.
 */
export type LaunchMode = 'isolated' | 'graph';

export function withLaunch(bodyMs: number, launch: LaunchParams, mode: LaunchMode, graphLaunchMs: number): number {
  if (mode === 'graph') return graphLaunchMs + bodyMs;
  return Math.max(launch.isolatedFloorMs, launch.isolatedLaunchMs + bodyMs);
}

/** Smooth maximum of two times: (a^q + b^q)^(1/q); q -> infinity is max(a, b). */
export function smoothMax(a: number, b: number, q: number): number {
  if (a <= 0) return b;
  if (b <= 0) return a;
  const m = a > b ? a : b;
  const rq = Math.pow((a > b ? b : a) / m, q);
  // m (1 + r^q)^(1/q); for r^q < 1e-6 the first-order term is exact to 1e-12 relative.
  return rq < 1e-6 ? m * (1 + rq / q) : m * Math.pow(1 + rq, 1 / q);
}

/** Share of SMs busy over all waves when `ctas` equal blocks run on `sms` SMs (wave quantisation). */
export function waveUtilisation(ctas: number, sms: number): number {
  if (ctas <= 0) return 1;
  const waves = Math.ceil(ctas / sms);
  return ctas / (waves * sms);
}

export function inRange(x: number, range: [number, number]): boolean {
  // 1% slack: a shape on the edge of the data is not an extrapolation.
  return x >= range[0] * 0.99 && x <= range[1] * 1.01;
}
