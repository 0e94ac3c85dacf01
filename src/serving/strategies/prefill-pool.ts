/**
 * A prefill instance (P/D and AFD): it runs whole prompts, one per
 * attention-DP rank per step (each rank holds its own request; TP and EP work
 * inside the step). Cached prefix tokens are not recomputed but their KV is
 * read by attention (they are `pastTokens` of the step).
 *
 * As a queue each attention-DP rank is one server whose service time is the
 * step time: a prompt that arrives waits for a free rank (M/G/c, queueing.ts).
 * With pp stages, pp such steps are in flight (context.ts): pp x attentionDp
 * servers per instance.
 */
import type { MemoryUse, ParallelLayout } from '../../engine/types.js';
import type { QueueStation } from '../queueing.js';
import { layoutGpus, memoryAt, prefillPoint, stepMs, type StrategyContext } from './context.js';

export interface PrefillInstance {
  layout: ParallelLayout;
  gpus: number;
  /** One pass through all stages of one step, which prefills one prompt per attention-DP rank. */
  stepMs: number;
  /** Prompts in flight per instance: attentionDp x pp. */
  requestsPerStep: number;
  memory: MemoryUse;
}

export function evaluatePrefillInstance(ctx: StrategyContext, layout: ParallelLayout): PrefillInstance {
  const requests = layout.attentionDp;
  const inFlight = requests * Math.max(1, layout.pp);
  return {
    layout,
    gpus: layoutGpus(layout),
    stepMs: stepMs(ctx, layout, prefillPoint(ctx.shape, requests)),
    requestsPerStep: inFlight,
    memory: memoryAt(ctx, layout, inFlight, ctx.shape.inputTokens, requests * ctx.shape.uncachedTokens),
  };
}

/** The prefill pool as a queueing station: one server per attention-DP rank of every replica. */
export function prefillStation(instance: PrefillInstance, replicas: number, inputCv2 = 0): QueueStation {
  return { servers: replicas * instance.requestsPerStep, serviceMs: instance.stepMs, serviceCv2: inputCv2 };
}
