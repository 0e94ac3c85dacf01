/**
 * AFD decode (attention-FFN disaggregation): per decode replica, M attention
 * GPUs (attention-DP x TP) hold the KV cache and run embedding, norms,
 * attention, router, dense-layer FFNs and the LM head (engine part
 * 'attention'); N FFN GPUs run the routed and shared experts with EP over N
 * (engine part 'ffn'). The batch is split into k micro-batches that
 * ping-pong between the two sides every layer (afd-pipeline.ts).
 *
 * Per-layer stage times are the engine's part step times divided by the
 * layer count: dense-first layers and the LM head are spread evenly over the
 * layers, an approximation that slightly smooths the pipeline.
 *
 * Activations: each attention GPU sends its share of a micro-batch's tokens
 * (hidden x activation bytes each) to every FFN GPU holding one of the
 * token's experts (afd-dispatch.ts); each FFN GPU receives the tokens that hit
 * it. A direction's time is the busier end (sender or receiver) over the
 * innermost tier spanning M + N GPUs. The combine returns the same volume.
 */
import { DTYPE_BYTES, type MemoryUse, type ParallelLayout } from '../../engine/types.js';
import type { AfdStrategy } from '../types.js';
import { afdNoOverlapStepMs, afdPipeline, type AfdPipeline, type AfdStageTimes } from './afd-pipeline.js';
import { tokenHitProbability } from './afd-dispatch.js';
import { decodePoint, memoryAt, stepMs, type StrategyContext } from './context.js';
import { pathTier } from './kv-transfer.js';

export type AfdDecodeSpec = AfdStrategy['decode'];

export function attentionLayout(d: AfdDecodeSpec): ParallelLayout {
  return { tp: d.attention.tp, pp: 1, ep: 1, attentionDp: d.attention.attentionDp };
}

export function ffnLayout(d: AfdDecodeSpec): ParallelLayout {
  return { tp: 1, pp: 1, ep: d.ffn.ep, attentionDp: d.ffn.gpus };
}

export interface AfdAtBatch {
  batch: number;
  microbatches: number;
  microbatchSequences: number;
  stages: AfdStageTimes;
  pipeline: AfdPipeline;
  /** The same layout and batch with no overlap (k = 1). */
  noOverlapStepMs: number;
  tier: number;
  attentionMemory: MemoryUse;
  ffnMemory: MemoryUse;
  fits: boolean;
}

/** Per-layer stage times of a micro-batch of `sequences` sequences. */
export function afdStageTimes(ctx: StrategyContext, d: AfdDecodeSpec, sequences: number): { stages: AfdStageTimes; tier: number } {
  const { model, cluster, precision, shape, engine } = ctx;
  if (!model.moe) throw new Error(`AFD needs a mixture-of-experts model; ${model.name} has no routed experts`);
  const layers = Math.max(1, model.layers);
  const point = decodePoint(shape, sequences);
  const attentionMs = stepMs(ctx, attentionLayout(d), point, 'attention') / layers;
  const ffnMs = stepMs(ctx, ffnLayout(d), point, 'ffn') / layers;
  const tokenBytes = model.hidden * DTYPE_BYTES[precision.activations];
  const hit = tokenHitProbability(model.moe.experts, model.moe.active, d.ffn.gpus);
  const sentPerAttentionGpu = (sequences / d.attention.gpus) * tokenBytes * hit * d.ffn.gpus;
  const receivedPerFfnGpu = sequences * tokenBytes * hit;
  const tier = pathTier(cluster, d.attention.gpus + d.ffn.gpus);
  const directionMs = Math.max(
    engine.transferTimeMs(cluster, sentPerAttentionGpu, tier),
    engine.transferTimeMs(cluster, receivedPerFfnGpu, tier),
  );
  return { stages: { attentionMs, toFfnMs: directionMs, ffnMs, toAttentionMs: directionMs }, tier };
}

export function afdAtBatch(ctx: StrategyContext, d: AfdDecodeSpec, batch: number, microbatches = d.microbatches): AfdAtBatch {
  const k = Math.max(1, Math.min(Math.floor(microbatches), batch));
  const mb = Math.ceil(batch / k);
  const { stages, tier } = afdStageTimes(ctx, d, mb);
  const layers = Math.max(1, ctx.model.layers);
  const pipeline = afdPipeline(stages, layers, k);
  const whole = k === 1 ? stages : afdStageTimes(ctx, d, batch).stages;
  const attentionMemory = memoryAt(ctx, attentionLayout(d), batch, ctx.shape.finalContextTokens, mb, 'attention');
  const ffnMemory = memoryAt(ctx, ffnLayout(d), mb, 1, mb, 'ffn');
  return {
    batch, microbatches: k, microbatchSequences: mb, stages, pipeline,
    noOverlapStepMs: afdNoOverlapStepMs(whole, layers),
    tier, attentionMemory, ffnMemory, fits: attentionMemory.fits && ffnMemory.fits,
  };
}
