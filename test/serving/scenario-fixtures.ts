/** Deployments and explorations on the toy engine, shared by serving tests. */
import type { DeploymentSpec, ExploreSpec, StrategySpec, WorkloadSpec } from '../../src/serving/types.js';
import { toyCluster, toyModel, toyPrecision, toyWorkload } from '../fixtures/toy-engine.js';

export const one = { tp: 1, pp: 1, ep: 1, attentionDp: 1 };

export function deployment(name: string, strategy: StrategySpec, workload: Partial<WorkloadSpec> = {}): DeploymentSpec {
  return { name, model: toyModel, cluster: toyCluster(), workload: toyWorkload(workload), precision: toyPrecision, strategy };
}

export const aggregated1: StrategySpec = { kind: 'aggregated', replicas: 1, chunkTokens: 504, instance: { gpus: 1, layout: one, maxBatch: 64 } };

export const pd11: StrategySpec = {
  kind: 'disaggregated',
  prefill: { replicas: 1, instance: { gpus: 1, layout: one } },
  decode: { replicas: 1, instance: { gpus: 1, layout: one, maxBatch: 64 } },
};

export const afd: StrategySpec = {
  kind: 'afd',
  prefill: { replicas: 1, instance: { gpus: 1, layout: one } },
  decode: { replicas: 1, attention: { gpus: 2, attentionDp: 2, tp: 1 }, ffn: { gpus: 1, ep: 1 }, microbatches: 2, maxBatch: 64 },
};

export function exploreSpec(over: Partial<ExploreSpec> = {}, workload: Partial<WorkloadSpec> = {}): ExploreSpec {
  return {
    name: 'search', model: toyModel, cluster: toyCluster(), workload: toyWorkload(workload), precision: toyPrecision,
    strategies: ['aggregated', 'disaggregated', 'afd'], maxGpus: 4, objective: 'tokens_per_gpu', maxBatch: 32, ...over,
  };
}
