/**
 * The explorer's grid: strategies x instance layouts x pool replicas (the
 * P/D and AFD pool ratios) x AFD attention/FFN splits and micro-batches x
 * chunk budgets x batch caps, every candidate within the GPU budget.
 * Enumeration is a visitor (no arrays of candidates): the same walk counts
 * the grid and evaluates it.
 *
 * Bounds the issue left open, chosen here and listed in docs/strategies.md:
 * replicas per pool 1..16; batch caps are the powers of two up to max_batch
 * (the explorer then takes the largest feasible batch under each cap, so the
 * caps trace the throughput-latency curve); chunk budgets 2048 and 8192
 * tokens (SGLang's and vLLM's usual settings); AFD micro-batches 1..4.
 */
import type { ClusterSpec, ModelSpec, ParallelLayout } from '../../engine/types.js';
import type { ExploreSpec, StrategyKind, StrategySpec } from '../types.js';
import { attentionSides, ffnSides, instanceLayouts, powersOfTwoUpTo } from './layouts.js';

export const MAX_REPLICAS_PER_POOL = 16;
export const CHUNK_BUDGETS_TOKENS = [2048, 8192] as const;
export const AFD_MICROBATCHES = [1, 2, 3, 4] as const;
export const DEFAULT_EXPLORE_MAX_BATCH = 512;

export interface Candidate {
  strategy: StrategySpec;
  /** Upper bound on the decode batch per replica for this candidate. */
  batchCap: number;
}

/** Return false to stop the walk. */
export type CandidateVisitor = (c: Candidate) => boolean;

export interface GridShape {
  model: ModelSpec;
  cluster: ClusterSpec;
  strategies: readonly StrategyKind[];
  maxGpus: number;
  maxBatch: number;
}

export function gridShape(spec: ExploreSpec): GridShape {
  const clusterGpus = spec.cluster.nodes * spec.cluster.gpusPerNode;
  return {
    model: spec.model,
    cluster: spec.cluster,
    strategies: spec.strategies.length > 0 ? spec.strategies : ['aggregated', 'disaggregated', 'afd'],
    maxGpus: Math.max(0, Math.min(spec.maxGpus, clusterGpus > 0 ? clusterGpus : spec.maxGpus)),
    maxBatch: Math.max(1, spec.maxBatch ?? DEFAULT_EXPLORE_MAX_BATCH),
  };
}

/** Walks the grid; returns false when the visitor stopped it. */
export function walkGrid(g: GridShape, visit: CandidateVisitor): boolean {
  const caps = powersOfTwoUpTo(g.maxBatch);
  if (caps[caps.length - 1] !== g.maxBatch) caps.push(g.maxBatch);
  const sizes = powersOfTwoUpTo(g.maxGpus);
  const layoutsBySize = sizes.map((s) => ({ gpus: s, layouts: instanceLayouts(g.model, g.cluster, s) }));
  const allLayouts: { gpus: number; layout: ParallelLayout }[] = [];
  for (const s of layoutsBySize) for (const layout of s.layouts) allLayouts.push({ gpus: s.gpus, layout });

  if (g.strategies.includes('aggregated')) {
    for (const { gpus, layout } of allLayouts) {
      for (let r = 1; r <= MAX_REPLICAS_PER_POOL && r * gpus <= g.maxGpus; r++) {
        for (const chunkTokens of CHUNK_BUDGETS_TOKENS) {
          for (const cap of caps) {
            if (!visit({ strategy: { kind: 'aggregated', replicas: r, chunkTokens, instance: { gpus, layout, maxBatch: cap } }, batchCap: cap })) return false;
          }
        }
      }
    }
  }
  if (g.strategies.includes('disaggregated')) {
    for (const p of allLayouts) {
      for (const d of allLayouts) {
        if (p.gpus + d.gpus > g.maxGpus) continue;
        for (let x = 1; x <= MAX_REPLICAS_PER_POOL && x * p.gpus + d.gpus <= g.maxGpus; x++) {
          for (let y = 1; y <= MAX_REPLICAS_PER_POOL && x * p.gpus + y * d.gpus <= g.maxGpus; y++) {
            for (const cap of caps) {
              const strategy: StrategySpec = {
                kind: 'disaggregated',
                prefill: { replicas: x, instance: { gpus: p.gpus, layout: p.layout } },
                decode: { replicas: y, instance: { gpus: d.gpus, layout: d.layout, maxBatch: cap } },
              };
              if (!visit({ strategy, batchCap: cap })) return false;
            }
          }
        }
      }
    }
  }
  if (g.strategies.includes('afd') && g.model.moe) {
    const attention = attentionSides(g.model, g.cluster, g.maxGpus);
    const ffn = ffnSides(g.model, g.maxGpus);
    for (const p of allLayouts) {
      for (const a of attention) {
        for (const n of ffn) {
          const decodeGpus = a.gpus + n;
          if (p.gpus + decodeGpus > g.maxGpus) continue;
          for (const k of AFD_MICROBATCHES) {
            for (let x = 1; x <= MAX_REPLICAS_PER_POOL && x * p.gpus + decodeGpus <= g.maxGpus; x++) {
              for (let y = 1; y <= MAX_REPLICAS_PER_POOL && x * p.gpus + y * decodeGpus <= g.maxGpus; y++) {
                for (const cap of caps) {
                  if (k > cap) continue;
                  const strategy: StrategySpec = {
                    kind: 'afd',
                    prefill: { replicas: x, instance: { gpus: p.gpus, layout: p.layout } },
                    decode: {
                      replicas: y,
                      attention: { gpus: a.gpus, attentionDp: a.attentionDp, tp: a.tp },
                      ffn: { gpus: n, ep: n },
                      microbatches: k,
                      maxBatch: cap,
                    },
                  };
                  if (!visit({ strategy, batchCap: cap })) return false;
                }
              }
            }
          }
        }
      }
    }
  }
  return true;
}

export function countGrid(g: GridShape): number {
  let n = 0;
  walkGrid(g, () => { n++; return true; });
  return n;
}
