/**
 * One deployment of a scenario -> its DeploymentEstimate.
 *
 * 1. Batch: the largest batch (per decode replica) within max_batch that
 *    fits memory, keeps chunked prefill sustainable and meets TPOT and the
 *    unqueued TTFT (batch-search.ts). When none does, the deployment is
 *    reported at batch 1 (its best latency) with the violations.
 * 2. Load: the arrival rate it serves and the TTFT with queueing (load-point.ts).
 * 3. Breakdowns: engine.evaluateStep at the chosen operating point.
 * An engine error is caught here and reported as a 'config' violation so
 * that one bad deployment never hides the others.
 */
import type { Engine, StepBreakdown } from '../engine/types.js';
import type { DeploymentEstimate, PoolReport, SloViolation } from './report.js';
import type { DeploymentSpec } from './types.js';
import { largestFeasibleBatch } from './batch-search.js';
import { emptyBreakdown } from './empty-breakdown.js';
import { finite } from './format.js';
import { loadPoint, type LoadPoint } from './load-point.js';
import { requestShape } from './request-shape.js';
import { chunkPastTokens, mixedPoint } from './strategies/aggregated.js';
import { attentionLayout, ffnLayout } from './strategies/afd.js';
import { decodePoint, layoutGpus, microbatchSequences, prefillPoint, type StrategyContext } from './strategies/context.js';
import { meetsAtBatch, strategyEvaluator, type StrategyAtBatch } from './strategies/evaluator.js';
import { stationCapacityPerSecond } from './queueing.js';
import {
  configViolation, memoryViolation, overloadViolation, tpotViolation, ttftViolation, unsustainableViolation,
} from './violations.js';
import { afdDecodeBreakdown } from './afd-breakdown.js';
import { deploymentNotes } from './notes.js';
import { batchLimit } from './batch-limit.js';

export function contextFor(engine: Engine, d: Pick<DeploymentSpec, 'model' | 'cluster' | 'precision' | 'workload'>): StrategyContext {
  return { engine, model: d.model, cluster: d.cluster, precision: d.precision, shape: requestShape(d.workload) };
}

export function estimateDeployment(spec: DeploymentSpec, engine: Engine): DeploymentEstimate {
  try {
    return estimateOrThrow(spec, engine);
  } catch (error) {
    return failedEstimate(spec, error);
  }
}

function failedEstimate(spec: DeploymentSpec, error: unknown): DeploymentEstimate {
  return {
    name: spec.name, strategy: spec.strategy.kind, model: spec.model.name, cluster: spec.cluster.name, workload: spec.workload.name,
    gpus: 0, ttftMs: 0, tpotMs: 0, outputTokensPerSecond: 0, outputTokensPerSecondPerGpu: 0, outputTokensPerSecondPerUser: 0,
    requestsPerSecond: 0, pools: [], feasible: false, violations: [configViolation(error)],
    prefill: emptyBreakdown('prefill'), decode: emptyBreakdown('decode'), notes: [],
    slo: { ...spec.workload.slo },
  };
}

function estimateOrThrow(spec: DeploymentSpec, engine: Engine): DeploymentEstimate {
  const ctx = contextFor(engine, spec);
  const slo = spec.workload.slo;
  const evaluator = strategyEvaluator(ctx, spec.strategy);
  const best = largestFeasibleBatch(evaluator.maxBatch, (b) => meetsAtBatch(evaluator.at(b), slo));
  const at = evaluator.at(best > 0 ? best : 1);
  const load = loadPoint({
    ttftUnqueuedMs: at.ttftUnqueuedMs, stations: at.stations,
    ttftObjectiveMs: slo.ttftMs, arrivalRatePerSecond: spec.workload.arrivalRatePerSecond,
  });
  const { prefill, decode } = breakdowns(ctx, spec, at);
  const violations = collectViolations(spec, at, load, prefill, decode);
  const tokensPerSecond = load.ratePerSecond * ctx.shape.outputTokens;
  return {
    name: spec.name, strategy: spec.strategy.kind, model: spec.model.name, cluster: spec.cluster.name, workload: spec.workload.name,
    gpus: evaluator.gpus,
    ttftMs: finite(load.ttftMs),
    tpotMs: finite(at.tpotMs),
    outputTokensPerSecond: finite(tokensPerSecond),
    outputTokensPerSecondPerGpu: finite(tokensPerSecond / evaluator.gpus),
    outputTokensPerSecondPerUser: at.tpotMs > 0 ? finite(1000 / at.tpotMs) : 0,
    requestsPerSecond: finite(load.ratePerSecond),
    maxArrivalRatePerSecond: finite(load.maxArrivalRatePerSecond),
    ttftUnqueuedMs: finite(at.ttftUnqueuedMs),
    queueWaitMs: finite(load.queueWaitMs),
    capacityRequestsPerSecond: finite(load.capacityPerSecond),
    ...(load.overloaded ? { queueUnbounded: true } : {}),
    pools: poolReports(spec, at),
    feasible: violations.length === 0,
    violations,
    prefill, decode,
    notes: deploymentNotes(ctx, spec, at, load, batchLimit(evaluator, best, slo)),
    // The objectives judged against, for the webview's SLO lines (a met objective leaves no violation to read it from).
    slo: { ...slo },
  };
}

function breakdowns(ctx: StrategyContext, spec: DeploymentSpec, at: StrategyAtBatch): { prefill: StepBreakdown; decode: StepBreakdown } {
  const base = { model: ctx.model, cluster: ctx.cluster, precision: ctx.precision };
  const s = spec.strategy;
  switch (s.kind) {
    case 'aggregated': {
      const a = at.aggregated!;
      const chunkPast = chunkPastTokens(ctx.shape.cachedTokens, a.chunksPerPrompt, a.chunkTokens);
      const mixed = a.chunkTokens > 0
        ? ctx.engine.evaluateStep({ ...base, layout: s.instance.layout, point: mixedPoint(microbatchSequences(at.batch, s.instance.layout), ctx.shape.meanDecodeContextTokens, a.chunkTokens, chunkPast, s.instance.layout.attentionDp) })
        : emptyBreakdown('mixed');
      const decode = ctx.engine.evaluateStep({ ...base, layout: s.instance.layout, point: decodePoint(ctx.shape, microbatchSequences(at.batch, s.instance.layout)) });
      return { prefill: mixed, decode };
    }
    case 'disaggregated': {
      const prefill = ctx.engine.evaluateStep({ ...base, layout: s.prefill.instance.layout, point: prefillPoint(ctx.shape, s.prefill.instance.layout.attentionDp) });
      const decode = ctx.engine.evaluateStep({ ...base, layout: s.decode.instance.layout, point: decodePoint(ctx.shape, microbatchSequences(at.batch, s.decode.instance.layout)) });
      return { prefill, decode };
    }
    case 'afd': {
      const prefill = ctx.engine.evaluateStep({ ...base, layout: s.prefill.instance.layout, point: prefillPoint(ctx.shape, s.prefill.instance.layout.attentionDp) });
      const afd = at.afd!;
      const point = decodePoint(ctx.shape, afd.microbatchSequences);
      const attention = ctx.engine.evaluateStep({ ...base, layout: attentionLayout(s.decode), point, part: 'attention' });
      const ffn = ctx.engine.evaluateStep({ ...base, layout: ffnLayout(s.decode), point, part: 'ffn' });
      return { prefill, decode: afdDecodeBreakdown(attention, ffn, afd, ctx.model.layers) };
    }
  }
}

function bottleneckName(spec: DeploymentSpec, at: StrategyAtBatch): string {
  const [p, d] = at.stations;
  if (!p || !d) return 'pool';
  const prefillBound = stationCapacityPerSecond(p) <= stationCapacityPerSecond(d);
  if (spec.strategy.kind === 'aggregated') return prefillBound ? 'prefill lanes' : 'decode slots';
  return prefillBound ? 'prefill pool' : 'decode pool';
}

function collectViolations(spec: DeploymentSpec, at: StrategyAtBatch, load: LoadPoint, prefill: StepBreakdown, decode: StepBreakdown): SloViolation[] {
  const out: SloViolation[] = [];
  const slo = spec.workload.slo;
  for (const m of at.memory) {
    if (!m.memory.fits) out.push(memoryViolation(m.role, m.memory, at.batch));
  }
  if (at.aggregated && !at.sustainable) {
    out.push(unsustainableViolation(at.batch, at.aggregated.chunkBudgetTokens, at.aggregated.chunkTokens, at.aggregated.chunkFraction));
  }
  if (slo.tpotMs !== undefined && at.tpotMs > slo.tpotMs) {
    out.push(tpotViolation(at.tpotMs, slo.tpotMs, decode, at.batch, spec.strategy.kind === 'afd' ? 'AFD decode' : 'decode'));
  }
  if (load.overloaded && spec.workload.arrivalRatePerSecond !== undefined) {
    out.push(overloadViolation(spec.workload.arrivalRatePerSecond, load.capacityPerSecond, bottleneckName(spec, at)));
  } else if (slo.ttftMs !== undefined && load.ttftMs > slo.ttftMs && at.sustainable) {
    out.push(ttftViolation(load.ttftMs, slo.ttftMs, at.ttftUnqueuedMs, prefill, load.ratePerSecond));
  }
  return out;
}

function poolReports(spec: DeploymentSpec, at: StrategyAtBatch): PoolReport[] {
  const s = spec.strategy;
  const mem = (role: string) => at.memory.find((m) => m.role === role)!.memory;
  switch (s.kind) {
    case 'aggregated':
      return [{ role: 'aggregated', replicas: s.replicas, gpusPerReplica: layoutGpus(s.instance.layout), layout: s.instance.layout, batch: at.batch, memory: mem('aggregated') }];
    case 'disaggregated':
      return [
        { role: 'prefill', replicas: s.prefill.replicas, gpusPerReplica: layoutGpus(s.prefill.instance.layout), layout: s.prefill.instance.layout, batch: at.prefill!.requestsPerStep, memory: mem('prefill') },
        { role: 'decode', replicas: s.decode.replicas, gpusPerReplica: layoutGpus(s.decode.instance.layout), layout: s.decode.instance.layout, batch: at.batch, memory: mem('decode') },
      ];
    case 'afd':
      return [
        { role: 'prefill', replicas: s.prefill.replicas, gpusPerReplica: layoutGpus(s.prefill.instance.layout), layout: s.prefill.instance.layout, batch: at.prefill!.requestsPerStep, memory: mem('prefill') },
        { role: 'attention', replicas: s.decode.replicas, gpusPerReplica: s.decode.attention.gpus, layout: attentionLayout(s.decode), batch: at.batch, memory: mem('attention') },
        { role: 'ffn', replicas: s.decode.replicas, gpusPerReplica: s.decode.ffn.gpus, layout: ffnLayout(s.decode), batch: at.afd!.microbatchSequences, memory: mem('ffn') },
      ];
  }
}
