/**
 * One layer's attention block on one GPU: pre-norm, projections, rotary and
 * KV-cache write, attention core, output projection. Shapes follow the Hugging
 * Face reference implementations (LlamaAttention; DeepseekV3Attention) with
 * Megatron TP (heads split over tp, output projection followed by an
 * all-reduce, counted in ffn-block/comm-ops).
 *
 * MLA (DeepSeek-V2, arXiv 2405.04434, sec. 2.1; absorbed form as in SGLang's
 * and FlashMLA's decode): prefill decompresses K and V with kv_b_proj for every
 * key in the span and runs multi-head attention with q/k dim nope + rope and v
 * dim value_dim; decode absorbs W_UK into the query (per-head bmm q_nope x
 * W_UK -> kvRank) and W_UV after attention, so attention runs in the latent
 * space as MQA with dim kvRank + rope over the cached latent (one copy per
 * TP rank: the latent has no head dimension).
 *
 * DSA (DeepSeek-V3.2-Exp): a lightning indexer scores every cached key per
 * query in FP8 (indexer heads x indexer dim), top-k keys are kept, and MLA
 * runs absorbed over those k keys only, in prefill as in decode.
 */
import type { StepContext } from '../step-context.js';
import { attentionPairs, keysSeen } from './attention-pairs.js';
import { decodeAttentionOp, fmt, gemmOp, memoryOp, prefillAttentionOp } from './kernels.js';
import { decodeKvSplits } from '../efficiency/attention-time.js';
import type { RankLoad } from './rank-load.js';
import type { OpSink } from './sink.js';

export function attentionBlock(ctx: StepContext, sink: OpSink, load: RankLoad, windowed: boolean): void {
  const { model, a } = ctx;
  const T = load.tokens;
  const h = model.hidden;
  // Fused residual add + RMSNorm: read x and residual, write the sum and the normed x.
  memoryOp(ctx, sink, 'input_norm', 4 * T * h * a, 'fused residual add + RMSNorm');
  if (ctx.quantisesActivations) memoryOp(ctx, sink, 'act_quant', T * h * (a + 1), 'per-token FP8 quantisation of the GEMM input');
  const sp = model.sparsity;
  const limit = windowed && sp?.slidingWindow ? sp.slidingWindow : sp?.topK ?? Infinity;
  if (model.attention.kind === 'gqa') gqaAttention(ctx, sink, load, limit);
  else mlaAttention(ctx, sink, load, limit);
}

function gqaAttention(ctx: StepContext, sink: OpSink, load: RankLoad, limit: number): void {
  const { model, a, kv } = ctx;
  const att = model.attention as { heads: number; kvHeads: number; headDim: number };
  const T = load.tokens;
  const hq = ctx.headsPerGpu, hkv = ctx.kvHeadsPerGpu, D = att.headDim;
  gemmOp(ctx, sink, 'qkv_proj', 'attention', T, (hq + 2 * hkv) * D, model.hidden);
  // Rotary on q and k (read + write), then k and v appended to the paged KV cache.
  memoryOp(ctx, sink, 'rotary_kv_write', T * (hq + hkv) * D * a * 2 + T * 2 * hkv * D * (a + kv), 'rotary embedding on q, k + KV-cache write');
  for (let i = 0; i < load.groups.length; i++) {
    const g = load.groups[i];
    const name = load.groups.length > 1 ? `attn_${g.newTokens === 1 ? 'decode' : 'prefill'}[${i}]` : g.newTokens === 1 ? 'attn_decode' : 'attn_prefill';
    const keys = keysSeen(g.newTokens, g.pastTokens, limit);
    if (g.newTokens === 1) {
      const splits = decodeKvSplits(ctx.gpu, g.seqs, hkv, keys);
      decodeAttentionOp(ctx, sink, name, {
        bytes: g.seqs * keys * 2 * hkv * D * kv + g.seqs * hq * D * a * 2,
        flops: 4 * g.seqs * hq * keys * D,
        ctas: g.seqs * hkv * splits,
        context: keys,
      }, () => `${g.seqs} seq x ${hq} heads (${hkv} KV) x ${fmt(keys)} keys, split-KV ${splits}`);
    } else {
      const pairs = attentionPairs(g.newTokens, g.pastTokens, limit);
      prefillAttentionOp(ctx, sink, name, {
        batch: g.seqs, heads: hq, qkDim: D, vDim: D, queryTokens: g.newTokens, pairs,
        bytes: g.seqs * (g.newTokens * hq * D * a * 2 + keys * 2 * hkv * D * kv),
      }, () => `${g.seqs} seq x ${hq} heads x ${g.newTokens} new tokens after ${g.pastTokens} cached${Number.isFinite(limit) ? `, window ${limit}` : ''}`);
    }
  }
  gemmOp(ctx, sink, 'o_proj', 'attention', T, model.hidden, hq * D);
}

function mlaAttention(ctx: StepContext, sink: OpSink, load: RankLoad, limit: number): void {
  const { model, a, kv } = ctx;
  const att = model.attention as { heads: number; qRank: number; kvRank: number; ropeDim: number; nopeDim: number; valueDim: number };
  const T = load.tokens;
  const h = model.hidden;
  const hq = ctx.headsPerGpu;
  const qk = att.nopeDim + att.ropeDim;
  const latent = att.kvRank + att.ropeDim;
  const sp = model.sparsity;
  const dsa = !!(sp?.topK && sp.indexerHeads && sp.indexerDim);
  // q_a_proj and kv_a_proj_with_mqa share the input: one fused GEMM (SGLang fused_qkv_a_proj_with_mqa); replicated over TP.
  if (att.qRank > 0) {
    gemmOp(ctx, sink, 'qkv_a_proj', 'attention', T, att.qRank + latent, h);
    memoryOp(ctx, sink, 'q_a_norm', 2 * T * att.qRank * a + 2 * T * att.kvRank * a, 'RMSNorm of the q and kv latents');
    gemmOp(ctx, sink, 'q_b_proj', 'attention', T, hq * qk, att.qRank);
  } else {
    gemmOp(ctx, sink, 'q_proj', 'attention', T, hq * qk, h);
    gemmOp(ctx, sink, 'kv_a_proj', 'attention', T, latent, h);
    memoryOp(ctx, sink, 'kv_a_norm', 2 * T * att.kvRank * a, 'RMSNorm of the kv latent');
  }
  memoryOp(ctx, sink, 'rotary_kv_write', T * hq * att.ropeDim * a * 2 + T * latent * (a + kv), 'rotary on q_pe, k_pe + latent KV-cache write');
  if (dsa) indexer(ctx, sink, load);
  const absorbedAlways = dsa;
  const decodeGroups = load.groups.filter((g) => g.newTokens === 1 || absorbedAlways);
  const prefillGroups = load.groups.filter((g) => !(g.newTokens === 1 || absorbedAlways));
  if (decodeGroups.length > 0) {
    const Td = decodeGroups.reduce((s, g) => s + g.seqs * g.newTokens, 0);
    // W_UK absorbed into the query: per head [Td x nope] x [nope x kvRank] (bf16 bmm).
    gemmOp(ctx, sink, 'q_absorb', 'attention', Td, att.kvRank, att.nopeDim, { bf16: true, groups: hq });
    decodeGroups.forEach((g, i) => {
      const keys = keysSeen(g.newTokens, g.pastTokens, limit);
      const pairs = attentionPairs(g.newTokens, g.pastTokens, limit);
      // FlashMLA tiles (query token x head) rows in blocks of 64 and splits the keys until the SMs are busy.
      const rowBlocks = Math.ceil((g.newTokens * hq) / 64);
      const splits = decodeKvSplits(ctx.gpu, g.seqs, rowBlocks, keys);
      decodeAttentionOp(ctx, sink, decodeGroups.length > 1 ? `attn_mla_absorbed[${i}]` : 'attn_mla_absorbed', {
        bytes: g.seqs * (Math.min(pairs, keys * Math.ceil(g.newTokens / 64)) * latent * kv + g.newTokens * hq * (latent + att.kvRank) * a),
        flops: 2 * g.seqs * hq * pairs * (latent + att.kvRank),
        ctas: g.seqs * rowBlocks * splits,
        context: keys,
      }, () => `MQA over the latent: ${g.seqs} seq x ${hq} heads x ${g.newTokens} queries x ${fmt(keys)} keys (dim ${latent}/${att.kvRank})`);
    });
    gemmOp(ctx, sink, 'v_absorb', 'attention', Td, att.valueDim, att.kvRank, { bf16: true, groups: hq });
  }
  prefillGroups.forEach((g, i) => {
    const span = keysSeen(g.newTokens, g.pastTokens, limit);
    gemmOp(ctx, sink, prefillGroups.length > 1 ? `kv_b_proj[${i}]` : 'kv_b_proj', 'attention', g.seqs * (g.pastTokens + g.newTokens), hq * (att.nopeDim + att.valueDim), att.kvRank);
    prefillAttentionOp(ctx, sink, prefillGroups.length > 1 ? `attn_prefill[${i}]` : 'attn_prefill', {
      batch: g.seqs, heads: hq, qkDim: qk, vDim: att.valueDim, queryTokens: g.newTokens,
      pairs: attentionPairs(g.newTokens, g.pastTokens, limit),
      bytes: g.seqs * (g.newTokens * hq * (qk + att.valueDim) * a + span * hq * (qk + att.valueDim) * a),
    }, () => `MHA after kv_b_proj: ${g.seqs} seq x ${hq} heads x ${g.newTokens} new after ${g.pastTokens} cached (qk ${qk}, v ${att.valueDim})`);
  });
  gemmOp(ctx, sink, 'o_proj', 'attention', T, h, hq * att.valueDim);
}

/** DSA lightning indexer (DeepSeek-V3.2-Exp inference/model.py `Indexer`). */
function indexer(ctx: StepContext, sink: OpSink, load: RankLoad): void {
  const { model, kv } = ctx;
  const sp = model.sparsity!;
  const iH = sp.indexerHeads!, iD = sp.indexerDim!;
  const T = load.tokens;
  const att = model.attention as { qRank: number };
  const qIn = att.qRank > 0 ? att.qRank : model.hidden;
  gemmOp(ctx, sink, 'indexer_q_proj', 'attention', T, iH * iD, qIn);
  gemmOp(ctx, sink, 'indexer_k_weights_proj', 'attention', T, iD + iH, model.hidden, { bf16: true });
  load.groups.forEach((g, i) => {
    const span = g.pastTokens + g.newTokens;
    const pairs = attentionPairs(g.newTokens, g.pastTokens);
    // Scores: every query against every cached indexer key, FP8 math; reads the index keys once per query tile.
    decodeAttentionOp(ctx, sink, load.groups.length > 1 ? `indexer_score[${i}]` : 'indexer_score', {
      bytes: g.seqs * (span * iD * kv * Math.ceil(g.newTokens / 64) + pairs * 4),
      flops: 2 * g.seqs * pairs * iH * iD / 2, // fp8 math runs at twice the bf16 peak used by the attention model
      ctas: g.seqs * Math.max(1, Math.ceil(span / 256)) * Math.ceil(g.newTokens / 64),
      context: span,
    }, () => `indexer: ${g.seqs} seq x ${g.newTokens} queries x ${span} keys x ${iH} heads, top-${sp.topK} select`);
  });
}
