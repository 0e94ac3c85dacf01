import { describe, expect, it } from 'vitest';
import { CollectiveCommType, exportAstra, NodeType, type ChakraNode } from '../../src/export/astra/index.js';
import { afd, aggregatedMoe, disaggregated, dpNoEp, pipelined } from './fixtures/deployments.js';
import { EP_MESSAGE_BYTES, TP_MESSAGE_BYTES, toyBreakdown, toyEngine } from './fixtures/toy-engine.js';
import { attr, dataAncestors, decodeAll, expectDag, expectMatchedTransfers } from './trace-checks.js';

const decode = { phase: 'decode', batch: 32, contextTokens: 1000 } as const;
const prefill = { phase: 'prefill', batch: 2, contextTokens: 512 } as const;
const byName = (nodes: ChakraNode[], part: string) => nodes.filter((n) => n.name.includes(part));

describe('aggregated MoE step (TP 4 x DP 4, EP 16 over two NVLink nodes)', () => {
  const { set, files } = exportAstra(aggregatedMoe, decode, toyEngine, '/tmp/agg');
  const ranks = decodeAll(files);
  const breakdown = set.plan.pools[0]!.breakdown;

  it('emits one node per operator of every layer, chained in the engine order', () => {
    // Compute and communication operators, each layer `count` times; the engine's bubble is left to ASTRA-sim.
    const expected = breakdown.layers.reduce((n, l) => n + l.count * l.ops.filter((op) => op.category !== 'bubble').length, 0);
    expect(ranks).toHaveLength(16);
    for (const nodes of ranks) {
      expectDag(nodes);
      expect(nodes).toHaveLength(expected);
      nodes.forEach((n, i) => expect(n.dataDeps).toEqual(i === 0 ? [] : [i - 1]));
    }
    expect(ranks[0]!.map((n) => n.name.split('.').pop())).toEqual([
      'embed', 'embed_allreduce',
      ...['rms_norm', 'qkv_proj', 'attn_decode', 'o_proj', 'attn_all_reduce', 'router', 'moe_dispatch', 'routed_experts', 'moe_combine'],
      ...['rms_norm', 'qkv_proj', 'attn_decode', 'o_proj', 'attn_all_reduce', 'router', 'moe_dispatch', 'routed_experts', 'moe_combine'],
      'lm_head',
    ]);
  });

  it('makes the TP all-reduce a collective on the rank\'s TP group inside one NVLink node', () => {
    const ar = byName(ranks[5]!, 'attn_all_reduce');
    expect(ar).toHaveLength(2);
    const pg = attr(ar[0]!, 'pg_name') as string;
    expect(set.groups.ranksOf(pg)).toEqual([4, 5, 6, 7]);
    expect(ar[0]!.type).toBe(NodeType.COMM_COLL_NODE);
    expect(attr(ar[0]!, 'comm_type')).toBe(CollectiveCommType.ALL_REDUCE);
    // The engine's messageBytes is the all-reduce buffer, ASTRA-sim's comm_size.
    expect(attr(ar[0]!, 'comm_size')).toBe(TP_MESSAGE_BYTES);
    expect(attr(ar[0]!, 'involved_dim')).toEqual([true, false]);
  });

  it('makes EP dispatch and combine all-to-alls over all 16 GPUs, crossing both tiers', () => {
    const [dispatch] = byName(ranks[0]!, 'moe_dispatch');
    const [combine] = byName(ranks[0]!, 'moe_combine');
    for (const n of [dispatch!, combine!]) {
      expect(attr(n, 'comm_type')).toBe(CollectiveCommType.ALL_TO_ALL);
      expect(attr(n, 'comm_size')).toBe(EP_MESSAGE_BYTES);
      expect(set.groups.ranksOf(attr(n, 'pg_name') as string)).toEqual(Array.from({ length: 16 }, (_, i) => i));
      expect(attr(n, 'involved_dim')).toEqual([true, true]);
    }
    // The embedding's all-reduce (filed under 'embedding' by the engine) is a TP collective too.
    const [embedAr] = byName(ranks[5]!, 'embed_allreduce');
    expect(embedAr!.type).toBe(NodeType.COMM_COLL_NODE);
    expect(set.groups.ranksOf(attr(embedAr!, 'pg_name') as string)).toEqual([4, 5, 6, 7]);
    // 4 TP groups and one EP group.
    expect(Object.keys(set.groups.toJson())).toHaveLength(5);
  });
});

describe('attention-DP without EP', () => {
  it('gathers the stage\'s tokens and reduce-scatters the expert outputs over the whole stage', () => {
    const { set, files } = exportAstra(dpNoEp, decode, toyEngine, '/tmp/dp');
    const nodes = decodeAll(files)[3]!;
    const [gather] = byName(nodes, 'moe_allgather');
    const [scatter] = byName(nodes, 'moe_reducescatter');
    expect(attr(gather!, 'comm_type')).toBe(CollectiveCommType.ALL_GATHER);
    expect(attr(scatter!, 'comm_type')).toBe(CollectiveCommType.REDUCE_SCATTER);
    expect(attr(gather!, 'comm_size')).toBe(4 * EP_MESSAGE_BYTES);
    expect(set.groups.ranksOf(attr(gather!, 'pg_name') as string)).toEqual([0, 1, 2, 3]);
    expect(set.groups.ranksOf(attr(byName(nodes, 'attn_all_reduce')[0]!, 'pg_name') as string)).toEqual([2, 3]);
  });
});

describe('pipeline of two TP-2 stages', () => {
  const { files } = exportAstra(pipelined, decode, toyEngine, '/tmp/pp');
  const ranks = decodeAll(files);

  it('splits the layers over the stages and passes activations stage to stage with matched send/recv', () => {
    ranks.forEach(expectDag);
    expect(expectMatchedTransfers(ranks)).toBe(2);
    const layerIndices = (nodes: ChakraNode[]) => [...new Set(nodes.filter((n) => n.type === NodeType.COMP_NODE).map((n) => n.name.split('.')[0]))];
    expect(layerIndices(ranks[0]!)).toEqual(['L0', 'L1', 'L2']);
    expect(layerIndices(ranks[2]!)).toEqual(['L3', 'L4', 'L5']);
    const send = ranks[1]!.at(-1)!;
    expect(send.type).toBe(NodeType.COMM_SEND_NODE);
    expect(attr(send, 'comm_dst')).toBe(3);
    expect(send.dataDeps).toEqual([ranks[1]!.length - 2]);
    // Stage 1 starts with the receive; its first kernel waits for it.
    expect(ranks[3]![0]!.type).toBe(NodeType.COMM_RECV_NODE);
    expect(ranks[3]![1]!.dataDeps).toEqual([0]);
    // The engine's pp_send bytes: 32 tokens x 1024 x 2 bytes.
    expect(attr(send, 'comm_size')).toBe(32 * 1024 * 2);
  });
});

describe('P/D prefill: the KV cache goes layer by layer to the decode instance', () => {
  const { set, files } = exportAstra(disaggregated, prefill, toyEngine, '/tmp/pd');
  const ranks = decodeAll(files);

  it('sends each layer\'s KV share as soon as the layer is done, without holding up the next layer', () => {
    ranks.forEach(expectDag);
    // 4 prefill GPUs x 2 layers.
    expect(expectMatchedTransfers(ranks)).toBe(8);
    const kv = byName(ranks[0]!, 'kv_transfer');
    expect(kv).toHaveLength(2);
    // toy engine: 1 KiB per token per sequence over 2 layers, 2 sequences, split over 4 senders.
    expect(attr(kv[0]!, 'comm_size')).toBe((512 * 1024 * 2) / 2 / 4);
    const nextLayer = ranks[0]!.find((n) => n.name.startsWith('L2.'))!;
    expect(nextLayer.dataDeps).toEqual(kv[0]!.dataDeps);
    // Decode GPUs 4..7 receive from prefill GPUs 0..3; 8..11 get nothing; 12..15 pad the second node.
    expect(set.plan.ranks).toBe(12);
    expect(ranks).toHaveLength(16);
    expect(ranks[4]!.map((n) => [n.type, attr(n, 'comm_src')])).toEqual([[NodeType.COMM_RECV_NODE, 0], [NodeType.COMM_RECV_NODE, 0]]);
    expect(ranks[8]).toEqual([]);
  });
});

describe('P/D prefill into a smaller decode instance', () => {
  it('keeps each sender\'s KV stream in order, independent of the other senders', () => {
    const small = { ...disaggregated, strategy: { ...disaggregated.strategy, decode: { replicas: 1, instance: { gpus: 2, layout: { tp: 2, pp: 1, ep: 1, attentionDp: 1 } } } } } as typeof disaggregated;
    const { files } = exportAstra(small, prefill, toyEngine, '/tmp/pd2');
    const ranks = decodeAll(files);
    expectMatchedTransfers(ranks);
    // Decode rank 4 hears from prefill ranks 0 and 2, two layers each.
    const recvs = ranks[4]!;
    expect(recvs.map((n) => attr(n, 'comm_src'))).toEqual([0, 0, 2, 2]);
    expect(recvs.map((n) => n.dataDeps)).toEqual([[], [0], [], [2]]);
  });
});

describe('AFD decode: attention and FFN GPUs in a two-micro-batch ping-pong', () => {
  const { set, files } = exportAstra(afd, decode, toyEngine, '/tmp/afd');
  const ranks = decodeAll(files);
  const attention = ranks[0]!;
  const ffn = ranks[4]!;
  const first = (nodes: ChakraNode[], prefix: string) => nodes.findIndex((n) => n.name.startsWith(prefix));

  it('exchanges every MoE layer of every micro-batch with every FFN GPU, sizes from the routed fan-out', () => {
    ranks.forEach(expectDag);
    // 4 attention x 4 FFN GPUs x 2 layers x 2 micro-batches x (there and back).
    expect(expectMatchedTransfers(ranks)).toBe(4 * 4 * 2 * 2 * 2);
    expect(set.plan.microbatches).toBe(2);
    // 16 sequences per micro-batch over 4 attention GPUs x 1024 hidden x 2 bytes, times the chance that one of
    // 4 FFN GPUs (2 of the 8 experts each) holds one of a token's top-2: 1 - (6/8)(5/7).
    const dispatch = byName(attention, 'afd_dispatch.mb0.send')[0]!;
    expect(attr(dispatch, 'comm_size')).toBe(Math.round((16 / 4) * 1024 * 2 * (1 - (6 / 8) * (5 / 7))));
    expect(set.plan.pools.map((p) => [p.role, p.ranks.first, p.input.part, p.input.point.groups[0]!.count]))
      .toEqual([['attention', 0, 'attention', 16], ['ffn', 4, 'ffn', 16]]);
  });

  it('lets micro-batch 1 attend while micro-batch 0 is on the FFN GPUs', () => {
    const mb1 = first(attention, 'L1.moe.rms_norm.mb1');
    const mb0Results = byName(attention, 'L1.afd_combine.mb0.recv').map((n) => n.id);
    expect(mb0Results).toHaveLength(4);
    const ancestors = dataAncestors(attention, mb1);
    for (const r of mb0Results) expect(ancestors.has(r)).toBe(false);
    // The GPU still runs its kernels one after the other: mb1's first kernel follows mb0's last (ctrl).
    const mb0LastKernel = attention.filter((n) => n.name.includes('L1.moe') && n.name.endsWith('.mb0') && n.type === NodeType.COMP_NODE).at(-1)!;
    expect(attention[mb1]!.ctrlDeps).toEqual([mb0LastKernel.id]);
    // The next layer of micro-batch 0 needs micro-batch 0's FFN results.
    const nextLayer = first(attention, 'L2.moe.rms_norm.mb0');
    expect([...mb0Results].every((r) => dataAncestors(attention, nextLayer).has(r))).toBe(true);
    expect(attention[nextLayer]!.dataDeps).toEqual(mb0Results);
  });

  it('runs the experts on the FFN GPUs once every attention GPU\'s tokens arrived', () => {
    const experts = ffn.filter((n) => n.name.includes('routed_experts'));
    expect(experts.map((n) => n.name)).toEqual(['L1.moe.routed_experts.mb0', 'L1.moe.routed_experts.mb1', 'L2.moe.routed_experts.mb0', 'L2.moe.routed_experts.mb1']);
    const recvs = experts[0]!.dataDeps.map((d) => ffn[d]!);
    expect(recvs.map((n) => [n.type, attr(n, 'comm_src')])).toEqual([0, 1, 2, 3].map((a) => [NodeType.COMM_RECV_NODE, a]));
    expect(experts[1]!.ctrlDeps).toEqual([experts[0]!.id]);
    // No attention operators on the FFN GPUs.
    expect(byName(ffn, 'attn')).toEqual([]);
    // The FFN part of the toy engine has no EP collectives: the M2N transfer replaces dispatch/combine.
    expect(ffn.filter((n) => n.type === NodeType.COMM_COLL_NODE)).toEqual([]);
  });

  it('keeps the TP all-reduce of each attention-DP replica on its own group', () => {
    const groups = set.groups.toJson();
    expect(Object.values(groups)).toEqual([[0, 1], [2, 3]]);
    expect(toyBreakdown(set.plan.pools[0]!.input).layers.map((l) => l.kind)).toEqual(['embedding', 'moe', 'lm_head']);
  });
});
