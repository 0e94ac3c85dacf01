/**
 * The explorer's grid: strategies x instance layouts x pool replicas (the
 * P/D and AFD pool ratios) x AFD attention/FFN splits and micro-batches x
 * chunk budgets x batch caps, every candidate within the GPU budget.
 * Enumeration is a visitor (no arrays of candidates): the same walk counts
 * the grid and evaluates it.
 *
 * Bounds the issue left open, chosen here and listed in docs/strategies.md:
 * replicas per pool 1..8; prefill instances without pipeline parallelism
 * (pp lengthens a prompt's latency, which TTFT pays); batch caps are the powers of two up to max_batch
 * (the explorer then takes the largest feasible batch under each cap, so the
 * caps trace the throughput-latency curve); chunk budgets 2048 and 8192
 * tokens (SGLang's and vLLM's usual settings); AFD micro-batches 1..3 (three
 * hide a transfer shorter than half a stage: MegaScale-Infer) and 1..4 AFD
 * decode replicas.
 */
import type { ClusterSpec, ModelSpec, ParallelLayout } from '../../engine/types.js';
import type { ExploreSpec, StrategyKind, StrategySpec } from '../types.js';
import { attentionSides, ffnSides, instanceLayouts, layoutKey, powersOfTwoUpTo } from './layouts.js';

export const MAX_REPLICAS_PER_POOL = 8;
export const CHUNK_BUDGETS_TOKENS = [2048, 8192] as const;
export const AFD_MICROBATCHES = [1, 2, 3] as const;
/** AFD decode replicas are large (M + N GPUs each): 1..4 of them. */
export const MAX_AFD_DECODE_REPLICAS = 4;
export const DEFAULT_EXPLORE_MAX_BATCH = 4096;

export interface Candidate {
  strategy: StrategySpec;
  /** Upper bound on the decode batch per replica for this candidate. */
  batchCap: number;
  /** Identifies the decode side (or aggregated instance) and the cap: candidates sharing it share a batch search. */
  sideKey: string;
  /** Identifies the prefill layout (P/D, AFD). */
  prefillKey?: string;
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

/**
 * Memory checks at batch 1, applied to each pool layout before the walk:
 * a layout whose weights do not fit is dropped with every combination that
 * uses it (early pruning: no step time is ever computed for them).
 */
export interface LayoutFilter {
  instance(layout: ParallelLayout): boolean;
  attention(side: { gpus: number; tp: number; attentionDp: number }): boolean;
  ffn(gpus: number): boolean;
}

/**
 * Walks the grid, calling `visit` for each candidate (without a visitor it
 * only counts, allocating nothing per candidate). Returns how many were
 * walked and whether the walk ran to the end (the visitor may stop it).
 */
export function walkGrid(g: GridShape, visit?: CandidateVisitor, filter?: LayoutFilter): { walked: number; complete: boolean } {
  let walked = 0;
  const stopped = () => ({ walked, complete: false });
  const caps = powersOfTwoUpTo(g.maxBatch);
  if (caps[caps.length - 1] !== g.maxBatch) caps.push(g.maxBatch);
  const sizes = powersOfTwoUpTo(g.maxGpus);
  const allLayouts: { gpus: number; layout: ParallelLayout; key: string }[] = [];
  for (const size of sizes) {
    for (const layout of instanceLayouts(g.model, g.cluster, size)) {
      if (!filter || filter.instance(layout)) allLayouts.push({ gpus: size, layout, key: layoutKey(layout) });
    }
  }
  const prefillLayouts = allLayouts.filter((l) => l.layout.pp === 1);
  const keysByCap = (prefix: string) => caps.map((cap) => `${prefix}|${cap}`);

  if (g.strategies.includes('aggregated')) {
    for (const { gpus, layout, key } of allLayouts) {
      for (const chunkTokens of CHUNK_BUDGETS_TOKENS) {
        const sideKeys = keysByCap(`${key}|${chunkTokens}`);
        for (let r = 1; r <= MAX_REPLICAS_PER_POOL && r * gpus <= g.maxGpus; r++) {
          for (let c = 0; c < caps.length; c++) {
            walked++;
            if (!visit) continue;
            const cap = caps[c]!;
            const strategy: StrategySpec = { kind: 'aggregated', replicas: r, chunkTokens, instance: { gpus, layout, maxBatch: cap } };
            if (!visit({ strategy, batchCap: cap, sideKey: sideKeys[c]! })) return stopped();
          }
        }
      }
    }
  }
  if (g.strategies.includes('disaggregated')) {
    for (const d of allLayouts) {
      const sideKeys = keysByCap(d.key);
      for (const p of prefillLayouts) {
        if (p.gpus + d.gpus > g.maxGpus) continue;
        for (let x = 1; x <= MAX_REPLICAS_PER_POOL && x * p.gpus + d.gpus <= g.maxGpus; x++) {
          for (let y = 1; y <= MAX_REPLICAS_PER_POOL && x * p.gpus + y * d.gpus <= g.maxGpus; y++) {
            for (let c = 0; c < caps.length; c++) {
              walked++;
              if (!visit) continue;
              const cap = caps[c]!;
              const strategy: StrategySpec = {
                kind: 'disaggregated',
                prefill: { replicas: x, instance: { gpus: p.gpus, layout: p.layout } },
                decode: { replicas: y, instance: { gpus: d.gpus, layout: d.layout, maxBatch: cap } },
              };
              if (!visit({ strategy, batchCap: cap, sideKey: sideKeys[c]!, prefillKey: p.key })) return stopped();
            }
          }
        }
      }
    }
  }
  if (g.strategies.includes('afd') && g.model.moe) {
    const attention = attentionSides(g.model, g.cluster, g.maxGpus).filter((a) => !filter || filter.attention(a));
    const ffn = ffnSides(g.model, g.maxGpus).filter((n) => !filter || filter.ffn(n));
    for (const a of attention) {
      for (const n of ffn) {
        const decodeGpus = a.gpus + n;
        for (const k of AFD_MICROBATCHES) {
          const sideKeys = keysByCap(`${a.tp}.${a.attentionDp}|${n}|${k}`);
          for (const p of prefillLayouts) {
            if (p.gpus + decodeGpus > g.maxGpus) continue;
            for (let x = 1; x <= MAX_REPLICAS_PER_POOL && x * p.gpus + decodeGpus <= g.maxGpus; x++) {
              for (let y = 1; y <= MAX_AFD_DECODE_REPLICAS && x * p.gpus + y * decodeGpus <= g.maxGpus; y++) {
                for (let c = 0; c < caps.length; c++) {
                  const cap = caps[c]!;
                  if (k > cap) continue;
                  walked++;
                  if (!visit) continue;
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
                  if (!visit({ strategy, batchCap: cap, sideKey: sideKeys[c]!, prefillKey: p.key })) return stopped();
                }
              }
            }
          }
        }
      }
    }
  }
  return { walked, complete: true };
}

export function countGrid(g: GridShape, filter?: LayoutFilter): number {
  return walkGrid(g, undefined, filter).walked;
}
