/**
 * KV-cache size. What a layer caches per token:
 *  - GQA/MHA/MQA: a key and a value per KV head: 2 * kvHeads * headDim elements.
 *  - MLA: the compressed latent plus the decoupled rotary key, kvRank + ropeDim
 *    elements, shared by all heads (DeepSeek-V2, arXiv 2405.04434, sec. 2.1.2).
 *  - DeepSeek-V3.2 DSA additionally caches one indexer key of indexerDim per token.
 * Sliding-window layers keep at most `slidingWindow` tokens.
 */
import { DTYPE_BYTES, type ModelSpec, type Precision } from './types.js';

/** Elements one layer caches per token (attention KV plus indexer keys). */
export function kvElementsPerTokenPerLayer(model: ModelSpec): number {
  const a = model.attention;
  const attention = a.kind === 'gqa' ? 2 * a.kvHeads * a.headDim : a.kvRank + a.ropeDim;
  const indexer = model.sparsity?.topK && model.sparsity.indexerDim ? model.sparsity.indexerDim : 0;
  return attention + indexer;
}

/** Layers that use a sliding window, given the model's pattern (every k-th layer). */
export function slidingLayers(model: ModelSpec): number {
  const s = model.sparsity;
  if (!s?.slidingWindow) return 0;
  const every = s.slidingEvery ?? 1;
  return Math.ceil(model.layers / every);
}

/** Bytes of KV cache per token over all layers, for full-attention layers (the growth rate at long context). */
export function kvCacheBytesPerToken(model: ModelSpec, precision: Precision): number {
  return model.layers * kvElementsPerTokenPerLayer(model) * DTYPE_BYTES[precision.kvCache];
}

/** Bytes of KV cache one sequence of `contextTokens` holds over all layers, windows applied. */
export function kvCacheBytesPerSequence(model: ModelSpec, precision: Precision, contextTokens: number): number {
  const perLayerToken = kvElementsPerTokenPerLayer(model) * DTYPE_BYTES[precision.kvCache];
  const windowed = slidingLayers(model);
  const window = model.sparsity?.slidingWindow ?? Infinity;
  const full = model.layers - windowed;
  return perLayerToken * (full * contextTokens + windowed * Math.min(contextTokens, window));
}
