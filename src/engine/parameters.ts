/**
 * Parameter counts per weight matrix, from a model's config. Biases and norm
 * scales are counted (they are tiny) only where a config has them for sure:
 * RMSNorm scales, two per layer plus the final one. Shapes follow the Hugging
 * Face reference implementations (LlamaForCausalLM, MixtralForCausalLM,
 * DeepseekV3ForCausalLM, Qwen3MoeForCausalLM, GptOssForCausalLM).
 */
import type { ModelSpec } from './types.js';

/** Weights of one attention block's projections, split by how TP shards them. */
export interface AttentionWeights {
  /** Matrices whose output (or input) dimension is per head: sharded by TP. */
  perHead: number;
  /** Low-rank down-projections of MLA (q_a_proj, kv_a_proj_with_mqa) and the DSA indexer key: replicated across TP ranks. */
  replicated: number;
}

export function attentionWeights(model: ModelSpec): AttentionWeights {
  const a = model.attention;
  const h = model.hidden;
  if (a.kind === 'gqa') {
    // q, k, v, o (LlamaAttention)
    const q = h * a.heads * a.headDim;
    const kv = 2 * h * a.kvHeads * a.headDim;
    const o = a.heads * a.headDim * h;
    return { perHead: q + kv + o, replicated: 0 };
  }
  // DeepseekV3Attention: q_a_proj [h -> qRank] + q_a_layernorm, q_b_proj [qRank -> heads*(nope+rope)]
  // (or q_proj [h -> heads*(nope+rope)] when qRank = 0), kv_a_proj_with_mqa [h -> kvRank+rope]
  // + kv_a_layernorm, kv_b_proj [kvRank -> heads*(nope+value)], o_proj [heads*value -> h].
  const qkHead = a.nopeDim + a.ropeDim;
  const qDown = a.qRank > 0 ? h * a.qRank + a.qRank : 0;
  const qUp = (a.qRank > 0 ? a.qRank : h) * a.heads * qkHead;
  const kvDown = h * (a.kvRank + a.ropeDim) + a.kvRank;
  const kvUp = a.kvRank * a.heads * (a.nopeDim + a.valueDim);
  const o = a.heads * a.valueDim * h;
  return { perHead: qUp + kvUp + o, replicated: qDown + kvDown + indexerWeights(model) };
}

/**
 * DeepSeek-V3.2 lightning indexer (DeepSeek-V3.2-Exp, inference/model.py `Indexer`):
 * wq_b [qRank -> iHeads*iDim], wk [h -> iDim] + k_norm, weights_proj [h -> iHeads].
 */
export function indexerWeights(model: ModelSpec): number {
  const s = model.sparsity;
  if (!s?.topK || !s.indexerHeads || !s.indexerDim) return 0;
  const qIn = model.attention.kind === 'mla' && model.attention.qRank > 0 ? model.attention.qRank : model.hidden;
  return qIn * s.indexerHeads * s.indexerDim + model.hidden * s.indexerDim + s.indexerDim + model.hidden * s.indexerHeads;
}

/** Gate/up/down of a SwiGLU FFN (three matrices) or up/down of a GELU FFN (two). */
export function ffnWeights(model: ModelSpec, intermediate: number): number {
  const matrices = model.ffnActivation === 'swiglu' ? 3 : 2;
  return matrices * model.hidden * intermediate;
}

export function isMoeLayer(model: ModelSpec, layer: number): boolean {
  return model.moe !== undefined && layer >= model.moe.denseFirst;
}

/** Layers with a dense FFN and layers with a MoE FFN. */
export function layerCounts(model: ModelSpec): { dense: number; moe: number } {
  const moe = model.moe ? Math.max(0, model.layers - model.moe.denseFirst) : 0;
  return { dense: model.layers - moe, moe };
}

export interface MoeWeights {
  router: number;
  /** One routed expert. */
  expert: number;
  /** All shared experts together. */
  shared: number;
}

export function moeWeights(model: ModelSpec): MoeWeights {
  const m = model.moe;
  if (!m) return { router: 0, expert: 0, shared: 0 };
  return {
    router: model.hidden * m.experts,
    expert: ffnWeights(model, m.expertIntermediate),
    shared: m.shared * ffnWeights(model, m.sharedIntermediate ?? m.expertIntermediate),
  };
}

export interface ParameterCount {
  total: number;
  /** Per token: attention, dense FFN, router, shared + `active` routed experts, LM head. The embedding table is a lookup and is not counted, following the convention of model cards (gpt-oss: 5.1B active). */
  active: number;
  embedding: number;
  lmHead: number;
}

export function parameterCount(model: ModelSpec): ParameterCount {
  const { dense, moe } = layerCounts(model);
  const att = attentionWeights(model);
  const attention = att.perHead + att.replicated;
  const norms = 2 * model.hidden;
  const denseFfn = ffnWeights(model, model.denseIntermediate);
  const mw = moeWeights(model);
  const experts = model.moe?.experts ?? 0;
  const activeExperts = model.moe?.active ?? 0;
  const embedding = model.vocab * model.hidden;
  const lmHead = model.tiedEmbeddings ? 0 : model.vocab * model.hidden;
  const perLayerCommon = attention + norms;
  const total = model.layers * perLayerCommon + dense * denseFfn
    + moe * (mw.router + experts * mw.expert + mw.shared)
    + embedding + lmHead + model.hidden;
  const active = model.layers * perLayerCommon + dense * denseFfn
    + moe * (mw.router + activeExperts * mw.expert + mw.shared)
    + model.vocab * model.hidden + model.hidden;
  return { total, active, embedding, lmHead };
}
