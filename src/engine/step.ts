/**
 * One forward step of one model instance, per GPU, as a tree: step -> layer
 * kind -> operator. A step passes through all pipeline stages in turn, so its
 * time is the sum over layer kinds of count x layer time, plus the embedding,
 * LM head and the pp - 1 stage-to-stage sends; concurrent micro-batches across
 * stages are the serving layer's concern. FLOPs and bytes are per GPU
 * (averaged over pipeline stages). `stepTimeMs` runs the same code with a sink
 * that only sums times.
 */
import { attentionBlock } from './ops/attention-block.js';
import { embeddingOps, lmHeadOps } from './ops/embedding-ops.js';
import { denseFfnBlock, moeBlock, postAttention } from './ops/ffn-block.js';
import { pipelineSendOp } from './ops/comm-ops.js';
import { rankLoad, type RankLoad } from './ops/rank-load.js';
import { TimeSink, TreeSink, type OpSink } from './ops/sink.js';
import { stepContext, type LayerKind, type StepContext } from './step-context.js';
import { memoryUse } from './memory.js';
import type { LayerCost, StepBreakdown, StepInput } from './types.js';
import { validatePoint } from './validate.js';


function layerOps(ctx: StepContext, sink: OpSink, load: RankLoad, kind: LayerKind): void {
  const part = ctx.part;
  if (part !== 'ffn') {
    attentionBlock(ctx, sink, load, kind.windowed);
    postAttention(ctx, sink, load);
  }
  if (kind.ffn === 'dense') {
    if (part !== 'ffn') denseFfnBlock(ctx, sink, load);
  } else {
    moeBlock(ctx, sink, load, part);
  }
}

function runsKind(ctx: StepContext, kind: LayerKind): boolean {
  return ctx.part !== 'ffn' || kind.ffn === 'moe';
}

export function stepTimeMs(input: StepInput): number {
  const ctx = stepContext(input.model, input.cluster, input.precision, input.layout, input.part ?? 'all');
  validatePoint(input.point);
  const load = rankLoad(input.point, input.layout);
  let total = 0;
  const sink = new TimeSink();
  for (const kind of ctx.layerKinds) {
    if (!runsKind(ctx, kind)) continue;
    sink.timeMs = 0;
    layerOps(ctx, sink, load, kind);
    total += kind.count * sink.timeMs;
  }
  if (ctx.part !== 'ffn') {
    sink.timeMs = 0;
    embeddingOps(ctx, sink, load);
    lmHeadOps(ctx, sink, load);
    total += sink.timeMs;
  }
  if (ctx.layout.pp > 1) {
    sink.timeMs = 0;
    pipelineSendOp(ctx, sink, load.tokens);
    total += (ctx.layout.pp - 1) * sink.timeMs;
  }
  return total;
}

export function evaluateStep(input: StepInput): StepBreakdown {
  const part = input.part ?? 'all';
  const ctx = stepContext(input.model, input.cluster, input.precision, input.layout, part);
  validatePoint(input.point);
  const load = rankLoad(input.point, input.layout);
  const layers: LayerCost[] = [];
  const push = (kind: string, count: number, fill: (s: OpSink) => void) => {
    const sink = new TreeSink();
    fill(sink);
    if (sink.ops.length === 0) return;
    let t = 0;
    for (const o of sink.ops) t += o.timeMs;
    layers.push({ kind, count, ops: sink.ops, timeMs: t });
  };
  if (part !== 'ffn') push('embedding', 1, (s) => embeddingOps(ctx, s, load));
  for (const kind of ctx.layerKinds) {
    if (!runsKind(ctx, kind)) continue;
    push(kind.name, kind.count, (s) => layerOps(ctx, s, load, kind));
  }
  if (part !== 'ffn') push('lm_head', 1, (s) => lmHeadOps(ctx, s, load));
  if (ctx.layout.pp > 1) push('pipeline', ctx.layout.pp - 1, (s) => pipelineSendOp(ctx, s, load.tokens));
  let timeMs = 0, flops = 0, bytes = 0;
  for (const l of layers) {
    timeMs += l.count * l.timeMs;
    for (const o of l.ops) { flops += l.count * o.flops; bytes += l.count * o.bytes; }
  }
  const pp = ctx.layout.pp;
  let contextTokens = 0;
  for (const g of input.point.groups) contextTokens = Math.max(contextTokens, g.pastTokens + g.newTokens);
  const sequences = input.point.groups.reduce((s, g) => s + g.count, 0);
  const memory = memoryUse({
    model: input.model, cluster: input.cluster, precision: input.precision, layout: input.layout, part,
    sequences, contextTokens, tokensPerStep: load.instanceTokens,
  });
  return { phase: input.point.phase, timeMs, layers, flops: flops / pp, bytes: bytes / pp, memory };
}
