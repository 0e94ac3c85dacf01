/**
 * The engine reports each layer kind once with a `count`; a trace runs every
 * layer. Expand the kinds in the engine's order and split them over pipeline
 * stages: embedding-like layers on the first stage, the LM head on the last,
 * transformer layers in contiguous, near-equal runs (Megatron/vLLM placement).
 */
import type { LayerCost, StepBreakdown } from '../../engine/types.js';

export interface LayerInstance {
  layer: LayerCost;
  /** Position in the whole step (0-based over all expanded layers). */
  index: number;
  /** Transformer layer (not embedding / LM head): split over pipeline stages. */
  transformer: boolean;
  /** Has attention, hence a KV cache a P/D transfer must move. */
  carriesKv: boolean;
}

const FIRST_STAGE_ONLY = /embed/i;
const LAST_STAGE_ONLY = /head|logit|sampl/i;

const LAYER_WORK = new Set(['attention', 'dense_ffn', 'experts']);

/** A decoder layer: attention and/or FFN work (the engine's 'pipeline' kind holds only stage sends). */
export const isTransformerLayer = (layer: LayerCost): boolean =>
  !FIRST_STAGE_ONLY.test(layer.kind) && !LAST_STAGE_ONLY.test(layer.kind) && layer.ops.some((op) => LAYER_WORK.has(op.category));

export function layerInstances(breakdown: StepBreakdown): LayerInstance[] {
  const out: LayerInstance[] = [];
  for (const layer of breakdown.layers) {
    for (let i = 0; i < layer.count; i++) out.push({ layer, index: out.length, transformer: isTransformerLayer(layer), carriesKv: layer.ops.some((op) => op.category === 'attention') });
  }
  return out;
}

export function stageLayers(instances: LayerInstance[], pp: number, stage: number): LayerInstance[] {
  const transformers = instances.filter((l) => l.transformer);
  const lo = Math.floor((stage * transformers.length) / pp);
  const hi = Math.floor(((stage + 1) * transformers.length) / pp);
  const mine = new Set(transformers.slice(lo, hi));
  return instances.filter((l) =>
    l.transformer ? mine.has(l) : FIRST_STAGE_ONLY.test(l.layer.kind) ? stage === 0 : stage === pp - 1);
}
