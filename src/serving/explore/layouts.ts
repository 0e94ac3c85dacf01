/**
 * The parallel layouts the explorer tries for one model instance of g GPUs
 * (g a power of two up to the budget): tp x attentionDp x pp = g with
 *  - tp a power of two within the scale-up domain (TP all-reduces every
 *    layer; across the scale-out network it never pays) that divides the
 *    attention heads;
 *  - pp in {1, 2}, at most the layer count (pp micro-batches in flight; a
 *    second stage lets a model span two nodes without TP over the network;
 *    deeper pipelines add stage hops to every token and grow the grid);
 *  - ep in {1, tp x attentionDp} for MoE models: experts tensor-sharded or
 *    spread over the whole stage, the two ends the published deployments use,
 *    when the expert count divides evenly; 1 for dense models.
 * Divisibility is checked here, so the engine never sees an impossible layout.
 */
import type { ClusterSpec, ModelSpec, ParallelLayout } from '../../engine/types.js';

export function powersOfTwoUpTo(n: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= n; p *= 2) out.push(p);
  return out;
}

export function scaleUpDomain(cluster: ClusterSpec): number {
  return cluster.tiers[0]?.domainGpus ?? cluster.gpusPerNode;
}

function headsOf(model: ModelSpec): number {
  return model.attention.heads;
}

export function instanceLayouts(model: ModelSpec, cluster: ClusterSpec, gpus: number): ParallelLayout[] {
  const out: ParallelLayout[] = [];
  const domain = scaleUpDomain(cluster);
  for (const pp of [1, 2]) {
    if (pp > model.layers || gpus % pp !== 0) continue;
    const stage = gpus / pp;
    for (const tp of powersOfTwoUpTo(Math.min(stage, domain))) {
      if (headsOf(model) % tp !== 0) continue;
      const attentionDp = stage / tp;
      const eps = model.moe ? [...new Set([1, stage])].filter((ep) => model.moe!.experts % ep === 0) : [1];
      for (const ep of eps) out.push({ tp, pp, ep, attentionDp });
    }
  }
  return out;
}

/** Attention sides of an AFD decode replica: M = tp x attentionDp GPUs. */
export function attentionSides(model: ModelSpec, cluster: ClusterSpec, maxGpus: number): { gpus: number; tp: number; attentionDp: number }[] {
  const out: { gpus: number; tp: number; attentionDp: number }[] = [];
  const domain = scaleUpDomain(cluster);
  for (const m of powersOfTwoUpTo(maxGpus)) {
    for (const tp of powersOfTwoUpTo(Math.min(m, domain))) {
      if (headsOf(model) % tp !== 0) continue;
      out.push({ gpus: m, tp, attentionDp: m / tp });
    }
  }
  return out;
}

/** FFN sides of an AFD decode replica: N GPUs, EP over all of them, N dividing the expert count. */
export function ffnSides(model: ModelSpec, maxGpus: number): number[] {
  if (!model.moe) return [];
  return powersOfTwoUpTo(maxGpus).filter((n) => model.moe!.experts % n === 0);
}

export function layoutKey(l: ParallelLayout): string {
  return `${l.tp}.${l.pp}.${l.ep}.${l.attentionDp}`;
}
