/**
 * One step of a deployment as per-rank Chakra traces. Each rank runs its
 * layers' operators in the engine's order (data_deps chain the step's real
 * order); TP and EP communication become collectives on their process
 * groups; pipeline, KV-cache and AFD transfers become send/recv pairs with
 * matching comm_src/comm_dst/comm_tag. AFD decode interleaves micro-batches
 * as a ping-pong: the attention GPUs run micro-batch m+1 while the FFN GPUs
 * run micro-batch m (MegaScale-Infer, arXiv 2504.02263; Step-3, arXiv
 * 2507.19427), expressed as data_deps along each micro-batch and ctrl_deps
 * along each GPU's kernel order.
 */
import type { ClusterSpec, LayerCost, OperatorCost } from '../../engine/types.js';
import type { ChakraTrace } from './chakra-node.js';
import { CommGroups } from './comm-groups.js';
import { layerInstances, stageLayers, type LayerInstance } from './layer-instances.js';
import { involvedDimensions, networkDimensions, simulatedNpus, type NetworkDimension } from './network-dimensions.js';
import { collectiveCommSize, collectiveType, nodeRole } from './operator-kinds.js';
import { epGroup, poolRankList, positionOf, rankAt, stageGpus, stageGroup, tpGroup, type PoolRanks } from './pool-ranks.js';
import { RankWriter } from './rank-writer.js';
import type { PoolStep, StepPlan } from './step-plan.js';

export interface AstraExportOptions {
  /** Emit num_ops + tensor_size on compute nodes for ASTRA-sim's roofline instead of the engine's durations. */
  roofline?: boolean;
  /** Keep every node as an object in the result (default true); false writes the ET bytes only, for large exports. */
  keepNodes?: boolean;
}

export interface AstraTraceSet {
  plan: StepPlan;
  /** One per simulated NPU, rank order; NPUs beyond plan.ranks are idle padding of a partly used network domain. */
  traces: ChakraTrace[];
  groups: CommGroups;
  dims: NetworkDimension[];
  /** The engine's compute time on each rank, ms (sum of its compute operators). */
  computeMsByRank: number[];
}

interface PendingRecv { src: number; tag: number; bytes: number; name: string }

class TraceContext {
  readonly writers: RankWriter[];
  readonly groups = new CommGroups();
  /** Receives each rank must post, in the order the senders emitted them. */
  private readonly inbox = new Map<number, PendingRecv[]>();
  private tag = 1;

  constructor(readonly plan: StepPlan, readonly dims: NetworkDimension[], roofline: boolean, keepNodes: boolean) {
    const roles: string[] = [];
    for (const pool of plan.pools) for (const r of poolRankList(pool.ranks)) roles[r] = pool.receiveOnly ? `${pool.role} (receiver)` : pool.role;
    const metadata = { generator: 'servescope', deployment: plan.deployment, strategy: plan.strategy, phase: plan.point.phase };
    this.writers = Array.from({ length: simulatedNpus(dims) }, (_, r) => new RankWriter(r, roles[r] ?? 'idle', roofline, metadata, keepNodes));
  }

  nextTag(): number {
    return this.tag++;
  }

  /** `count` consecutive tags; returns the first. */
  reserveTags(count: number): number {
    const first = this.tag;
    this.tag += count;
    return first;
  }

  /** A send on `src` now, and the matching receive queued for `dst`. */
  transfer(src: number, dst: number, bytes: number, name: string, dataDeps: number[]): number {
    const tag = this.nextTag();
    const list = this.inbox.get(dst) ?? [];
    list.push({ src, tag, bytes, name });
    this.inbox.set(dst, list);
    return this.writers[src]!.send(`${name}.send`, dst, tag, bytes, dataDeps);
  }

  /** The oldest receive queued for `rank` (a pipeline stage's input). */
  takeRecv(rank: number): PendingRecv {
    const p = this.inbox.get(rank)?.shift();
    if (!p) throw new Error(`rank ${rank}: no transfer queued for it`);
    return p;
  }

  /** Receive-only ranks post their queued receives in order. */
  drainInbox(rank: number): void {
    const w = this.writers[rank]!;
    // Each sender's messages in its order; different senders' streams are independent.
    const lastFrom = new Map<number, number>();
    for (const p of this.inbox.get(rank) ?? []) {
      const prev = lastFrom.get(p.src);
      lastFrom.set(p.src, w.recv(`${p.name}.recv`, p.src, p.tag, p.bytes, prev === undefined ? [] : [prev]));
    }
  }

  private readonly groupCache = new Map<string, { pg: string; involvedDims: boolean[] } | null>();

  /**
   * The process group a rank's TP or EP collectives run on (null: a group of
   * one, no communication). EP communication runs over the EP group; without
   * EP (ep 1, attention-DP) the experts' all-gather and reduce-scatter span
   * the stage. Cached per rank: a step issues the same groups every layer.
   */
  private groupOf(pool: PoolRanks, rank: number, kind: 'tp' | 'ep'): { pg: string; involvedDims: boolean[] } | null {
    const key = `${kind}/${rank}`;
    const cached = this.groupCache.get(key);
    if (cached !== undefined) return cached;
    const members = kind === 'tp' ? tpGroup(pool, rank) : pool.layout.ep > 1 ? epGroup(pool, rank) : stageGroup(pool, rank);
    const group = members.length <= 1 ? null : {
      pg: this.groups.idOf(members, kind === 'tp' ? 'TP group' : pool.layout.ep > 1 ? 'EP group' : 'stage group'),
      involvedDims: involvedDimensions(this.dims, members),
    };
    this.groupCache.set(key, group);
    return group;
  }

  /** One collective or compute operator on `rank` after `deps`; returns the new frontier. */
  operator(pool: PoolRanks, rank: number, op: OperatorCost, name: string, deps: number[], ctrl: number[] = []): { deps: number[]; compute?: number } {
    const w = this.writers[rank]!;
    switch (nodeRole(op)) {
      case 'compute': {
        const id = w.compute(op, name, deps, ctrl);
        return { deps: [id], compute: id };
      }
      case 'tp_collective':
      case 'ep_collective': {
        const group = this.groupOf(pool, rank, nodeRole(op) === 'tp_collective' ? 'tp' : 'ep');
        if (!group) return { deps };
        return { deps: [w.collective(name, collectiveType(op), collectiveCommSize(op), group.pg, group.involvedDims, deps)] };
      }
      default:
        return { deps };
    }
  }
}

export function buildAstraTraces(plan: StepPlan, cluster: ClusterSpec, options: AstraExportOptions = {}): AstraTraceSet {
  const dims = networkDimensions(cluster, plan.ranks);
  const ctx = new TraceContext(plan, dims, options.roofline ?? false, options.keepNodes ?? true);
  if (plan.afd) {
    buildAfdDecode(ctx, plan.pools[plan.afd.attention]!, plan.pools[plan.afd.ffn]!, plan.microbatches, plan.afd.pairBytes);
  } else {
    plan.pools.forEach((pool, i) => {
      if (!pool.receiveOnly) buildPipelinedPool(ctx, pool, plan, plan.kvTransfer?.from === i ? plan.pools[plan.kvTransfer.to]! : undefined);
    });
    for (const pool of plan.pools) if (pool.receiveOnly) for (const r of poolRankList(pool.ranks)) ctx.drainInbox(r);
  }
  return {
    plan,
    traces: ctx.writers.map((w) => w.trace()),
    groups: ctx.groups,
    dims,
    computeMsByRank: ctx.writers.map((w) => w.computeMs),
  };
}

const opName = (inst: LayerInstance, op: OperatorCost, suffix = ''): string => `L${inst.index}.${inst.layer.kind}.${op.name}${suffix}`;

/**
 * A pool that runs the whole step itself (aggregated, P/D prefill or decode):
 * per stage, receive the activations, run the stage's layers, send them on;
 * a P/D prefill pool also sends each layer's KV cache to the decode pool as
 * soon as the layer is done (layer-wise transfer, overlapped with the next
 * layer: Mooncake, arXiv 2407.00079; DistServe, arXiv 2401.09670).
 */
function buildPipelinedPool(ctx: TraceContext, pool: PoolStep, plan: StepPlan, kvReceiver: PoolStep | undefined): void {
  const layout = pool.ranks.layout;
  const instances = layerInstances(pool.breakdown);
  const tokens = pool.input.point.groups.reduce((n, g) => n + g.count * g.newTokens, 0);
  // Stage boundary: what the engine's pp_send carries per GPU; without one, each GPU passes its TP shard of its
  // DP replica's hidden states (Megatron scatter-gather, arXiv 2104.04473).
  const ppOp = pool.breakdown.layers.flatMap((l) => l.ops).find((op) => op.category === 'pp_comm' && op.messageBytes !== undefined);
  const ppBytesPerRank = ppOp?.messageBytes ?? (tokens / layout.attentionDp / layout.tp) * plan.activationBytesPerToken;
  const kvSenders = stageGpus(layout);
  const kvReceivers = kvReceiver ? poolRankList(kvReceiver.ranks) : [];
  const kvBytesPerRank = plan.kvTransfer ? plan.kvTransfer.bytesPerLayer / kvSenders : 0;

  // Stage by stage so each stage's sends are queued before the next stage posts its receives.
  for (let stage = 0; stage < layout.pp; stage++) {
    const mine = stageLayers(instances, layout.pp, stage);
    for (let inStage = 0; inStage < kvSenders; inStage++) {
      const rank = rankAt(pool.ranks, stage, inStage);
      const w = ctx.writers[rank]!;
      let deps: number[] = [];
      if (stage > 0) {
        const p = ctx.takeRecv(rank);
        deps = [w.recv(`${p.name}.recv`, p.src, p.tag, p.bytes, [])];
      }
      for (const inst of mine) {
        for (const op of inst.layer.ops) deps = ctx.operator(pool.ranks, rank, op, opName(inst, op), deps).deps;
        if (kvReceiver && inst.carriesKv && kvReceivers.length > 0 && kvBytesPerRank > 0) {
          const dst = kvReceivers[positionOf(pool.ranks, rank).inStage % kvReceivers.length]!;
          ctx.transfer(rank, dst, kvBytesPerRank, `L${inst.index}.kv_transfer`, deps);
        }
      }
      if (stage < layout.pp - 1) ctx.transfer(rank, rankAt(pool.ranks, stage + 1, inStage), ppBytesPerRank, `stage${stage}.pp_send`, deps);
    }
  }
}

/** The FFN pool's layer of the same kind, when it has work there (AFD exchanges only around those layers). */
function ffnLayerFor(ffn: PoolStep, kind: string): LayerCost | undefined {
  const layer = ffn.breakdown.layers.find((l) => l.kind === kind);
  return layer && layer.ops.some((op) => nodeRole(op) === 'compute') ? layer : undefined;
}

/**
 * AFD decode. Attention GPU a, layer L, micro-batch m: its attention
 * operators depend (data) on the FFN results of (L-1, m) and come after its
 * previous kernel (ctrl); it then sends micro-batch m's hidden states to
 * every FFN GPU and posts the receives of their results. FFN GPU f receives
 * (L, m) from every attention GPU, runs the experts, and sends the results
 * back. With k micro-batches one side computes while the other waits for
 * its transfer, the overlap the serving model assumes.
 */
function buildAfdDecode(ctx: TraceContext, attention: PoolStep, ffn: PoolStep, microbatches: number, pairBytes: number): void {
  const attnRanks = poolRankList(attention.ranks);
  const ffnRanks = poolRankList(ffn.ranks);
  const instances = layerInstances(attention.breakdown);
  // Tags by arithmetic, not a map (an AFD step has up to a million transfers): exchange e (in layer, micro-batch
  // order) between attention GPU index i and FFN GPU index j uses base + 2 (e M N + i N + j), its return + 1.
  const exchanges: Array<{ inst: LayerInstance; layer: LayerCost; m: number }> = [];
  const exchangeIndex = new Map<string, number>();
  instances.forEach((inst) => {
    const layer = ffnLayerFor(ffn, inst.layer.kind);
    if (!layer) return;
    for (let m = 0; m < microbatches; m++) {
      exchangeIndex.set(`${inst.index}/${m}`, exchanges.length);
      exchanges.push({ inst, layer, m });
    }
  });
  const M = attnRanks.length, N = ffnRanks.length;
  const base = ctx.reserveTags(2 * exchanges.length * M * N);
  const first = attention.ranks.first, ffnFirst = ffn.ranks.first;
  const tagOf = (e: number, a: number, f: number): number => base + 2 * ((e * M + (a - first)) * N + (f - ffnFirst));

  // Attention side.
  for (const a of attnRanks) {
    const w = ctx.writers[a]!;
    const frontier: number[][] = Array.from({ length: microbatches }, () => []);
    let lastKernel: number | undefined;
    for (const inst of instances) {
      const ffnLayer = ffnLayerFor(ffn, inst.layer.kind);
      for (let m = 0; m < microbatches; m++) {
        let deps = frontier[m]!;
        for (const op of inst.layer.ops) {
          const ctrl = lastKernel !== undefined && nodeRole(op) === 'compute' ? [lastKernel] : [];
          const r = ctx.operator(attention.ranks, a, op, opName(inst, op, `.mb${m}`), deps, ctrl);
          deps = r.deps;
          if (r.compute !== undefined) lastKernel = r.compute;
        }
        if (ffnLayer) {
          const e = exchangeIndex.get(`${inst.index}/${m}`)!;
          const ready = deps;
          for (const f of ffnRanks) w.send(`L${inst.index}.afd_dispatch.mb${m}.send`, f, tagOf(e, a, f), pairBytes, ready);
          // The results' receives are posted once the sends are issued (same frontier); the next layer waits for all of them.
          deps = ffnRanks.map((f) => w.recv(`L${inst.index}.afd_combine.mb${m}.recv`, f, tagOf(e, a, f) + 1, pairBytes, ready));
        }
        frontier[m] = deps;
      }
    }
  }

  // FFN side, in the same (layer, micro-batch) order.
  for (const f of ffnRanks) {
    const w = ctx.writers[f]!;
    let lastKernel: number | undefined;
    let posted: number[] = [];
    for (let e = 0; e < exchanges.length; e++) {
      const ex = exchanges[e]!;
      const recvs = attnRanks.map((a) => w.recv(`L${ex.inst.index}.afd_dispatch.mb${ex.m}.recv`, a, tagOf(e, a, f), pairBytes, posted));
      posted = recvs.slice(-1);
      let deps = recvs;
      for (const op of ex.layer.ops) {
        const ctrl = lastKernel !== undefined && nodeRole(op) === 'compute' ? [lastKernel] : [];
        const r = ctx.operator(ffn.ranks, f, op, opName(ex.inst, op, `.mb${ex.m}`), deps, ctrl);
        deps = r.deps;
        if (r.compute !== undefined) lastKernel = r.compute;
      }
      for (const a of attnRanks) w.send(`L${ex.inst.index}.afd_combine.mb${ex.m}.send`, a, tagOf(e, a, f) + 1, pairBytes, deps);
    }
  }
}
