/**
 * Evaluating explore candidates fast: the grid repeats the same pools many
 * times (a decode layout appears with every prefill layout and ratio), so
 * each pool-level result is computed once and cached:
 *  - prefill instance per layout; KV transfer per (prefill layout, decode size);
 *  - the largest feasible decode batch per (decode side, batch cap), with the
 *    step at each batch cached across caps;
 *  - layouts whose weights do not fit at batch 1 are dropped from the grid
 *    walk (`filter`) before any step time.
 * A candidate then costs its queueing (load-point.ts). The numbers are the
 * same as estimateDeployment's for the candidate's snippet (tested).
 */
import type { Engine, ParallelLayout } from '../../engine/types.js';
import type { ExploreSpec, StrategySpec, WorkloadSpec } from '../types.js';
import { largestFeasibleBatch } from '../batch-search.js';
import { loadPoint } from '../load-point.js';
import { requestShape } from '../request-shape.js';
import { aggregatedAtBatch, aggregatedPrefillStation, type AggregatedAtBatch } from '../strategies/aggregated.js';
import { afdAtBatch, type AfdAtBatch } from '../strategies/afd.js';
import { layoutGpus, memoryAt, type StrategyContext } from '../strategies/context.js';
import { decodeAtBatch, decodeStation, type DecodeAtBatch } from '../strategies/decode-pool.js';
import { kvTransfer, type KvTransfer } from '../strategies/kv-transfer.js';
import { evaluatePrefillInstance, prefillStation, type PrefillInstance } from '../strategies/prefill-pool.js';
import type { QueueStation } from '../queueing.js';
import { layoutKey } from './layouts.js';
import type { Candidate, LayoutFilter } from './grid.js';

export interface CandidateResult {
  strategy: StrategySpec;
  gpus: number;
  batch: number;
  feasible: boolean;
  tpotMs: number;
  ttftMs: number;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  outputTokensPerSecondPerGpu: number;
  outputTokensPerSecondPerUser: number;
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) { v = make(); map.set(key, v); }
  return v;
}

interface SideBatch<T> { best: number; at: T }

export class CandidateEvaluator {
  readonly ctx: StrategyContext;
  private readonly workload: WorkloadSpec;
  private readonly fitsAtOne = new Map<string, boolean>();
  private readonly prefills = new Map<string, PrefillInstance>();
  private readonly kvs = new Map<string, KvTransfer>();
  private readonly decodeSteps = new Map<string, DecodeAtBatch>();
  private readonly decodeBest = new Map<string, SideBatch<DecodeAtBatch>>();
  private readonly aggSteps = new Map<string, AggregatedAtBatch>();
  private readonly aggBest = new Map<string, SideBatch<AggregatedAtBatch>>();
  private readonly afdSteps = new Map<string, AfdAtBatch>();
  private readonly afdBest = new Map<string, SideBatch<AfdAtBatch>>();

  constructor(spec: ExploreSpec, engine: Engine) {
    this.workload = spec.workload;
    this.ctx = { engine, model: spec.model, cluster: spec.cluster, precision: spec.precision, shape: requestShape(spec.workload) };
  }

  /** Weights and one sequence fit on this layout (part): otherwise every candidate using it is pruned. */
  layoutFits(layout: ParallelLayout, part?: 'attention' | 'ffn'): boolean {
    return cached(this.fitsAtOne, `${part ?? 'all'}|${layoutKey(layout)}`, () =>
      memoryAt(this.ctx, layout, 1, this.ctx.shape.finalContextTokens, this.ctx.shape.uncachedTokens, part).fits);
  }

  /** Memory at batch 1 per pool layout, for the grid walk (grid.ts LayoutFilter). */
  readonly filter: LayoutFilter = {
    instance: (layout) => this.layoutFits(layout),
    attention: (a) => this.layoutFits({ tp: a.tp, pp: 1, ep: 1, attentionDp: a.attentionDp }, 'attention'),
    ffn: (n) => this.layoutFits({ tp: 1, pp: 1, ep: n, attentionDp: n }, 'ffn'),
  };

  private tpotOk(tpotMs: number): boolean {
    const o = this.workload.slo.tpotMs;
    return o === undefined || tpotMs <= o;
  }

  private ttftOk(ttftMs: number): boolean {
    const o = this.workload.slo.ttftMs;
    return o === undefined || ttftMs <= o;
  }

  evaluate(c: Candidate): CandidateResult {
    const s = c.strategy;
    const ctx = this.ctx;
    const out = ctx.shape.outputTokens;
    let gpus: number;
    let best: number;
    let tpotMs: number;
    let ttftUnqueuedMs: number;
    let stations: QueueStation[];
    let sideOk = true;
    switch (s.kind) {
      case 'aggregated': {
        const lk = `${layoutKey(s.instance.layout)}|${s.chunkTokens}`;
        const step = (b: number) => cached(this.aggSteps, `${lk}|${b}`, () => aggregatedAtBatch(ctx, s.instance.layout, s.chunkTokens, b));
        const side = cached(this.aggBest, c.sideKey, () => {
          const b = largestFeasibleBatch(c.batchCap, (n) => {
            const a = step(n);
            return a.memory.fits && a.sustainable && this.tpotOk(a.iterationMs) && this.ttftOk(a.prefillMs);
          });
          return { best: b, at: step(b > 0 ? b : 1) };
        });
        gpus = s.replicas * layoutGpus(s.instance.layout);
        best = side.best;
        tpotMs = side.at.iterationMs;
        ttftUnqueuedMs = side.at.prefillMs;
        stations = [aggregatedPrefillStation(side.at, s.replicas, ctx.shape.inputCv2), decodeStation(s.replicas, side.at.batch, tpotMs, out, ctx.shape.outputCv2)];
        break;
      }
      case 'disaggregated': {
        const pl = s.prefill.instance.layout;
        const dl = s.decode.instance.layout;
        const pk = c.prefillKey ?? layoutKey(pl);
        const prefill = cached(this.prefills, pk, () => evaluatePrefillInstance(ctx, pl));
        const kv = cached(this.kvs, `${pk}|${layoutGpus(dl)}`, () => kvTransfer(ctx, prefill, layoutGpus(dl)));
        const lk = layoutKey(dl);
        const step = (b: number) => cached(this.decodeSteps, `${lk}|${b}`, () => decodeAtBatch(ctx, dl, b));
        const side = cached(this.decodeBest, c.sideKey, () => {
          const b = largestFeasibleBatch(c.batchCap, (n) => { const d = step(n); return d.memory.fits && this.tpotOk(d.stepMs); });
          return { best: b, at: step(b > 0 ? b : 1) };
        });
        gpus = s.prefill.replicas * layoutGpus(pl) + s.decode.replicas * layoutGpus(dl);
        best = side.best;
        tpotMs = side.at.stepMs;
        ttftUnqueuedMs = prefill.stepMs + kv.exposedMs;
        sideOk = prefill.memory.fits && this.ttftOk(ttftUnqueuedMs);
        stations = [prefillStation(prefill, s.prefill.replicas, ctx.shape.inputCv2), decodeStation(s.decode.replicas, side.at.batch, tpotMs, out, ctx.shape.outputCv2)];
        break;
      }
      case 'afd': {
        const pl = s.prefill.instance.layout;
        const d = s.decode;
        const pk = c.prefillKey ?? layoutKey(pl);
        const prefill = cached(this.prefills, pk, () => evaluatePrefillInstance(ctx, pl));
        const kv = cached(this.kvs, `${pk}|${d.attention.gpus}`, () => kvTransfer(ctx, prefill, d.attention.gpus));
        const dk = `${d.attention.tp}.${d.attention.attentionDp}|${d.ffn.gpus}|${d.microbatches}`;
        const step = (b: number) => cached(this.afdSteps, `${dk}|${b}`, () => afdAtBatch(ctx, d, b));
        const side = cached(this.afdBest, c.sideKey, () => {
          const b = largestFeasibleBatch(c.batchCap, (n) => { const a = step(n); return a.fits && this.tpotOk(a.pipeline.stepMs); });
          return { best: b, at: step(b > 0 ? b : 1) };
        });
        gpus = s.prefill.replicas * layoutGpus(pl) + d.replicas * (d.attention.gpus + d.ffn.gpus);
        best = side.best;
        tpotMs = side.at.pipeline.stepMs;
        ttftUnqueuedMs = prefill.stepMs + kv.exposedMs;
        sideOk = prefill.memory.fits && this.ttftOk(ttftUnqueuedMs);
        stations = [prefillStation(prefill, s.prefill.replicas, ctx.shape.inputCv2), decodeStation(d.replicas, side.at.batch, tpotMs, out, ctx.shape.outputCv2)];
        break;
      }
    }
    const feasibleSides = best > 0 && sideOk;
    const load = loadPoint({
      ttftUnqueuedMs, stations,
      ttftObjectiveMs: this.workload.slo.ttftMs, arrivalRatePerSecond: this.workload.arrivalRatePerSecond,
    });
    const feasible = feasibleSides && load.ratePerSecond > 0 && !load.overloaded && this.ttftOk(load.ttftMs);
    const tokens = load.ratePerSecond * out;
    return {
      strategy: s, gpus, batch: best > 0 ? best : 1, feasible, tpotMs,
      ttftMs: load.ttftMs, requestsPerSecond: load.ratePerSecond,
      outputTokensPerSecond: tokens,
      outputTokensPerSecondPerGpu: tokens / gpus,
      outputTokensPerSecondPerUser: tpotMs > 0 ? 1000 / tpotMs : 0,
    };
  }
}
