/**
 * Communication operators of a layer. Assumption (stated in docs/engine.md):
 * TP all-reduces and EP dispatch/combine are exposed - not overlapped with
 * compute - as in a plain vLLM/SGLang step; two-batch overlap and
 * compute-communication fusion are not modelled here.
 */
import { allGatherTimeMs, allReduceTimeMs, expertAllToAllBytes, expertAllToAllTimeMs, reduceScatterTimeMs, sendRecvTimeMs, tierIndexFor } from '../comm/collectives.js';
import type { StepContext } from '../step-context.js';
import type { OpCategory } from '../types.js';
import { commTime, type OpSink } from './sink.js';

export function tpAllReduceOp(ctx: StepContext, sink: OpSink, name: string, tokens: number, category: OpCategory = 'tp_comm'): void {
  const tp = ctx.layout.tp;
  if (tp <= 1 || tokens <= 0) return;
  const bytes = tokens * ctx.model.hidden * ctx.a;
  sink.op(name, category, 0, 0, commTime(allReduceTimeMs(ctx.cluster, bytes, tp)), bytes, () => `all-reduce of ${tokens} x ${ctx.model.hidden} over tp ${tp} (exposed)`);
}

/**
 * EP with attention-DP: DeepEP-style dispatch of each token to its experts' ranks, and combine
 * back. Steps that carry prefill tokens use DeepEP's normal (high-throughput) kernels, pure
 * decode steps the low-latency ones, as SGLang's `deepep_mode auto` does.
 */
export function expertAllToAllOps(ctx: StepContext, sink: OpSink, tokens: number, prefill: boolean): void {
  const { ep } = ctx.layout;
  const moe = ctx.model.moe!;
  const h = ctx.model.hidden;
  for (const op of ['dispatch', 'combine'] as const) {
    const mode = prefill ? 'normal' : 'low-latency';
    const t = expertAllToAllTimeMs(ctx.cluster, op, tokens, h, moe.active, ep, { mode });
    const bytes = expertAllToAllBytes(ctx.cluster, op, tokens, h, moe.active, ep, mode);
    sink.op(`moe_${op}`, 'ep_comm', 0, 0, commTime(t), bytes, () => `${op} ${tokens} tokens x top-${moe.active} over ep ${ep} (DeepEP ${prefill ? 'normal' : 'low-latency'}, ${ep > ctx.cluster.tiers[0].domainGpus ? 'NVLink + scale-out' : 'NVLink'}, exposed)`);
  }
}

/** Experts sharded over the whole stage without EP: gather every rank's tokens, reduce-scatter the outputs. */
export function stageGatherOps(ctx: StepContext, sink: OpSink, instanceTokens: number): void {
  const n = ctx.layout.tp * ctx.layout.attentionDp;
  const bytes = instanceTokens * ctx.model.hidden * ctx.a;
  sink.op('moe_allgather', 'ep_comm', 0, 0, commTime(allGatherTimeMs(ctx.cluster, bytes, n)), bytes, () => `all-gather of all ranks' tokens over ${n} GPUs`);
  sink.op('moe_reducescatter', 'ep_comm', 0, 0, commTime(reduceScatterTimeMs(ctx.cluster, bytes, n)), bytes, () => `reduce-scatter of expert outputs over ${n} GPUs`);
}

/** Activations handed to the next pipeline stage. */
export function pipelineSendOp(ctx: StepContext, sink: OpSink, tokens: number): void {
  const stageGpus = ctx.layout.tp * ctx.layout.attentionDp;
  const tier = tierIndexFor(ctx.cluster, 2 * stageGpus);
  const bytes = tokens * ctx.model.hidden * ctx.a;
  sink.op('pp_send', 'pp_comm', 0, 0, commTime(sendRecvTimeMs(ctx.cluster, bytes, tier)), bytes, () => `send ${tokens} x ${ctx.model.hidden} activations to the next stage (tier ${ctx.cluster.tiers[tier].name})`);
}
