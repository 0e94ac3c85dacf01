/** Shared inputs of the engine tests: H100 HGX clusters, precisions, layouts and operating points. */
import { h100ReferenceCluster } from '../../src/engine/comm/comm-tables.js';
import type { ClusterSpec, ModelSpec, OperatingPoint, OperatorCost, ParallelLayout, Precision, StepBreakdown, StepInput } from '../../src/engine/types.js';

export const hgx1: ClusterSpec = h100ReferenceCluster(1);
export const hgx8: ClusterSpec = h100ReferenceCluster(8);
export const bf16: Precision = { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' };
export const fp8: Precision = { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' };

export function layout(tp: number, opts: Partial<ParallelLayout> = {}): ParallelLayout {
  return { tp, pp: 1, ep: 1, attentionDp: 1, ...opts };
}

export function decode(batch: number, context: number): OperatingPoint {
  return { phase: 'decode', groups: [{ count: batch, newTokens: 1, pastTokens: context }] };
}

export function prefill(batch: number, tokens: number, cached = 0): OperatingPoint {
  return { phase: 'prefill', groups: [{ count: batch, newTokens: tokens - cached, pastTokens: cached }] };
}

export function input(model: ModelSpec, point: OperatingPoint, l: ParallelLayout = layout(1), precision: Precision = bf16, cluster: ClusterSpec = hgx1): StepInput {
  return { model, cluster, precision, layout: l, point };
}

/** The named operator of the named layer kind. */
export function findOp(b: StepBreakdown, kind: string, name: string): OperatorCost {
  const layer = b.layers.find((l) => l.kind === kind);
  if (!layer) throw new Error(`no layer kind ${kind} in ${b.layers.map((l) => l.kind).join(', ')}`);
  const op = layer.ops.find((o) => o.name === name);
  if (!op) throw new Error(`no op ${name} in ${kind}: ${layer.ops.map((o) => o.name).join(', ')}`);
  return op;
}

export function hasOp(b: StepBreakdown, kind: string, name: string): boolean {
  return !!b.layers.find((l) => l.kind === kind)?.ops.some((o) => o.name === name);
}
