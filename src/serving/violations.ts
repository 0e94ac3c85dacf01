/**
 * SLO violations worded for a person: the figure, the objective, and the
 * cause read off the engine's breakdown (the dominant operator category and
 * its bound), e.g. "TPOT 63 ms > 50 ms objective: decode is memory-bound on
 * attention at batch 128".
 */
import type { MemoryUse, StepBreakdown } from '../engine/types.js';
import type { SloViolation } from './report.js';
import { describeCause, dominantCause } from './dominant-cause.js';
import { fmt, fmtBytes } from './format.js';

export function tpotViolation(tpotMs: number, objectiveMs: number, decode: StepBreakdown, batch: number, what = 'decode'): SloViolation {
  const even = batch <= 1 ? ' even' : '';
  return {
    metric: 'tpot', value: tpotMs, objective: objectiveMs,
    message: `TPOT ${fmt(tpotMs)} ms > ${fmt(objectiveMs)} ms objective: ${what} is ${describeCause(dominantCause(decode))}${even} at batch ${batch}`,
  };
}

export function ttftViolation(
  ttftMs: number, objectiveMs: number, unqueuedMs: number, prefill: StepBreakdown, ratePerSecond: number,
): SloViolation {
  const waitMs = ttftMs - unqueuedMs;
  const cause = unqueuedMs > objectiveMs
    ? `prefill alone takes ${fmt(unqueuedMs)} ms, ${describeCause(dominantCause(prefill))}`
    : `${fmt(waitMs)} ms of it is queueing at ${fmt(ratePerSecond)} req/s`;
  return { metric: 'ttft', value: ttftMs, objective: objectiveMs, message: `TTFT ${fmt(ttftMs)} ms > ${fmt(objectiveMs)} ms objective: ${cause}` };
}

export function overloadViolation(offeredPerSecond: number, capacityPerSecond: number, bottleneck: string): SloViolation {
  return {
    metric: 'ttft', value: offeredPerSecond, objective: capacityPerSecond,
    message: `arrival ${fmt(offeredPerSecond)} req/s >= capacity ${fmt(capacityPerSecond)} req/s (${bottleneck} bound): the queue grows without bound`,
  };
}

export function memoryViolation(role: string, memory: MemoryUse, batch: number): SloViolation {
  const need = memory.weightsBytes + memory.kvCacheBytes + memory.activationBytes;
  return {
    metric: 'memory', value: need, objective: memory.capacityBytes,
    message: `memory ${fmtBytes(need)} > ${fmtBytes(memory.capacityBytes)} per GPU on the ${role} pool at batch ${batch}: weights ${fmtBytes(memory.weightsBytes)}, KV ${fmtBytes(memory.kvCacheBytes)}, activations ${fmtBytes(memory.activationBytes)}`,
  };
}

export function unsustainableViolation(batch: number, chunkBudget: number, chunkTokens: number, chunkFraction: number): SloViolation {
  const message = chunkTokens <= 0
    ? `chunk budget ${fmt(chunkBudget)} tokens leaves no room for prefill beside batch ${batch} decodes`
    : `prefill cannot keep up at batch ${batch}: chunks would be needed in ${fmt(chunkFraction * 100)}% of iterations (raise chunk or lower max_batch)`;
  return { metric: 'config', message };
}

export function configViolation(error: unknown): SloViolation {
  const text = error instanceof Error ? error.message : String(error);
  return { metric: 'config', message: `cannot evaluate: ${text}` };
}
