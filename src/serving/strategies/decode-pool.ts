/**
 * A decode instance (P/D): `batch` sequences resident across its attention-DP
 * ranks, one token each per step at the mean decode context.
 * TPOT is the mean decode step. As a queue, the pool offers replicas x batch
 * decode slots, each held by a request for outputTokens x TPOT.
 */
import type { MemoryUse, ParallelLayout } from '../../engine/types.js';
import type { QueueStation } from '../queueing.js';
import { decodePoint, layoutGpus, memoryAt, stepMs, type StrategyContext } from './context.js';

export interface DecodeAtBatch {
  layout: ParallelLayout;
  gpus: number;
  batch: number;
  stepMs: number;
  memory: MemoryUse;
}

export function decodeAtBatch(ctx: StrategyContext, layout: ParallelLayout, batch: number): DecodeAtBatch {
  return {
    layout,
    gpus: layoutGpus(layout),
    batch,
    stepMs: stepMs(ctx, layout, decodePoint(ctx.shape, batch)),
    memory: memoryAt(ctx, layout, batch, ctx.shape.finalContextTokens, batch),
  };
}

/** Decode slots as a queueing station: a request holds a slot for its whole generation. */
export function decodeStation(replicas: number, batch: number, tpotMs: number, outputTokens: number, outputCv2 = 0): QueueStation {
  return { servers: replicas * batch, serviceMs: outputTokens * tpotMs, serviceCv2: outputCv2 };
}
