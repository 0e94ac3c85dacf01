/** The assumptions behind a deployment's numbers, one line each (the report's `notes`). */
import type { DeploymentSpec } from './types.js';
import type { LoadPoint } from './load-point.js';
import type { StrategyContext } from './strategies/context.js';
import type { StrategyAtBatch } from './strategies/evaluator.js';
import { fmt } from './format.js';

export function deploymentNotes(ctx: StrategyContext, spec: DeploymentSpec, at: StrategyAtBatch, load: LoadPoint, limit: string): string[] {
  const s = ctx.shape;
  const notes: string[] = [
    `request: ${s.inputTokens} input tokens (${s.cachedTokens} from the prefix cache: no prefill compute, still read by attention and held in KV), ${s.outputTokens} output tokens; step times at the mean lengths`,
    `TPOT = mean decode step, at context ${s.meanDecodeContextTokens} (input + output/2); KV capacity checked at ${s.finalContextTokens} tokens per sequence`,
    `batch ${at.batch} per decode replica: the largest within max_batch meeting memory${spec.workload.slo.tpotMs !== undefined ? ', TPOT' : ''}${spec.workload.slo.ttftMs !== undefined ? ', unqueued TTFT' : ''}; limited by ${limit}`,
    `queueing: Poisson arrivals; M/G/c waits (Allen–Cunneen) at the prefill servers and the decode slots, service-time CV² ${fmt(s.inputCv2)} (input) and ${fmt(s.outputCv2)} (output) from the lengths' p90 (lognormal; 0 when fixed)`,
  ];
  if (spec.workload.arrivalRatePerSecond !== undefined) notes.push(`operating rate: the stated arrival rate ${fmt(spec.workload.arrivalRatePerSecond)} req/s`);
  else if (spec.workload.slo.ttftMs !== undefined && load.ratePerSecond > 0 && !load.waitOmitted) notes.push(`operating rate ${fmt(load.ratePerSecond)} req/s: the highest whose TTFT with queueing meets the objective (goodput)`);
  else notes.push(`operating rate: the capacity ${fmt(load.capacityPerSecond)} req/s; the queue is unstable there, so TTFT is shown without waiting`);
  if (at.aggregated) {
    const a = at.aggregated;
    notes.push(`chunked prefill: ${a.chunkTokens}-token chunks beside ${at.batch} decodes (budget ${a.chunkBudgetTokens}), ${a.chunksPerPrompt} per prompt, riding in ${fmt(Math.min(1, a.chunkFraction) * 100)}% of iterations; TPOT includes them`);
  }
  if (at.kv) {
    notes.push(`KV transfer: ${fmt(at.kv.bytesPerRequest / 1e6)} MB per request (uncached tokens), ${fmt(at.kv.transferMs)} ms over tier ${at.kv.tier}, overlapped layer by layer with prefill: ${fmt(at.kv.exposedMs)} ms exposed in TTFT`);
    notes.push('first token streams from the decode side, so TTFT includes the exposed KV transfer');
  }
  if (at.afd) {
    const a = at.afd;
    const p = a.pipeline;
    notes.push(`AFD: ${a.microbatches} micro-batches of ${a.microbatchSequences}; per layer attention ${fmt(a.stages.attentionMs)} ms, FFN ${fmt(a.stages.ffnMs)} ms, transfer ${fmt(a.stages.toFfnMs)} ms each way (tier ${a.tier})`);
    notes.push(`AFD pipeline: step ${fmt(p.stepMs)} ms vs ${fmt(a.noOverlapStepMs)} ms without overlap; slowest stage ${p.slowestStage}; ${p.microbatchesToHide} micro-batches needed to hide the round trip; idle attention ${fmt(p.attentionIdle * 100)}%, FFN ${fmt(p.ffnIdle * 100)}%`);
    notes.push('AFD per-layer stage times = part step time / layers (dense-first layers and LM head spread evenly)');
  }
  const pp = spec.strategy.kind === 'aggregated' ? spec.strategy.instance.layout.pp
    : spec.strategy.kind === 'disaggregated' ? Math.max(spec.strategy.prefill.instance.layout.pp, spec.strategy.decode.instance.layout.pp)
      : spec.strategy.prefill.instance.layout.pp;
  if (pp > 1) notes.push(`pipeline parallel: ${pp} micro-batches in flight per instance, one per stage (balanced stages assumed); TPOT = one pass of a micro-batch through all stages`);
  return notes;
}
