/**
 * What every strategy evaluation shares: the engine, the model on its
 * cluster at a precision, and the mean request of the workload.
 */
import type { ClusterSpec, Engine, MemoryUse, ModelSpec, OperatingPoint, ParallelLayout, Precision, StepPart } from '../../engine/types.js';
import type { RequestShape } from '../request-shape.js';

export interface StrategyContext {
  engine: Engine;
  model: ModelSpec;
  cluster: ClusterSpec;
  precision: Precision;
  shape: RequestShape;
}

export function layoutGpus(layout: ParallelLayout): number {
  return layout.tp * layout.attentionDp * layout.pp;
}

export function stepMs(ctx: StrategyContext, layout: ParallelLayout, point: OperatingPoint, part?: StepPart): number {
  return ctx.engine.stepTimeMs({ model: ctx.model, cluster: ctx.cluster, precision: ctx.precision, layout, point, part });
}

export function memoryAt(
  ctx: StrategyContext, layout: ParallelLayout, sequences: number, contextTokens: number, tokensPerStep: number, part?: StepPart,
): MemoryUse {
  return ctx.engine.memoryUse({
    model: ctx.model, cluster: ctx.cluster, precision: ctx.precision, layout, part,
    sequences, contextTokens, tokensPerStep,
  });
}

/**
 * Pipeline parallelism: an instance with pp stages keeps pp micro-batches in
 * flight, one per stage, so every stage stays busy (stages assumed balanced).
 * A micro-batch passes all stages in one engine step (the engine's step time
 * is one pass through all stages; concurrent micro-batches are the serving
 * layer's concern, src/engine/step.ts), so each sequence advances once per
 * step of its micro-batch: TPOT = step(batch / pp), while the instance holds
 * `batch` sequences. With pp = 1 this is the plain step.
 */
export function microbatchSequences(batch: number, layout: ParallelLayout): number {
  return Math.max(1, Math.ceil(batch / Math.max(1, layout.pp)));
}

/** A decode step of `batch` sequences at the mean decode context. */
export function decodePoint(shape: RequestShape, batch: number): OperatingPoint {
  return { phase: 'decode', groups: [{ count: batch, newTokens: 1, pastTokens: shape.meanDecodeContextTokens }] };
}

/** A prefill step of `requests` whole prompts (uncached part computed, cached prefix read). */
export function prefillPoint(shape: RequestShape, requests: number): OperatingPoint {
  return { phase: 'prefill', groups: [{ count: requests, newTokens: shape.uncachedTokens, pastTokens: shape.cachedTokens }] };
}
