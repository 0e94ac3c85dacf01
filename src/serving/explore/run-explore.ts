/**
 * `explore`: walk the grid (grid.ts), prune what cannot fit, evaluate the
 * rest (evaluate-candidate.ts), and return the Pareto frontier of
 * tokens/s/GPU vs tokens/s/user over the feasible points (pareto.ts) and the
 * best point of each strategy by the spec's objective, each with a snippet.
 *
 * The grid is counted first, after dropping pool layouts whose weights do
 * not fit (`pruned`); beyond the candidate cap (`limit`, default 1,000,000)
 * on what is left nothing is evaluated and the result says how to narrow it.
 * `candidates` counts the whole grid, `evaluated` what was scored.
 * Progress is reported every PROGRESS_EVERY candidates; `isCancelled` is
 * polled as often and stops the walk with the points found so far.
 * An engine error on one candidate (a layout the engine rejects) makes that
 * candidate unevaluated, not the search: the count and the first error go
 * into the message.
 */
import type { Engine } from '../../engine/types.js';
import type { ExploreResult, FrontierPoint } from '../report.js';
import type { ExploreObjective, ExploreSpec, StrategyKind } from '../types.js';
import { finite, fmt } from '../format.js';
import { formatGrouped } from '../../format/quantities.js';
import { CandidateEvaluator, type CandidateResult } from './evaluate-candidate.js';
import { countGrid, gridShape, walkGrid, type Candidate } from './grid.js';
import { ParetoArchive } from './pareto.js';
import { candidateLabel, deploymentSnippet } from './snippet.js';

export const DEFAULT_CANDIDATE_LIMIT = 1_000_000;
const PROGRESS_EVERY = 4096;

export interface ExploreRunOptions {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Sees every evaluated candidate (tests, CSV of all points). */
  onCandidate?: (r: CandidateResult) => void;
}

function objectiveValue(r: CandidateResult, objective: ExploreObjective): number {
  switch (objective) {
    case 'tokens_per_gpu': return r.outputTokensPerSecondPerGpu;
    case 'tokens_per_user': return r.outputTokensPerSecondPerUser;
    case 'throughput': return r.outputTokensPerSecond;
  }
}

function better(a: CandidateResult, b: CandidateResult | undefined, objective: ExploreObjective): boolean {
  if (!b) return true;
  const va = objectiveValue(a, objective);
  const vb = objectiveValue(b, objective);
  if (va !== vb) return va > vb;
  return a.gpus < b.gpus;
}

/**
 * The size of an exploration without running it: the whole grid, and what is
 * left once pool layouts whose weights do not fit are pruned (the number the
 * candidate cap applies to). Costs one memory check per pool layout.
 */
export function exploreCandidateCount(spec: ExploreSpec, engine: Engine): { total: number; afterPruning: number } {
  const shape = gridShape(spec);
  return { total: countGrid(shape), afterPruning: countGrid(shape, new CandidateEvaluator(spec, engine).filter) };
}

export function runExplore(spec: ExploreSpec, engine: Engine, options: ExploreRunOptions = {}): ExploreResult {
  const started = Date.now();
  const shape = gridShape(spec);
  const evaluator = new CandidateEvaluator(spec, engine);
  const all = countGrid(shape);
  let total: number;
  try {
    total = countGrid(shape, evaluator.filter);
  } catch (e) {
    return {
      name: spec.name, candidates: all, evaluated: 0, feasible: 0, frontier: [], bestPerStrategy: [], elapsedMs: Date.now() - started,
      message: `explore ${spec.name}: the engine failed on a memory check: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const pruned = all - total;
  const limit = spec.limit ?? DEFAULT_CANDIDATE_LIMIT;
  if (total > limit) {
    return {
      name: spec.name, candidates: all, evaluated: 0, feasible: 0, frontier: [], bestPerStrategy: [], pruned,
      elapsedMs: Date.now() - started, truncated: true,
      message: `explore ${spec.name}: ${formatGrouped(total)} candidates exceed the limit of ${formatGrouped(limit)}; nothing was evaluated — lower 'gpus up to' or 'max_batch', name fewer strategies, or raise 'limit'`,
    };
  }
  let feasibleCount = 0;
  const feasible = new ParetoArchive<CandidateResult>();
  const infeasible = new ParetoArchive<CandidateResult>();
  const best = new Map<StrategyKind, CandidateResult>();
  let done = 0;
  let evaluated = 0;
  let cancelled = false;
  let error: string | undefined;
  let failed = 0;
  walkGrid(shape, (c: Candidate) => {
    if (done % PROGRESS_EVERY === 0) {
      if (options.isCancelled?.()) { cancelled = true; return false; }
      if (done > 0) options.onProgress?.(done, total);
    }
    done++;
    try {
      const r = evaluator.evaluate(c);
      evaluated++;
      options.onCandidate?.(r);
      if (r.feasible) {
        feasibleCount++;
        feasible.add(r);
        if (better(r, best.get(r.strategy.kind), spec.objective)) best.set(r.strategy.kind, r);
      } else if (feasibleCount === 0 && Number.isFinite(r.tpotMs) && r.outputTokensPerSecond > 0) infeasible.add(r);
    } catch (e) {
      failed++;
      error ??= e instanceof Error ? e.message : String(e);
    }
    return true;
  }, evaluator.filter);
  options.onProgress?.(done, total);
  const names = { model: spec.model.name, cluster: spec.cluster.name, workload: spec.workload.name };
  let serial = 0;
  const toPoint = (r: CandidateResult): FrontierPoint => ({
    strategy: r.strategy.kind,
    gpus: r.gpus,
    outputTokensPerSecondPerUser: finite(r.outputTokensPerSecondPerUser),
    outputTokensPerSecondPerGpu: finite(r.outputTokensPerSecondPerGpu),
    ttftMs: finite(r.ttftMs),
    tpotMs: finite(r.tpotMs),
    feasible: r.feasible,
    label: candidateLabel(r.strategy, r.batch),
    snippet: deploymentSnippet({ ...names, deployment: `${spec.name}_${r.strategy.kind}_${++serial}` }, spec.precision, r.strategy, r.batch),
    batch: r.batch,
    requestsPerSecond: finite(r.requestsPerSecond),
    outputTokensPerSecond: finite(r.outputTokensPerSecond),
  });
  const frontier = (feasibleCount > 0 ? feasible : infeasible).frontier().map(toPoint);
  const order: StrategyKind[] = ['aggregated', 'disaggregated', 'afd'];
  const bestPerStrategy = order.filter((k) => best.has(k)).map((k) => toPoint(best.get(k)!));
  const messages: string[] = [];
  if (error) messages.push(`explore ${spec.name}: ${failed} candidates could not be evaluated (first engine error: ${error})`);
  if (cancelled) messages.push(`explore ${spec.name}: cancelled after ${done} of ${total} candidates`);
  if (!cancelled && feasibleCount === 0) {
    messages.push(total === 0
      ? (all === 0
        ? `explore ${spec.name}: no candidate fits the budget of ${spec.maxGpus} GPUs with the strategies named`
        : `explore ${spec.name}: none of the ${all} candidates fits in GPU memory within ${spec.maxGpus} GPUs (weights alone exceed it); raise 'gpus up to' or lower the precision`)
      : `explore ${spec.name}: no feasible point among ${total} candidates (${pruned} more did not fit in memory); the frontier shows the best infeasible points`);
  } else if (!cancelled) {
    const missing = shape.strategies.filter((k) => !best.has(k));
    if (missing.length > 0) messages.push(`no feasible ${missing.join(', ')} point within ${spec.maxGpus} GPUs (best ${spec.objective.replace(/_/g, ' ')} found: ${fmt(Math.max(...[...best.values()].map((r) => objectiveValue(r, spec.objective))))})`);
  }
  return {
    name: spec.name, candidates: all, evaluated, feasible: feasibleCount, elapsedMs: Date.now() - started,
    frontier, bestPerStrategy, pruned, slo: { ...spec.workload.slo },
    ...(messages.length > 0 ? { message: messages.join('; ') } : {}),
    ...(cancelled ? { cancelled: true } : {}),
  };
}
