/**
 * Routed-expert FFN of one MoE layer as grouped GEMMs (torch._grouped_mm,
 * DeepGEMM, CUTLASS grouped GEMM): gate+up [m, hidden] x [hidden, 2 inter] and
 * down [m, inter] x [inter, hidden] for every expert that received tokens, plus
 * SiLU x mul. With `routes` token-expert pairs spread over `experts`, the
 * kernel touches min(experts, expected distinct) experts (each one's weights
 * read once) and gives each ~routes / touched rows.
 */
import type { GpuSpec } from '../types.js';
import { gemmBodyMs, type GemmShape } from './gemm-time.js';
import { inRange, withLaunch, type KernelTime, type LaunchMode } from './kernel-time.js';
import type { GemmParams, HbmParams, MoeParams } from './params.js';
import { memoryBodyMs } from './memory-time.js';

export interface MoeShape {
  /** Token-expert pairs this GPU computes (tokens x active, times any imbalance). */
  routes: number;
  /** Experts held on this GPU. */
  experts: number;
  hidden: number;
  /** Intermediate size of one expert on this GPU (after expert-TP sharding). */
  inter: number;
  /** 3 matrices (SwiGLU) or 2 (GELU). */
  matrices: 2 | 3;
  aBytes: number;
  wBytes: number;
  /** Tokens spread exactly evenly (the calibration benchmark) instead of at random. */
  evenRouting?: boolean;
}

/** Expected distinct experts hit when `routes` picks fall uniformly on `experts` (balls into bins). */
export function expertsTouched(routes: number, experts: number): number {
  if (routes <= 0) return 0;
  return Math.min(experts, routes, experts * (1 - Math.pow(1 - 1 / experts, routes)));
}

export function moeShapes(s: MoeShape): { upGate: GemmShape; down: GemmShape; touched: number } {
  const touched = Math.max(1, s.evenRouting ? Math.min(s.experts, s.routes) : expertsTouched(s.routes, s.experts));
  const m = Math.max(1, s.routes / touched);
  const up = (s.matrices - 1) * s.inter;
  return {
    touched,
    upGate: { M: m, N: up, K: s.hidden, aBytes: s.aBytes, bBytes: s.wBytes, outBytes: s.aBytes, groups: touched },
    down: { M: m, N: s.hidden, K: s.inter, aBytes: s.aBytes, bBytes: s.wBytes, outBytes: s.aBytes, groups: touched },
  };
}

export function moeFlops(s: MoeShape): number {
  return 2 * s.routes * s.hidden * s.inter * s.matrices;
}

export function moeBytes(s: MoeShape): number {
  const touched = s.evenRouting ? Math.min(s.experts, s.routes) : expertsTouched(s.routes, s.experts);
  return touched * s.matrices * s.hidden * s.inter * s.wBytes + s.routes * (2 * s.hidden + (s.matrices + 1) * s.inter) * s.aBytes;
}

export function moeBodyMs(gpu: GpuSpec, peak: number, s: MoeShape, g: GemmParams, m: MoeParams, hbm: HbmParams, mode: LaunchMode = 'graph'): { ms: number; computeMs: number; memoryMs: number } {
  const { upGate, down } = moeShapes(s);
  const scaled: GemmParams = { ...g, maxEfficiency: g.maxEfficiency * m.computeScale, bandwidthEfficiency: Math.min(1, g.bandwidthEfficiency * m.bandwidthScale) };
  const a = gemmBodyMs(gpu, peak, upGate, scaled, false, mode);
  const b = gemmBodyMs(gpu, peak, down, scaled, false, mode);
  // SiLU(gate) x up: read 2 x inter, write inter per route.
  const act = memoryBodyMs(gpu, s.routes * 3 * s.inter * s.aBytes, hbm);
  return { ms: a.ms + b.ms + act, computeMs: a.computeMs + b.computeMs, memoryMs: a.memoryMs + b.memoryMs + act };
}

export function moeTime(gpu: GpuSpec, peak: number, s: MoeShape, g: GemmParams, m: MoeParams, hbm: HbmParams, mode: LaunchMode, graphLaunchMs: number): KernelTime {
  const body = moeBodyMs(gpu, peak, s, g, m, hbm, mode);
  // Three kernels (two grouped GEMMs, one activation) plus routing overhead.
  const timeMs = mode === 'graph'
    ? 3 * graphLaunchMs + body.ms
    : withLaunch(body.ms + m.overheadMs, g, mode, graphLaunchMs);
  const computeBound = body.computeMs >= body.memoryMs;
  return {
    timeMs,
    bound: computeBound ? 'compute' : 'memory',
    efficiency: Math.min(1, computeBound ? moeFlops(s) / (peak * timeMs * 1e-3) : moeBytes(s) / (gpu.memoryBandwidthBytesPerSecond * timeMs * 1e-3)),
    provenance: inRange(s.routes / Math.max(1, s.experts), m.range.tokens) ? 'fitted' : 'extrapolated',
  };
}
