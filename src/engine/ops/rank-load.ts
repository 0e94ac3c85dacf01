/**
 * The operating point as one GPU sees it. Attention-DP ranks split the
 * instance's sequences; the step waits for the busiest rank, so each group
 * contributes ceil(count / attentionDp) sequences to it. Expert GPUs see the
 * tokens of every rank of their stage.
 */
import type { OperatingPoint, ParallelLayout } from '../types.js';

export interface RankGroup { seqs: number; newTokens: number; pastTokens: number }

export interface RankLoad {
  groups: RankGroup[];
  /** Tokens one attention rank processes (GEMM M of attention and dense layers). */
  tokens: number;
  /** Tokens of the whole instance (all attention-DP ranks): what the routed experts of a stage see. */
  instanceTokens: number;
  /** Sequences on the rank (rows of the LM head: one new token each). */
  seqs: number;
}

export function rankLoad(point: OperatingPoint, layout: ParallelLayout): RankLoad {
  const groups: RankGroup[] = [];
  let tokens = 0, instanceTokens = 0, seqs = 0;
  for (const g of point.groups) {
    const s = Math.ceil(g.count / layout.attentionDp);
    groups.push({ seqs: s, newTokens: g.newTokens, pastTokens: g.pastTokens });
    tokens += s * g.newTokens;
    instanceTokens += g.count * g.newTokens;
    seqs += s;
  }
  return { groups, tokens, instanceTokens, seqs };
}
