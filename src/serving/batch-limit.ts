/**
 * What stops the batch from growing: the first check that fails one batch
 * above the chosen one (or max_batch itself). Reported in the notes so that a
 * KV-capacity limit is never silent.
 */
import type { StrategyAtBatch, StrategyEvaluator } from './strategies/evaluator.js';
import { fmt } from './format.js';

export function batchLimit(evaluator: StrategyEvaluator, chosen: number, slo: { ttftMs?: number; tpotMs?: number }): string {
  if (chosen <= 0) return 'no batch meets the objectives (reported at batch 1)';
  if (chosen >= evaluator.maxBatch) return `max_batch ${evaluator.maxBatch}`;
  const next: StrategyAtBatch = evaluator.at(chosen + 1);
  const at = `at batch ${chosen + 1}`;
  const full = next.memory.find((m) => !m.memory.fits);
  if (full) return `memory: KV capacity of the ${full.role} pool ${at}`;
  if (!next.sustainable) return `chunked prefill cannot keep up ${at}`;
  if (slo.tpotMs !== undefined && next.tpotMs > slo.tpotMs) return `TPOT ${fmt(next.tpotMs)} ms > ${fmt(slo.tpotMs)} ms ${at}`;
  if (slo.ttftMs !== undefined && next.ttftUnqueuedMs > slo.ttftMs) return `unqueued TTFT ${fmt(next.ttftUnqueuedMs)} ms > ${fmt(slo.ttftMs)} ms ${at}`;
  return `feasibility is not monotone here: batch ${chosen + 1} passes, a larger one failed`;
}
