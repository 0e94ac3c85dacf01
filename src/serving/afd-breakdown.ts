/**
 * The decode breakdown of an AFD deployment. The two sides run concurrently,
 * so the tree lists what each does for one micro-batch (layers prefixed
 * 'attention:' and 'ffn:', as the engine returns them) and an 'afd_pipeline'
 * layer with the step's transfers (both directions, all layers and
 * micro-batches) and the attention side's idle time (the bubble). Operator
 * times therefore do not add up to the step time; `timeMs` is the pipelined
 * step (afd-pipeline.ts).
 */
import type { StepBreakdown } from '../engine/types.js';
import type { AfdAtBatch } from './strategies/afd.js';
import { formatFixed } from '../format/quantities.js';

export function afdDecodeBreakdown(attention: StepBreakdown, ffn: StepBreakdown, afd: AfdAtBatch, layers: number): StepBreakdown {
  const trips = afd.microbatches * Math.max(1, layers);
  const step = afd.pipeline.stepMs;
  const link = (name: string, timeMs: number) => ({
    name, category: 'afd_transfer' as const, flops: 0, bytes: 0, timeMs, bound: 'network' as const, provenance: 'fitted' as const,
    note: `${afd.microbatches} micro-batches x ${layers} layers, tier ${afd.tier}`,
  });
  return {
    phase: 'decode',
    timeMs: step,
    layers: [
      ...attention.layers.map((l) => ({ ...l, kind: `attention:${l.kind}` })),
      ...ffn.layers.map((l) => ({ ...l, kind: `ffn:${l.kind}` })),
      {
        kind: 'afd_pipeline',
        count: 1,
        timeMs: step,
        ops: [
          link('attention_to_ffn', afd.stages.toFfnMs * trips),
          link('ffn_to_attention', afd.stages.toAttentionMs * trips),
          {
            name: 'attention_idle', category: 'bubble', flops: 0, bytes: 0, timeMs: afd.pipeline.attentionIdle * step,
            bound: 'latency', provenance: 'fitted',
            note: `slowest stage ${afd.pipeline.slowestStage} ${formatFixed(afd.pipeline.slowestStageMs, 3)} ms per layer; ${afd.pipeline.microbatchesToHide} micro-batches hide the round trip`,
          },
        ],
      },
    ],
    flops: attention.flops + ffn.flops,
    bytes: attention.bytes + ffn.bytes,
    memory: attention.memory,
  };
}
