// A small estimate report for the client's pure helpers: two deployments, one
// that meets its SLOs and one that misses TPOT (with a comma and quotes in its
// message, which CSV must quote).
import type { MemoryUse, StepBreakdown } from '../../src/engine/types.js';
import type { DeploymentEstimate, EstimateReport } from '../../src/serving/report.js';

const memory: MemoryUse = { weightsBytes: 1e9, kvCacheBytes: 2e9, activationBytes: 1e8, capacityBytes: 80e9, freeBytes: 76.9e9, fits: true };
const step = (phase: 'prefill' | 'decode', timeMs: number): StepBreakdown => ({ phase, timeMs, layers: [], flops: 1e12, bytes: 1e9, memory });

export function deployment(overrides: Partial<DeploymentEstimate>): DeploymentEstimate {
  return {
    name: 'agg', strategy: 'aggregated', model: 'deepseek_v3', cluster: 'h100x32', workload: 'chat',
    gpus: 32, ttftMs: 412.3, tpotMs: 38.25, outputTokensPerSecond: 64000, outputTokensPerSecondPerGpu: 2000,
    outputTokensPerSecondPerUser: 26.1, requestsPerSecond: 120.5,
    pools: [{ role: 'aggregated', replicas: 4, gpusPerReplica: 8, layout: { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, batch: 128, memory }],
    feasible: true, violations: [], prefill: step('prefill', 412.3), decode: step('decode', 38.25), notes: [],
    ...overrides,
  };
}

export const report: EstimateReport = {
  schemaVersion: 1,
  source: 'file:///examples/deepseek-v3-strategies.serve',
  deployments: [
    deployment({}),
    deployment({
      name: 'pd', strategy: 'disaggregated', ttftMs: 250, tpotMs: 63, feasible: false, maxArrivalRatePerSecond: 80,
      pools: [
        { role: 'prefill', replicas: 2, gpusPerReplica: 8, layout: { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, batch: 4, memory },
        { role: 'decode', replicas: 1, gpusPerReplica: 16, layout: { tp: 1, pp: 1, ep: 16, attentionDp: 16 }, batch: 128, memory },
      ],
      violations: [{ metric: 'tpot', value: 63, objective: 50, message: 'TPOT 63 ms > 50 ms objective: decode is memory-bound on "attention", batch 128' }],
    }),
  ],
  explorations: [],
};
