/**
 * The mean request of a workload, in tokens: what one prefill computes, what
 * the decode phase holds, where the mean decode step sits.
 *
 * Assumptions (repeated in every report's notes):
 *  - Lengths are taken at their means by the step-time model; a `p90` only
 *    sets the spread of service times in the queueing model
 *    (length-variability.ts).
 *  - `prefixReuse` is the fraction of input tokens whose KV is already cached:
 *    those tokens skip prefill compute but are still read by attention and
 *    still occupy KV capacity.
 *  - The mean decode step is the step at mid-generation context
 *    (input + output / 2): decode step time grows about linearly with context,
 *    so the step at the mean context is the mean step.
 *  - KV capacity is checked with every resident sequence at its final length
 *    (input + output): the batch must still fit when its oldest members end.
 */
import type { WorkloadSpec } from './types.js';
import { lengthCv2 } from './length-variability.js';

export interface RequestShape {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the prefix cache. */
  cachedTokens: number;
  /** Input tokens the prefill computes. */
  uncachedTokens: number;
  /** Context of the mean decode step. */
  meanDecodeContextTokens: number;
  /** Context of a sequence at its last token. */
  finalContextTokens: number;
  /** Squared coefficient of variation of input and output lengths (0: fixed). */
  inputCv2: number;
  outputCv2: number;
}

/** Prompt tokens served from the prefix cache. At least one token is always computed: the last prompt token produces the first output. */
export function cachedPrefixTokens(promptTokens: number, prefixReuse: number): number {
  const reuse = Math.min(1, Math.max(0, prefixReuse || 0));
  return Math.max(0, Math.min(promptTokens - 1, Math.round(promptTokens * reuse)));
}

export function requestShape(workload: WorkloadSpec): RequestShape {
  const inputTokens = Math.max(1, Math.round(workload.inputTokens.mean));
  const outputTokens = Math.max(1, Math.round(workload.outputTokens.mean));
  const cachedTokens = cachedPrefixTokens(inputTokens, workload.prefixReuse);
  return {
    inputTokens,
    outputTokens,
    cachedTokens,
    uncachedTokens: inputTokens - cachedTokens,
    meanDecodeContextTokens: inputTokens + Math.floor(outputTokens / 2),
    finalContextTokens: inputTokens + outputTokens,
    inputCv2: lengthCv2(workload.inputTokens),
    outputCv2: lengthCv2(workload.outputTokens),
  };
}
