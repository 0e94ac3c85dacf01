/**
 * The estimate report: what `servescope estimate --json` prints, what the
 * language server sends to the client, what the webview draws. Plain data;
 * its JSON schema is schema/estimate.schema.json. Metric definitions live in
 * docs/metrics.md and every UI uses the same words.
 */
import type { MemoryUse, ParallelLayout, StepBreakdown } from '../engine/types.js';
import type { StrategyKind } from './types.js';

export const REPORT_SCHEMA_VERSION = 1;

export type PoolRole = 'aggregated' | 'prefill' | 'decode' | 'attention' | 'ffn';

export interface PoolReport {
  role: PoolRole;
  replicas: number;
  gpusPerReplica: number;
  layout: ParallelLayout;
  /** Concurrent sequences per replica at the operating point reported. */
  batch: number;
  memory: MemoryUse;
}

export interface SloViolation {
  /** 'config': the deployment could not be evaluated (engine error, impossible layout); no numbers. */
  metric: 'ttft' | 'tpot' | 'memory' | 'config';
  value?: number;
  objective?: number;
  /** One line a person reads: "TPOT 63 ms > 50 ms objective: decode is memory-bound on attention at batch 128". */
  message: string;
}

/** The workload's objectives the verdicts were judged against (absent: none stated). */
export interface SloObjectives {
  ttftMs?: number;
  tpotMs?: number;
}

export interface DeploymentEstimate {
  name: string;
  strategy: StrategyKind;
  model: string;
  cluster: string;
  workload: string;
  /** All GPUs of all pools. */
  gpus: number;
  /** ASTRA-sim's simulation of steps of this deployment (`servescope astra`), when one was run. */
  astra?: AstraSimReport[];
  ttftMs: number;
  tpotMs: number;
  outputTokensPerSecond: number;
  outputTokensPerSecondPerGpu: number;
  outputTokensPerSecondPerUser: number;
  requestsPerSecond: number;
  /** The arrival rate (req/s) at which an SLO starts to break, when one is finite. */
  maxArrivalRatePerSecond?: number;
  /** TTFT of a request that finds every server free (no queueing), ms. */
  ttftUnqueuedMs?: number;
  /** Mean wait for a prefill server and a decode slot at the operating rate, ms (ttftMs = ttftUnqueuedMs + queueWaitMs). */
  queueWaitMs?: number;
  /** Requests/s the deployment completes with every server busy (the smaller pool capacity). */
  capacityRequestsPerSecond?: number;
  /**
   * True when the workload's `arrival` rate is at or above capacity: the queue grows without
   * bound, requestsPerSecond is the capacity, and ttftMs leaves the (unbounded) wait out.
   */
  queueUnbounded?: boolean;
  pools: PoolReport[];
  feasible: boolean;
  violations: SloViolation[];
  prefill: StepBreakdown;
  decode: StepBreakdown;
  /** Assumptions the numbers rest on, one line each. */
  notes: string[];
  /** The SLO objectives of the deployment's workload (optional; the webview draws them as lines). */
  slo?: SloObjectives;
}

export interface FrontierPoint {
  strategy: StrategyKind;
  gpus: number;
  outputTokensPerSecondPerUser: number;
  outputTokensPerSecondPerGpu: number;
  ttftMs: number;
  tpotMs: number;
  feasible: boolean;
  /** A short description of the configuration: "P 2x(tp8) D 1x(ep16) batch 128". */
  label: string;
  /** A deployment block the user can paste back into the scenario. */
  snippet: string;
  /** Concurrent decode sequences per decode replica at this point. */
  batch?: number;
  requestsPerSecond?: number;
  outputTokensPerSecond?: number;
}

export interface ExploreResult {
  name: string;
  candidates: number;
  evaluated: number;
  feasible: number;
  elapsedMs: number;
  frontier: FrontierPoint[];
  bestPerStrategy: FrontierPoint[];
  /** Why the search stopped early or found nothing, one line a person reads (cap reached, cancelled, nothing feasible). */
  message?: string;
  /** The candidate cap stopped the search before the grid was exhausted. */
  truncated?: boolean;
  cancelled?: boolean;
  /** Candidates pruned before any step time was computed (memory, divisibility). */
  pruned?: number;
  /** The SLO objectives of the exploration's workload (optional; the webview shades the feasible region). */
  slo?: SloObjectives;
}

export interface EstimateReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  source: string;
  deployments: DeploymentEstimate[];
  explorations: ExploreResult[];
}

/**
 * One step of a deployment simulated by ASTRA-sim on servescope's Chakra
 * export (src/export/astra), beside the engine's estimate of the same step.
 * Times in ms; ASTRA-sim's analytical backend counts nanoseconds.
 */
export interface AstraSimReport {
  phase: 'prefill' | 'decode';
  batch: number;
  contextTokens: number;
  /** The slowest rank's finish time in ASTRA-sim. */
  stepMs: number;
  /** The engine's time for the same step (AFD decode: the ping-pong pipeline of its micro-batches). */
  servescopeStepMs: number;
  ranks: Array<{
    rank: number;
    /** Pool role ('aggregated', 'prefill', 'decode', 'attention', 'ffn'), '... (receives)' or 'idle'. */
    role: string;
    /** The engine's compute time on this rank (what the trace's compute nodes carry). */
    computeMs: number;
    finishMs?: number;
    /** ASTRA-sim's finish minus the rank's compute time: communication not hidden behind compute. */
    exposedCommMs?: number;
  }>;
}
