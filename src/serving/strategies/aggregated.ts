/**
 * Aggregated serving with chunked prefill (Sarathi-Serve, OSDI'24; vLLM /
 * SGLang default): each iteration of an instance carries its `batch`
 * decoding sequences plus, while a prompt is pending, a prefill chunk that
 * fills the rest of the token budget: chunk = min(budget - batch, uncached).
 *
 * Steady state: each iteration completes batch / output requests on average,
 * whose prompts must be prefilled meanwhile, so a fraction
 *     f = batch x chunksPerPrompt / outputTokens
 * of iterations carries a chunk (f > 1: prefill cannot keep up, the batch is
 * not sustainable). The mean iteration — the TPOT — mixes the two kinds:
 *     TPOT = (1 - f) x decodeStep + f x mixedStep,
 * so the prefill work that rides along is paid by every decoding sequence.
 * A prompt's own prefill is chunksPerPrompt consecutive mixed iterations,
 * the first token coming out of the last one: TTFT (unqueued) =
 * chunksPerPrompt x mixedStep. One prompt is chunked at a time per instance
 * (one prefill lane), which is the M/G/c server of the TTFT wait.
 * A chunk attends to the cached prefix and the chunks before it: its past
 * context is taken at the mean over the prompt's chunks.
 *
 * With attention-DP over d ranks, each rank schedules its own share: the
 * budget is per rank, each rank carries batch/d decodes and its own chunk,
 * and each rank is a prefill lane (as vLLM/SGLang DP-attention schedulers
 * do); with d = 1 this is the plain scheduler. With pp stages the instance's
 * batch travels in pp micro-batches (context.ts): each iteration above is
 * one micro-batch's pass, and each micro-batch has its own lanes.
 */
import type { MemoryUse, OperatingPoint, ParallelLayout } from '../../engine/types.js';
import type { QueueStation } from '../queueing.js';
import { decodePoint, layoutGpus, memoryAt, microbatchSequences, stepMs, type StrategyContext } from './context.js';

export interface AggregatedAtBatch {
  layout: ParallelLayout;
  gpus: number;
  batch: number;
  chunkBudgetTokens: number;
  /** Prefill tokens in a mixed iteration (0 when the budget leaves no room). */
  chunkTokens: number;
  chunksPerPrompt: number;
  decodeStepMs: number;
  mixedStepMs: number;
  /** Fraction of iterations that carry a prefill chunk. */
  chunkFraction: number;
  /** Mean iteration = TPOT. */
  iterationMs: number;
  /** Prefill of one prompt, unqueued. */
  prefillMs: number;
  /** The budget leaves room for a chunk and prefill keeps up with completions. */
  sustainable: boolean;
  memory: MemoryUse;
}

export function mixedPoint(batch: number, decodeContext: number, chunkTokens: number, chunkPastTokens: number, ranks = 1): OperatingPoint {
  return {
    phase: 'mixed',
    groups: [
      { count: batch, newTokens: 1, pastTokens: decodeContext },
      { count: ranks, newTokens: chunkTokens, pastTokens: chunkPastTokens },
    ],
  };
}

/** Past context of a prompt's chunk, averaged over its chunks. */
export function chunkPastTokens(cachedTokens: number, chunksPerPrompt: number, chunkTokens: number): number {
  return cachedTokens + Math.floor(((chunksPerPrompt - 1) * chunkTokens) / 2);
}

export function aggregatedAtBatch(ctx: StrategyContext, layout: ParallelLayout, chunkBudgetTokens: number, batch: number): AggregatedAtBatch {
  const { shape } = ctx;
  const ranks = Math.max(1, layout.attentionDp);
  const pp = Math.max(1, layout.pp);
  const micro = microbatchSequences(batch, layout);
  const room = chunkBudgetTokens - Math.ceil(micro / ranks);
  const chunkTokens = Math.max(0, Math.min(room, shape.uncachedTokens));
  const chunksPerPrompt = chunkTokens > 0 ? Math.ceil(shape.uncachedTokens / chunkTokens) : Infinity;
  const decodeStepMs = stepMs(ctx, layout, decodePoint(shape, micro));
  const memory = memoryAt(ctx, layout, batch + ranks * pp, shape.finalContextTokens, ranks * Math.max(chunkBudgetTokens, Math.ceil(micro / ranks)));
  if (chunkTokens <= 0) {
    return {
      layout, gpus: layoutGpus(layout), batch, chunkBudgetTokens, chunkTokens: 0, chunksPerPrompt: 0,
      decodeStepMs, mixedStepMs: decodeStepMs, chunkFraction: 0, iterationMs: decodeStepMs, prefillMs: Infinity,
      sustainable: false, memory,
    };
  }
  const chunkPast = chunkPastTokens(shape.cachedTokens, chunksPerPrompt, chunkTokens);
  const mixedStepMs = stepMs(ctx, layout, mixedPoint(micro, shape.meanDecodeContextTokens, chunkTokens, chunkPast, ranks));
  const chunkFraction = (micro / ranks) * chunksPerPrompt / shape.outputTokens;
  const f = Math.min(1, chunkFraction);
  return {
    layout, gpus: layoutGpus(layout), batch, chunkBudgetTokens, chunkTokens, chunksPerPrompt,
    decodeStepMs, mixedStepMs, chunkFraction,
    iterationMs: (1 - f) * decodeStepMs + f * mixedStepMs,
    prefillMs: chunksPerPrompt * mixedStepMs,
    sustainable: chunkFraction <= 1,
    memory,
  };
}

/** One prefill lane per attention-DP rank and micro-batch: a prompt is served in chunksPerPrompt mixed iterations. */
export function aggregatedPrefillStation(at: AggregatedAtBatch, replicas: number, inputCv2 = 0): QueueStation {
  return { servers: replicas * Math.max(1, at.layout.attentionDp) * Math.max(1, at.layout.pp), serviceMs: at.prefillMs, serviceCv2: inputCv2 };
}
