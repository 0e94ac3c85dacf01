/**
 * Kernel calls as the step's operators use them: the fitted models of
 * ../efficiency in CUDA-graph launch mode, corrected by a registered kernel
 * table (measured mode) when one exists for this GPU.
 */
import { decodeAttentionTime, prefillAttentionTime, type DecodeAttentionShape, type PrefillAttentionShape } from '../efficiency/attention-time.js';
import { gemmBytes, gemmFlops, gemmTime, type GemmShape } from '../efficiency/gemm-time.js';
import type { KernelTime } from '../efficiency/kernel-time.js';
import { memoryKernelTime } from '../efficiency/memory-time.js';
import { moeBytes, moeFlops, moeTime, type MoeShape } from '../efficiency/moe-time.js';
import { tableRatio } from '../efficiency/kernel-table.js';
import type { StepContext } from '../step-context.js';
import type { OpCategory } from '../types.js';
import type { OpSink } from './sink.js';

function adjust(t: KernelTime, ctx: StepContext, family: string, key: string, x: number[]): KernelTime {
  if (!ctx.table) return t;
  const r = tableRatio(ctx.table, family, key, x);
  if (!r) return t;
  return { ...t, timeMs: t.timeMs * r.ratio, efficiency: t.efficiency / r.ratio, provenance: r.provenance };
}

/** A GEMM in the deployment's weight precision (activations quantised to fp8 when weights are fp8). */
export function gemmOp(ctx: StepContext, sink: OpSink, name: string, category: OpCategory, M: number, N: number, K: number, opts: { bf16?: boolean; groups?: number } = {}): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  const bf16 = opts.bf16 || ctx.gemmDtype === 'bf16';
  const shape: GemmShape = bf16
    ? { M, N, K, aBytes: ctx.a, bBytes: opts.bf16 ? ctx.a : ctx.w, outBytes: ctx.a, groups: opts.groups }
    : { M, N, K, aBytes: ctx.gemmABytes, bBytes: ctx.w, outBytes: ctx.a, groups: opts.groups };
  const curve = bf16 ? ctx.eff.gemm.bf16 : ctx.gemmCurve;
  const peak = bf16 ? ctx.bf16Peak : ctx.gemmPeak;
  let t = gemmTime(ctx.gpu, peak, shape, curve, 'graph', ctx.eff.graphLaunchMs);
  const dtype = bf16 ? 'bf16' : 'fp8';
  if (ctx.table) t = adjust(t, ctx, `gemm ${dtype}`, `gemm|${dtype}|${M}|${N}|${K}`, [Math.log2(M), Math.log2(N), Math.log2(K)]);
  sink.op(name, category, gemmFlops(shape), gemmBytes(shape), t, undefined,
    () => `GEMM ${opts.groups && opts.groups > 1 ? `${opts.groups} x ` : ''}[${fmt(M)} x ${K}] x [${K} x ${N}] ${dtype}`);
}

/** A memory-bound (elementwise) kernel moving `bytes`. */
export function memoryOp(ctx: StepContext, sink: OpSink, name: string, bytes: number, note: string): void {
  if (bytes <= 0) return;
  sink.op(name, 'elementwise', 0, bytes, memoryKernelTime(ctx.gpu, bytes, ctx.eff.hbm, 'graph', ctx.eff.graphLaunchMs), undefined, () => note);
}

export function prefillAttentionOp(ctx: StepContext, sink: OpSink, name: string, s: PrefillAttentionShape, note: () => string): void {
  let t = prefillAttentionTime(ctx.gpu, ctx.bf16Peak, s, ctx.eff.attentionPrefill, 'graph', ctx.eff.graphLaunchMs);
  if (ctx.table) t = adjust(t, ctx, 'attn_prefill', '', [Math.log2(s.batch * s.heads), Math.log2(s.queryTokens)]);
  sink.op(name, 'attention', 2 * s.batch * s.heads * s.pairs * (s.qkDim + s.vDim), s.bytes, t, undefined, note);
}

export function decodeAttentionOp(ctx: StepContext, sink: OpSink, name: string, s: DecodeAttentionShape, note: () => string, category: OpCategory = 'attention'): void {
  let t = decodeAttentionTime(ctx.gpu, ctx.bf16Peak, s, ctx.eff.attentionDecode, ctx.eff.attentionPrefill.maxEfficiency, 'graph', ctx.eff.graphLaunchMs);
  if (ctx.table) t = adjust(t, ctx, 'attn_decode', '', [Math.log2(Math.max(1, s.ctas)), Math.log2(Math.max(1, s.context))]);
  sink.op(name, category, s.flops, s.bytes, t, undefined, note);
}

export function moeOp(ctx: StepContext, sink: OpSink, name: string, s: MoeShape, note: () => string): void {
  const bf16 = ctx.gemmDtype === 'bf16';
  const shape: MoeShape = { ...s, aBytes: bf16 ? ctx.a : ctx.gemmABytes, wBytes: ctx.w };
  let t = moeTime(ctx.gpu, bf16 ? ctx.bf16Peak : ctx.gemmPeak, shape, bf16 ? ctx.eff.gemm.bf16 : ctx.gemmCurve, ctx.eff.moe, ctx.eff.hbm, 'graph', ctx.eff.graphLaunchMs);
  if (ctx.table) t = adjust(t, ctx, 'moe_ffn', '', [Math.log2(Math.max(1, s.routes / s.experts)), Math.log2(s.hidden * s.inter)]);
  sink.op(name, 'experts', moeFlops(shape), moeBytes(shape), t, undefined, note);
}

export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
