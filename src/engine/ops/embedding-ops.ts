/**
 * Embedding lookup and LM head. Both are vocab-parallel over tp (Megatron
 * VocabParallelEmbedding / ParallelLMHead): the lookup ends in an all-reduce of
 * the hidden states, the LM head in an all-gather of fp32 logits. Only one row
 * per sequence reaches the LM head (the last new token).
 */
import type { StepContext } from '../step-context.js';
import { allGatherTimeMs } from '../comm/collectives.js';
import { tpAllReduceOp } from './comm-ops.js';
import { gemmOp, memoryOp } from './kernels.js';
import type { RankLoad } from './rank-load.js';
import { commTime, type OpSink } from './sink.js';

export function embeddingOps(ctx: StepContext, sink: OpSink, load: RankLoad): void {
  memoryOp(ctx, sink, 'embed_lookup', 2 * load.tokens * ctx.model.hidden * ctx.a, 'gather embedding rows');
  tpAllReduceOp(ctx, sink, 'embed_allreduce', load.tokens, 'embedding');
}

export function lmHeadOps(ctx: StepContext, sink: OpSink, load: RankLoad): void {
  const { model, layout, a } = ctx;
  memoryOp(ctx, sink, 'final_norm', 2 * load.tokens * model.hidden * a, 'final RMSNorm');
  gemmOp(ctx, sink, 'lm_head', 'embedding', load.seqs, model.vocab / layout.tp, model.hidden, { bf16: true });
  if (layout.tp > 1) {
    const bytes = load.seqs * model.vocab * 4;
    sink.op('logits_allgather', 'tp_comm', 0, 0, commTime(allGatherTimeMs(ctx.cluster, bytes, layout.tp)), bytes, () => `all-gather of fp32 logits over tp ${layout.tp}`);
  }
  memoryOp(ctx, sink, 'sampling', load.seqs * model.vocab * 4 * 2, 'softmax + sampling over the vocabulary');
}
