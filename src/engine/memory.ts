/**
 * Memory per GPU of one instance: weights after sharding (weights.ts), the KV
 * cache of the resident sequences, activations and workspace, against the
 * usable capacity.
 *  - KV: a GQA layer caches kvHeads/tp heads per GPU (replicated when kvHeads <
 *    tp); MLA's latent has no head dimension and is replicated on every TP rank
 *    (SGLang/vLLM MLA; DeepSeek-V3 tech report sec. 3.4 uses DP attention for
 *    this reason); attention-DP ranks each hold their own sequences; pipeline
 *    stages hold their layers' share.
 *  - Usable capacity: 90% of HBM, vLLM's default gpu_memory_utilization (0.9),
 *    leaving the rest to the CUDA context, allocator fragmentation and
 *    non-torch allocations.
 *  - Workspace: 1 GiB for cuBLAS/NCCL buffers and CUDA-graph pools, plus the
 *    step's transient activations (residual stream, widest projection output,
 *    fp32 logits of the rows sampled).
 */
import { kvCacheBytesPerSequence } from './kv-cache.js';
import { layerCounts, moeWeights } from './parameters.js';
import { DTYPE_BYTES, type MemoryInput, type MemoryUse, type ModelSpec, type ParallelLayout, type Precision, type StepPart } from './types.js';
import { moeTp, weightBytesPerGpu } from './weights.js';
import { validateMemoryInput } from './validate.js';

export const USABLE_MEMORY_FRACTION = 0.9;
export const WORKSPACE_BYTES = 2 ** 30;

/** Routed + shared expert weights on one GPU (heaviest stage): what the FFN side of AFD holds. */
export function expertWeightBytesPerGpu(model: ModelSpec, layout: ParallelLayout, precision: Precision): number {
  if (!model.moe) return 0;
  const w = DTYPE_BYTES[precision.weights];
  const { dense, moe } = layerCounts(model);
  const layers = Math.ceil(model.layers / layout.pp);
  const denseHere = Math.min(dense, Math.ceil(dense / layout.pp));
  const moeHere = Math.min(moe, layers - Math.min(denseHere, layers));
  const mw = moeWeights(model);
  const expertsHere = Math.ceil(model.moe.experts / layout.ep);
  return moeHere * ((expertsHere * mw.expert) / moeTp(layout) + mw.shared / layout.tp) * w;
}

export function weightsForPart(model: ModelSpec, layout: ParallelLayout, precision: Precision, part: StepPart): number {
  const experts = expertWeightBytesPerGpu(model, layout, precision);
  if (part === 'ffn') return experts;
  const all = weightBytesPerGpu(model, layout, precision);
  return part === 'attention' ? all - experts : all;
}

/** Fraction of a sequence's KV cache one TP rank holds. */
export function kvShareOnGpu(model: ModelSpec, layout: ParallelLayout): number {
  const a = model.attention;
  if (a.kind === 'mla') return 1;
  return Math.ceil(a.kvHeads / layout.tp) / a.kvHeads;
}

/** KV bytes per GPU for one sequence of `contextTokens` resident on its rank. */
export function kvBytesPerSequencePerGpu(model: ModelSpec, precision: Precision, layout: ParallelLayout, contextTokens: number): number {
  return (kvCacheBytesPerSequence(model, precision, contextTokens) * kvShareOnGpu(model, layout)) / layout.pp;
}

export function activationBytesPerGpu(model: ModelSpec, layout: ParallelLayout, precision: Precision, tokensPerStep: number, part: StepPart): number {
  const a = DTYPE_BYTES[precision.activations];
  const T = Math.ceil(tokensPerStep / layout.attentionDp);
  const att = model.attention;
  const qkv = att.kind === 'gqa' ? ((att.heads + 2 * att.kvHeads) * att.headDim) / layout.tp : (att.heads * (att.nopeDim + att.valueDim + att.ropeDim)) / layout.tp;
  const ffn = (2 * model.denseIntermediate) / layout.tp;
  const experts = model.moe ? (2 * model.moe.expertIntermediate * model.moe.active) / moeTp(layout) : 0;
  const widest = Math.max(qkv, part === 'attention' ? 0 : Math.max(ffn, experts));
  return WORKSPACE_BYTES + T * a * (4 * model.hidden + 2 * widest);
}

export function memoryUse(input: MemoryInput): MemoryUse {
  validateMemoryInput(input);
  const part = input.part ?? 'all';
  const { model, layout, precision } = input;
  const weightsBytes = weightsForPart(model, layout, precision, part);
  const seqsPerRank = Math.ceil(input.sequences / layout.attentionDp);
  const kvCacheBytes = part === 'ffn' ? 0 : seqsPerRank * kvBytesPerSequencePerGpu(model, precision, layout, input.contextTokens);
  const activationBytes = activationBytesPerGpu(model, layout, precision, input.tokensPerStep, part);
  const capacityBytes = input.cluster.gpu.memoryBytes * USABLE_MEMORY_FRACTION;
  const freeBytes = capacityBytes - weightsBytes - kvCacheBytes - activationBytes;
  return { weightsBytes, kvCacheBytes, activationBytes, capacityBytes, freeBytes, fits: freeBytes >= 0 };
}

/** Most sequences of `contextTokens` an instance can keep resident (all attention-DP ranks together); 0 if weights alone do not fit. */
export function maxResidentSequences(input: Omit<MemoryInput, 'sequences'>): number {
  const m = memoryUse({ ...input, sequences: 0 });
  if (m.freeBytes <= 0) return 0;
  const perSeq = kvBytesPerSequencePerGpu(input.model, input.precision, input.layout, input.contextTokens);
  if (perSeq <= 0) return Number.MAX_SAFE_INTEGER;
  return Math.floor(m.freeBytes / perSeq) * input.layout.attentionDp;
}
