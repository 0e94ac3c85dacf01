/**
 * Attention kernel times (FlashAttention-style: Q tiles of 128 rows stream
 * over K/V tiles of 128 columns; Dao, FlashAttention-2, arXiv 2307.08691).
 *
 * Prefill: FLOPs = 4 x D x (query-key pairs) per head (QK^T and PV, 2 FLOPs
 * per multiply-add each); a causal square of S tokens has S(S+1)/2 pairs,
 * ~half the square. The kernel runs one CTA per (sequence, head, Q tile) and
 * each CTA walks its KV tiles; efficiency = maxEfficiency x waveUtil^w x
 * kvTiles / (kvTiles + blockOverhead) (fixed per-CTA prologue/epilogue and the
 * masked diagonal tile).
 *
 * Decode: one query per sequence (the GQA group folded into the query rows)
 * reads the sequence's whole K and V: bytes = tokens x 2 x kvHeads x D x kv
 * bytes. Without split-KV only B x kvHeads CTAs run, each pulling a limited
 * bandwidth (per-SM memory-level parallelism), so B = 1 reaches ~10% of HBM
 * (measured); serving kernels (FlashDecoding, FlashInfer, FlashMLA) split the
 * context so that enough CTAs run: achieved = smooth min(HBM x eff, CTAs x per-CTA).
 */
import type { GpuSpec } from '../types.js';
import { smCount } from './hardware-peaks.js';
import { inRange, smoothMax, waveUtilisation, withLaunch, type KernelTime, type LaunchMode } from './kernel-time.js';
import type { AttentionDecodeParams, AttentionPrefillParams } from './params.js';

export const ATTN_TILE = 128;

export interface PrefillAttentionShape {
  /** Sequences, query heads (on this GPU), head dims of QK and of V. */
  batch: number;
  heads: number;
  qkDim: number;
  vDim: number;
  /** New (query) tokens per sequence and keys each query block sees on average. */
  queryTokens: number;
  /** Query-key pairs per sequence per head (causal: n(n+1)/2 + n x past; windowed/top-k: fewer). */
  pairs: number;
  /** Bytes moved (Q, K, V read, O written), for the memory side. */
  bytes: number;
}

export function prefillAttentionFlops(s: PrefillAttentionShape): number {
  return 2 * s.batch * s.heads * s.pairs * (s.qkDim + s.vDim);
}

export function prefillAttentionBodyMs(gpu: GpuSpec, peak: number, s: PrefillAttentionShape, p: AttentionPrefillParams): { ms: number; computeMs: number; memoryMs: number } {
  const qTiles = Math.ceil(s.queryTokens / ATTN_TILE);
  const ctas = s.batch * s.heads * qTiles;
  // Average KV tiles each CTA walks (pairs per Q tile / tile area).
  const kvTiles = Math.max(1, s.pairs / (qTiles * ATTN_TILE * ATTN_TILE));
  const eff = p.maxEfficiency * Math.pow(waveUtilisation(ctas, smCount(gpu)), p.waveExponent) * (kvTiles / (kvTiles + p.blockOverhead));
  const computeMs = (prefillAttentionFlops(s) / (peak * eff)) * 1e3;
  const memoryMs = (s.bytes / (gpu.memoryBandwidthBytesPerSecond * 0.9)) * 1e3;
  return { ms: smoothMax(computeMs, memoryMs, p.q), computeMs, memoryMs };
}

export function prefillAttentionTime(gpu: GpuSpec, peak: number, s: PrefillAttentionShape, p: AttentionPrefillParams, mode: LaunchMode, graphLaunchMs: number): KernelTime {
  const body = prefillAttentionBodyMs(gpu, peak, s, p);
  const timeMs = withLaunch(body.ms, p, mode, graphLaunchMs);
  const computeBound = body.computeMs >= body.memoryMs;
  const covered = inRange(s.queryTokens, p.range.tokens) && inRange(s.batch * s.heads, p.range.batchHeads);
  return {
    timeMs,
    bound: body.ms < 0.25 * timeMs ? 'latency' : computeBound ? 'compute' : 'memory',
    efficiency: Math.min(1, computeBound ? prefillAttentionFlops(s) / (peak * timeMs * 1e-3) : s.bytes / (gpu.memoryBandwidthBytesPerSecond * timeMs * 1e-3)),
    provenance: covered ? 'fitted' : 'extrapolated',
  };
}

export interface DecodeAttentionShape {
  /** Bytes read from the KV cache plus Q/O traffic. */
  bytes: number;
  /** Math FLOPs (QK^T and PV) - decode attention is memory-bound unless heads share a latent (MLA). */
  flops: number;
  /** CTAs the kernel launches (sequences x KV heads x KV splits). */
  ctas: number;
  /** Context tokens per sequence (for the provenance range). */
  context: number;
}

export function decodeAttentionBodyMs(gpu: GpuSpec, peak: number, s: DecodeAttentionShape, p: AttentionDecodeParams, computeEfficiency: number): { ms: number; computeMs: number; memoryMs: number } {
  const bw = gpu.memoryBandwidthBytesPerSecond;
  const hbmMs = s.bytes / (bw * p.bandwidthEfficiency);
  const ctaMs = s.bytes / (bw * p.perCtaBandwidthFraction * Math.max(1, s.ctas));
  const memoryMs = smoothMax(hbmMs, ctaMs, p.q) * 1e3;
  const computeMs = (s.flops / (peak * computeEfficiency)) * 1e3;
  return { ms: Math.max(memoryMs, computeMs), computeMs, memoryMs };
}

export function decodeAttentionTime(gpu: GpuSpec, peak: number, s: DecodeAttentionShape, p: AttentionDecodeParams, computeEfficiency: number, mode: LaunchMode, graphLaunchMs: number): KernelTime {
  const body = decodeAttentionBodyMs(gpu, peak, s, p, computeEfficiency);
  const timeMs = withLaunch(body.ms, p, mode, graphLaunchMs);
  const computeBound = body.computeMs > body.memoryMs;
  const covered = inRange(s.context, p.range.context);
  return {
    timeMs,
    bound: body.ms < 0.25 * timeMs ? 'latency' : computeBound ? 'compute' : 'memory',
    efficiency: Math.min(1, computeBound ? s.flops / (peak * timeMs * 1e-3) : s.bytes / (gpu.memoryBandwidthBytesPerSecond * timeMs * 1e-3)),
    provenance: covered ? 'fitted' : 'extrapolated',
  };
}

/**
 * KV splits a serving decode kernel uses so that at least two CTAs per SM run
 * (FlashDecoding's split-KV heuristic), never splitting below 256 tokens a chunk.
 */
export function decodeKvSplits(gpu: GpuSpec, sequences: number, kvHeads: number, context: number): number {
  const want = Math.ceil((2 * smCount(gpu)) / Math.max(1, sequences * kvHeads));
  return Math.max(1, Math.min(want, Math.ceil(context / 256)));
}
