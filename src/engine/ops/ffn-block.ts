/**
 * One layer's FFN block on one GPU: post-attention norm, dense SwiGLU/GELU FFN
 * or MoE (router, routed experts as grouped GEMMs, shared experts), and the
 * communication the layout needs.
 *
 * Routed experts: routes = tokens x active spread over ep ranks; each rank gets
 * the mean routes/ep times a load-imbalance factor for the busiest rank,
 * 1 + sqrt(2 ln(ep) / mean) (the expected maximum of ep roughly Gaussian
 * binomial loads: E[max] ~ mean + sigma sqrt(2 ln n), sigma ~ sqrt(mean);
 * Gumbel extreme-value approximation), capped by tokens x min(active, local experts).
 */
import type { StepContext } from '../step-context.js';
import { expertAllToAllOps, stageGatherOps, tpAllReduceOp } from './comm-ops.js';
import { fmt, gemmOp, memoryOp, moeOp } from './kernels.js';
import type { RankLoad } from './rank-load.js';
import type { OpSink } from './sink.js';

export function loadImbalance(meanRoutes: number, ep: number): number {
  if (ep <= 1 || meanRoutes <= 0) return 1;
  return 1 + Math.sqrt((2 * Math.log(ep)) / meanRoutes);
}

export function denseFfn(ctx: StepContext, sink: OpSink, tokens: number, intermediate: number, prefix = ''): void {
  const { model, a } = ctx;
  const I = intermediate / ctx.layout.tp;
  const up = model.ffnActivation === 'swiglu' ? 2 * I : I;
  const cat = prefix ? 'experts' : 'dense_ffn';
  gemmOp(ctx, sink, `${prefix}gate_up_proj`, cat, tokens, up, model.hidden);
  memoryOp(ctx, sink, `${prefix}act`, tokens * (up + I) * a, model.ffnActivation === 'swiglu' ? 'SiLU(gate) x up' : 'GELU');
  if (ctx.quantisesActivations) memoryOp(ctx, sink, `${prefix}act_quant`, tokens * I * (a + 1), 'FP8 quantisation of the down-projection input');
  gemmOp(ctx, sink, `${prefix}down_proj`, cat, tokens, model.hidden, I);
}

/** The attention output all-reduce and post-attention norm (attention side). */
export function postAttention(ctx: StepContext, sink: OpSink, load: RankLoad): void {
  tpAllReduceOp(ctx, sink, 'attn_allreduce', load.tokens);
  memoryOp(ctx, sink, 'post_attn_norm', 4 * load.tokens * ctx.model.hidden * ctx.a, 'fused residual add + RMSNorm');
  if (ctx.quantisesActivations) memoryOp(ctx, sink, 'ffn_act_quant', load.tokens * ctx.model.hidden * (ctx.a + 1), 'per-token FP8 quantisation of the FFN input');
}

export function denseFfnBlock(ctx: StepContext, sink: OpSink, load: RankLoad): void {
  denseFfn(ctx, sink, load.tokens, ctx.model.denseIntermediate);
  tpAllReduceOp(ctx, sink, 'ffn_allreduce', load.tokens);
}

/** Router and the expert parts of a MoE layer; `part` selects the AFD side. */
export function moeBlock(ctx: StepContext, sink: OpSink, load: RankLoad, part: 'all' | 'attention' | 'ffn'): void {
  const { model, layout, a } = ctx;
  const moe = model.moe!;
  const T = load.tokens;
  if (part !== 'ffn') {
    gemmOp(ctx, sink, 'router', 'experts', T, moe.experts, model.hidden, { bf16: true });
    memoryOp(ctx, sink, 'topk_softmax', T * moe.experts * 4 * 2, `router softmax + top-${moe.active}`);
  }
  if (part === 'attention') return;
  const usesAllToAll = layout.ep > 1 && layout.attentionDp > 1;
  const gathers = layout.ep === 1 && layout.attentionDp > 1;
  if (part === 'all' && usesAllToAll) expertAllToAllOps(ctx, sink, T, load.groups.some((g) => g.newTokens > 1));
  if (part === 'all' && gathers) stageGatherOps(ctx, sink, load.instanceTokens);
  const meanRoutes = (load.instanceTokens * moe.active) / layout.ep;
  const cap = load.instanceTokens * Math.min(moe.active, ctx.expertsPerGpu);
  const routes = Math.min(cap, meanRoutes * loadImbalance(meanRoutes, layout.ep));
  const inter = moe.expertIntermediate / ctx.moeTp;
  memoryOp(ctx, sink, 'moe_permute', routes * model.hidden * (ctx.quantisesActivations ? 1 : a) * 2, 'gather tokens by expert (permute)');
  moeOp(ctx, sink, 'routed_experts', {
    routes, experts: ctx.expertsPerGpu, hidden: model.hidden, inter,
    matrices: model.ffnActivation === 'swiglu' ? 3 : 2, aBytes: a, wBytes: ctx.w,
  }, () => `grouped GEMM: ${fmt(routes)} routes (imbalance ${loadImbalance(meanRoutes, layout.ep).toFixed(2)}) over ${ctx.expertsPerGpu} local experts, inter ${fmt(inter)}`);
  memoryOp(ctx, sink, 'moe_unpermute', routes * model.hidden * a * 2, 'scatter expert outputs and weight by router scores');
  if (moe.shared > 0) denseFfn(ctx, sink, T, moe.shared * (moe.sharedIntermediate ?? moe.expertIntermediate), 'shared_');
  if (part === 'all' && !usesAllToAll && !gathers) tpAllReduceOp(ctx, sink, 'moe_allreduce', T);
}
