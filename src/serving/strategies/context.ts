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

/** A decode step of `batch` sequences at the mean decode context. */
export function decodePoint(shape: RequestShape, batch: number): OperatingPoint {
  return { phase: 'decode', groups: [{ count: batch, newTokens: 1, pastTokens: shape.meanDecodeContextTokens }] };
}

/** A prefill step of `requests` whole prompts (uncached part computed, cached prefix read). */
export function prefillPoint(shape: RequestShape, requests: number): OperatingPoint {
  return { phase: 'prefill', groups: [{ count: requests, newTokens: shape.uncachedTokens, pastTokens: shape.cachedTokens }] };
}
