/**
 * Weight bytes each GPU holds under a parallel layout (the heaviest pipeline
 * stage). Sharding follows Megatron-style TP as served by vLLM/SGLang:
 *  - attention heads split over `tp`; MLA's low-rank down-projections and the
 *    DSA indexer are replicated on every TP rank (they have no head dimension);
 *  - dense FFN and shared experts split over `tp`;
 *  - routed experts spread over `ep` GPUs, each expert split over the rest of
 *    the stage: moeTp = tp * attentionDp / ep;
 *  - the router is replicated; embedding and LM head are vocab-parallel over `tp`;
 *  - attention-DP replicas each hold a full copy of attention (that is the point
 *    of attention-DP: no KV split, no TP all-reduce inside attention).
 * Linear layers are stored in `precision.weights`; embedding, LM head and norm
 * scales stay in `precision.activations` (DeepSeek's FP8 checkpoints keep them
 * in BF16). Block-scale overhead of fp8/fp4 formats (< 1-6%) is not counted.
 */
import { attentionWeights, ffnWeights, layerCounts, moeWeights } from './parameters.js';
import { DTYPE_BYTES, type ModelSpec, type ParallelLayout, type Precision } from './types.js';

/** Tensor-parallel degree of each routed expert. */
export function moeTp(layout: ParallelLayout): number {
  return Math.max(1, (layout.tp * layout.attentionDp) / layout.ep);
}

export function weightBytesPerGpu(model: ModelSpec, layout: ParallelLayout, precision: Precision): number {
  const w = DTYPE_BYTES[precision.weights];
  const a = DTYPE_BYTES[precision.activations];
  const { dense, moe } = layerCounts(model);
  const stageShare = 1 / layout.pp;

  const att = attentionWeights(model);
  const attention = (att.perHead / layout.tp + att.replicated) * w;
  const norms = 2 * model.hidden * a;
  const denseFfn = (ffnWeights(model, model.denseIntermediate) / layout.tp) * w;

  let moeLayer = 0;
  if (model.moe) {
    const mw = moeWeights(model);
    const expertsHere = Math.ceil(model.moe.experts / layout.ep);
    moeLayer = (mw.router + (expertsHere * mw.expert) / moeTp(layout) + mw.shared / layout.tp) * w;
  }

  const layers = Math.ceil(model.layers * stageShare);
  // The heaviest stage holds its share of layers of each kind, rounded up.
  const denseHere = Math.min(dense, Math.ceil(dense * stageShare));
  const moeHere = Math.min(moe, layers - Math.min(denseHere, layers));
  const body = layers * (attention + norms) + denseHere * denseFfn + moeHere * moeLayer;

  const vocabShard = (model.vocab * model.hidden * a) / layout.tp;
  const embeddings = layout.pp === 1
    ? vocabShard * (model.tiedEmbeddings ? 1 : 2)
    : vocabShard; // first stage holds the embedding, last the LM head: one of them
  return body + embeddings + model.hidden * a;
}
