/**
 * What dominates a step: the operator category with the most time and the
 * bound of its most expensive operator. Used to word SLO violations
 * ("decode is memory-bound on attention at batch 128").
 */
import type { Bound, OpCategory, StepBreakdown } from '../engine/types.js';

export interface DominantCause {
  category: OpCategory;
  bound: Bound;
  operator: string;
  /** Share of the step's summed operator time, 0..1. */
  share: number;
}

const CATEGORY_WORDS: Record<OpCategory, string> = {
  attention: 'attention',
  dense_ffn: 'the dense FFN',
  experts: 'the experts',
  elementwise: 'elementwise kernels',
  tp_comm: 'tensor-parallel communication',
  ep_comm: 'expert-parallel all-to-all',
  pp_comm: 'pipeline sends',
  afd_transfer: 'attention-FFN transfers',
  kv_transfer: 'the KV-cache transfer',
  embedding: 'embedding and LM head',
  bubble: 'pipeline bubbles',
};

export function categoryWords(category: OpCategory): string {
  return CATEGORY_WORDS[category] ?? category;
}

export function dominantCause(step: StepBreakdown): DominantCause | undefined {
  const byCategory = new Map<OpCategory, { time: number; top: { time: number; bound: Bound; name: string } }>();
  let total = 0;
  for (const layer of step.layers) {
    for (const op of layer.ops) {
      const t = op.timeMs * layer.count;
      total += t;
      const entry = byCategory.get(op.category);
      if (!entry) byCategory.set(op.category, { time: t, top: { time: t, bound: op.bound, name: op.name } });
      else {
        entry.time += t;
        if (t > entry.top.time) entry.top = { time: t, bound: op.bound, name: op.name };
      }
    }
  }
  let best: DominantCause | undefined;
  let bestTime = -1;
  for (const [category, entry] of byCategory) {
    if (entry.time > bestTime) {
      bestTime = entry.time;
      best = { category, bound: entry.top.bound, operator: entry.top.name, share: total > 0 ? entry.time / total : 0 };
    }
  }
  return best;
}

/** "memory-bound on attention" */
export function describeCause(cause: DominantCause | undefined): string {
  if (!cause) return 'no operator breakdown available';
  return `${cause.bound}-bound on ${categoryWords(cause.category)}`;
}
