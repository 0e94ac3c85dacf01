/**
 * Where each GPU of one model instance sits in the exported rank space, and
 * its process groups. Ranks of an instance are numbered stage-major, then
 * attention-DP, then TP (rank = first + (stage * attentionDp + dp) * tp + tp),
 * so a TP group is contiguous and lands in one scale-up domain, as inference
 * servers place it.
 */
import type { ParallelLayout } from '../../engine/types.js';

export interface PoolRanks {
  /** First rank of this pool in the trace. */
  first: number;
  layout: ParallelLayout;
}

export interface RankPosition {
  stage: number;
  dp: number;
  tp: number;
  /** Index inside the stage: dp * tp + tp. */
  inStage: number;
}

export const gpusOf = (layout: ParallelLayout): number => layout.tp * layout.attentionDp * layout.pp;
export const stageGpus = (layout: ParallelLayout): number => layout.tp * layout.attentionDp;

export function poolRankList(pool: PoolRanks): number[] {
  return Array.from({ length: gpusOf(pool.layout) }, (_, i) => pool.first + i);
}

export function positionOf(pool: PoolRanks, rank: number): RankPosition {
  const local = rank - pool.first;
  const perStage = stageGpus(pool.layout);
  const inStage = local % perStage;
  return { stage: Math.floor(local / perStage), dp: Math.floor(inStage / pool.layout.tp), tp: inStage % pool.layout.tp, inStage };
}

export function rankAt(pool: PoolRanks, stage: number, inStage: number): number {
  return pool.first + stage * stageGpus(pool.layout) + inStage;
}

/** The TP group of a rank: same stage, same attention-DP replica. */
export function tpGroup(pool: PoolRanks, rank: number): number[] {
  const p = positionOf(pool, rank);
  return Array.from({ length: pool.layout.tp }, (_, t) => rankAt(pool, p.stage, p.dp * pool.layout.tp + t));
}

/** The EP group of a rank: `ep` consecutive GPUs of its stage (ep divides tp * attentionDp). */
export function epGroup(pool: PoolRanks, rank: number): number[] {
  const p = positionOf(pool, rank);
  const ep = Math.max(1, pool.layout.ep);
  const start = Math.floor(p.inStage / ep) * ep;
  return Array.from({ length: ep }, (_, e) => rankAt(pool, p.stage, start + e));
}

/** Every GPU of the rank's pipeline stage. */
export function stageGroup(pool: PoolRanks, rank: number): number[] {
  const p = positionOf(pool, rank);
  return Array.from({ length: stageGpus(pool.layout) }, (_, i) => rankAt(pool, p.stage, i));
}
