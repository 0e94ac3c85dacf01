/**
 * How many more GPUs a pool needs for its weights and one sequence's KV cache
 * to fit, with the same accounting as the validator's `memoryDoesNotFit`
 * (src/language/resolve.ts): the engine's memoryUse for one sequence of
 * input + output tokens.
 */
import { memoryUse } from '../../engine/index.js';
import type { ParallelLayout } from '../../engine/types.js';
import * as ast from '../generated/ast.js';
import { poolFieldValue, Resolver } from '../resolve.js';

export interface FitProposal {
  /** The new tensor-parallel degree (a divisor of the heads). */
  tp: number;
  /** By how much the pool's GPUs grow. */
  factor: number;
}

/** The smallest growth of tp (x2, x4, ...) that fits, or undefined when the figures cannot be resolved or nothing up to x64 fits. */
export function proposeFit(deployment: ast.Deployment, pool: ast.Pool): FitProposal | undefined {
  const resolver = new Resolver();
  const model = deployment.model?.ref ? resolver.model(deployment.model.ref).value : undefined;
  const cluster = deployment.cluster?.ref ? resolver.cluster(deployment.cluster.ref).value : undefined;
  const workload = deployment.workload?.ref ? resolver.workload(deployment.workload.ref).value : undefined;
  if (!model || !cluster) return undefined;
  const precision = resolver.precision(deployment.items);
  const field = (key: string, fallback: number) => poolFieldValue(pool, key) ?? fallback;
  const layout: ParallelLayout = { tp: field('tp', 1), pp: field('pp', 1), ep: field('ep', 1), attentionDp: field('attention_dp', 1) };
  const context = workload ? workload.inputTokens.mean + workload.outputTokens.mean : 0;
  for (let factor = 2; factor <= 64; factor *= 2) {
    const tp = layout.tp * factor;
    if (model.attention.heads % tp !== 0) continue;
    try {
      const use = memoryUse({ model, cluster, precision, layout: { ...layout, tp }, part: 'all', sequences: 1, contextTokens: context, tokensPerStep: 1 });
      if (use.fits) return { tp, factor };
    } catch {
      // the engine rejects this layout; try the next
    }
  }
  return undefined;
}
