/**
 * How many more GPUs a pool needs for its weights and one sequence's KV cache
 * to fit, with the same accounting as the validator's `memoryDoesNotFit`
 * (src/language/resolve.ts: weightBytesPerGpu + the KV of one sequence of
 * input + output tokens, sharded by min(tp, kv_heads) and pp).
 */
import { kvCacheBytesPerSequence, weightBytesPerGpu } from '../../engine/index.js';
import type { ParallelLayout } from '../../engine/types.js';
import * as ast from '../generated/ast.js';
import { Resolver } from '../resolve.js';

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
  const field = (key: string, fallback: number) => pool.fields.find((f) => f.key === key)?.value.value ?? fallback;
  const layout: ParallelLayout = { tp: field('tp', 1), pp: field('pp', 1), ep: field('ep', 1), attentionDp: field('attention_dp', 1) };
  const context = workload ? workload.inputTokens.mean + workload.outputTokens.mean : 0;
  for (let factor = 2; factor <= 64; factor *= 2) {
    const tp = layout.tp * factor;
    if (model.attention.heads % tp !== 0) continue;
    const kvShard = model.attention.kind === 'gqa' ? Math.min(tp, model.attention.kvHeads) : 1;
    const need = weightBytesPerGpu(model, { ...layout, tp }, precision) + kvCacheBytesPerSequence(model, precision, context) / kvShard / layout.pp;
    if (need <= cluster.gpu.memoryBytes) return { tp, factor };
  }
  return undefined;
}
