/**
 * A decode instance (P/D): `batch` sequences resident across its attention-DP
 * ranks, one token each per step at the mean decode context.
 * TPOT is the mean decode step. As a queue, the pool offers replicas x batch
 * decode slots, each held by a request for outputTokens x TPOT.
 */
import type { MemoryUse, ParallelLayout } from '../../engine/types.js';
import type { QueueStation } from '../queueing.js';
import { decodePoint, layoutGpus, memoryAt, microbatchSequences, stepMs, type StrategyContext } from './context.js';

export interface DecodeAtBatch {
  layout: ParallelLayout;
  gpus: number;
  batch: number;
  stepMs: number;
  memory: MemoryUse;
}

/** `batch` is the sequences the instance holds; with pp stages they travel in pp micro-batches (context.ts). */
export function decodeAtBatch(ctx: StrategyContext, layout: ParallelLayout, batch: number): DecodeAtBatch {
  const micro = microbatchSequences(batch, layout);
  return {
    layout,
    gpus: layoutGpus(layout),
    batch,
    stepMs: stepMs(ctx, layout, decodePoint(ctx.shape, micro)),
    memory: memoryAt(ctx, layout, batch, ctx.shape.finalContextTokens, micro),
  };
}

/** Decode slots as a queueing station: a request holds a slot for its whole generation. */
export function decodeStation(replicas: number, batch: number, tpotMs: number, outputTokens: number, outputCv2 = 0): QueueStation {
  return { servers: replicas * batch, serviceMs: outputTokens * tpotMs, serviceCv2: outputCv2 };
}
