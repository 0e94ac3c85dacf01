/**
 * Plain-data scenario: what the language lowers a document into, and what the
 * serving strategies and the design-space explorer take. Pure: no Langium,
 * no vscode. Units are in field names.
 */
import type { ClusterSpec, ModelSpec, ParallelLayout, Precision } from '../engine/types.js';

/** A token-length distribution: fixed (`p90` absent) or with a mean and a p90. */
export interface LengthDistribution {
  mean: number;
  p90?: number;
}

export interface WorkloadSpec {
  name: string;
  inputTokens: LengthDistribution;
  outputTokens: LengthDistribution;
  /** Fraction (0..1) of input tokens served from a prefix KV cache. */
  prefixReuse: number;
  slo: {
    ttftMs?: number;
    tpotMs?: number;
  };
  /** Offered load in requests/s, when the user states one; otherwise the strategy reports the rate at which SLOs break. */
  arrivalRatePerSecond?: number;
  source?: string;
}

/** One model instance's resources and limits. */
export interface PoolSpec {
  /** GPUs of one instance: tp * attentionDp * pp. */
  gpus: number;
  layout: ParallelLayout;
  /** Upper bound on concurrent sequences per instance; the strategy may choose fewer. */
  maxBatch?: number;
}

export interface AggregatedStrategy {
  kind: 'aggregated';
  replicas: number;
  instance: PoolSpec;
  /** Chunked-prefill token budget per iteration (prefill chunk + decodes). */
  chunkTokens: number;
}

export interface DisaggregatedStrategy {
  kind: 'disaggregated';
  prefill: { replicas: number; instance: PoolSpec };
  decode: { replicas: number; instance: PoolSpec };
}

export interface AfdStrategy {
  kind: 'afd';
  prefill: { replicas: number; instance: PoolSpec };
  decode: {
    replicas: number;
    /** M GPUs running attention (attention-DP over attentionDp, TP inside). */
    attention: { gpus: number; attentionDp: number; tp: number };
    /** N GPUs running the routed experts (EP over ep). */
    ffn: { gpus: number; ep: number };
    microbatches: number;
    maxBatch?: number;
  };
}

export type StrategySpec = AggregatedStrategy | DisaggregatedStrategy | AfdStrategy;
export type StrategyKind = StrategySpec['kind'];

export interface DeploymentSpec {
  name: string;
  model: ModelSpec;
  cluster: ClusterSpec;
  workload: WorkloadSpec;
  precision: Precision;
  strategy: StrategySpec;
}

export type ExploreObjective = 'tokens_per_gpu' | 'tokens_per_user' | 'throughput';

export interface ExploreSpec {
  name: string;
  model: ModelSpec;
  cluster: ClusterSpec;
  workload: WorkloadSpec;
  precision: Precision;
  strategies: StrategyKind[];
  maxGpus: number;
  objective: ExploreObjective;
  /** `limit N`: the most candidate placements the search may evaluate (the language rejects larger spaces). */
  limit?: number;
  /** `max_batch N`: the largest decode batch per instance the search tries. */
  maxBatch?: number;
}

export interface Scenario {
  deployments: DeploymentSpec[];
  explorations: ExploreSpec[];
}
