/**
 * Alpha-beta cost of collectives on a tiered cluster (ClusterSpec.tiers,
 * innermost first). For a collective over n GPUs on one tier:
 *   time = base + steps x (stepMs + tier latency) + volume / (tier bandwidth x efficiency)
 * with the classic volumes per GPU (Thakur, Rabenseifner & Gropp, "Optimization
 * of Collective Communication Operations in MPICH", IJHPCA 2005; NCCL's
 * busBw convention, nccl-tests doc/PERFORMANCE.md):
 *   - all-reduce, ring: 2 (n-1)/n x S, 2 (n-1) steps;
 *   - all-reduce with in-network reduction (NVLink SHARP / IB SHARP): the switch
 *     reduces, each GPU moves its buffer once (volume S) at a fitted efficiency;
 *   - all-reduce, tree (double binary tree): 2 S volume, 2 log2 n steps - NCCL
 *     picks it for small messages across nodes; we take the faster of ring and tree;
 *   - reduce-scatter / all-gather (S = the full, gathered size): (n-1)/n x S, n-1 steps;
 *   - all-to-all (S = what one GPU holds): (n-1)/n x S, n-1 steps (sends overlap).
 * A group larger than the innermost domain runs hierarchically (NCCL's
 * intra-node/inter-node split): reduce-scatter inside the domain, all-reduce of
 * S / n0 across domains on the outer tier, all-gather inside; all-to-all sends
 * the share of each peer over the tier that reaches it, the slower share bounds.
 * Efficiencies and software latencies are fitted (data/fitted/comm.json).
 */
import type { ClusterSpec, LinkTier } from '../types.js';
import type { CollectiveFit, CommParams, DeepEpNormalFit } from './comm-params.js';
import { fittedComm } from './fitted-comm.js';

/**
 * The tiers as the fitted costs see them: the fits already include the wire
 * latency of the reference tiers they were measured on (CommParams
 * referenceLatencySeconds: scale-up, scale-out), so only a tier's latency above
 * (or below) that reference is added per step; a step never costs less than 0.
 */
const effective = new WeakMap<ClusterSpec, WeakMap<CommParams, LinkTier[]>>();
let lastTiers: { cluster: ClusterSpec; p: CommParams; tiers: LinkTier[] } | undefined;
export function tiersOf(cluster: ClusterSpec, p: CommParams): LinkTier[] {
  if (lastTiers && lastTiers.cluster === cluster && lastTiers.p === p && lastTiers.tiers.length === cluster.tiers.length) return lastTiers.tiers;
  let byParams = effective.get(cluster);
  if (!byParams) { byParams = new WeakMap(); effective.set(cluster, byParams); }
  let tiers = byParams.get(p);
  if (!tiers) {
    const ref = p.referenceLatencySeconds ?? [0, 0];
    tiers = cluster.tiers.map((t, i) => ({ ...t, latencySeconds: t.latencySeconds - ref[Math.min(i, ref.length - 1)] }));
    byParams.set(p, tiers);
  }
  lastTiers = { cluster, p, tiers };
  return tiers;
}

/** Index of the innermost tier whose domain holds `gpus` GPUs (a contiguous group). */
export function tierIndexFor(cluster: ClusterSpec, gpus: number): number {
  for (let i = 0; i < cluster.tiers.length; i++) if (cluster.tiers[i].domainGpus >= gpus) return i;
  return cluster.tiers.length - 1;
}

function tierBandwidth(t: LinkTier, fit: CollectiveFit): number {
  return t.bandwidthBytesPerSecond * (t.efficiency ?? fit.efficiency);
}

/**
 * One collective on one tier. NCCL's tuner predicts each protocol's time
 * (Simple; LL and LL128: flag-carrying stores, lower fixed cost, lower
 * bandwidth) with its own alpha-beta model and runs the fastest
 * (nccl src/graph/tuning.cc); we do the same with fitted protocol costs.
 * A protocol's `maxBytes` caps the buffer size it is used for.
 */
function flatTime(t: LinkTier, fit: CollectiveFit, steps: number, volumeBytes: number, messageBytes: number): number {
  let best = fit.baseMs + steps * Math.max(0, fit.stepMs + t.latencySeconds * 1e3) + (volumeBytes / tierBandwidth(t, fit)) * 1e3;
  if (fit.lowLatency) {
    for (const ll of fit.lowLatency) {
      if (messageBytes > ll.maxBytes) continue;
      const bw = t.bandwidthBytesPerSecond * (t.efficiency ? t.efficiency * (ll.efficiency / fit.efficiency) : ll.efficiency);
      best = Math.min(best, ll.baseMs + steps * Math.max(0, ll.stepMs + t.latencySeconds * 1e3) + (volumeBytes / bw) * 1e3);
    }
  }
  return best;
}

export interface CollectiveOptions { params?: CommParams }

/** All-reduce of `bytes` (the buffer each GPU holds) over `gpus` GPUs, ms. */
export function allReduceTimeMs(cluster: ClusterSpec, bytes: number, gpus: number, o: CollectiveOptions = {}): number {
  if (gpus <= 1 || bytes <= 0) return 0;
  const p = o.params ?? fittedComm;
  const fit = p.nccl.allReduce;
  const i = tierIndexFor(cluster, gpus);
  if (i === 0 || tiersOf(cluster, p)[0].domainGpus <= 1) return flatAllReduce(tiersOf(cluster, p)[i], fit, bytes, gpus);
  // Hierarchical: inner reduce-scatter, outer all-reduce of a 1/n0 shard, inner all-gather.
  const n0 = Math.min(gpus, tiersOf(cluster, p)[0].domainGpus);
  const outer = Math.ceil(gpus / n0);
  return reduceScatterTimeMs(cluster, bytes, n0, o) + flatAllReduce(tiersOf(cluster, p)[i], fit, bytes / n0, outer) + allGatherTimeMs(cluster, bytes, n0, o);
}

function flatAllReduce(t: LinkTier, fit: CollectiveFit, bytes: number, n: number): number {
  if (n <= 1) return 0;
  const ring = flatTime(t, fit, 2 * (n - 1), (2 * (n - 1) / n) * bytes, bytes);
  const tree = flatTime(t, fit, 2 * Math.ceil(Math.log2(n)), 2 * bytes, bytes);
  const best = Math.min(ring, tree);
  if (!t.inNetworkReduction) return best;
  const inn = fit.inNetwork ?? { baseMs: fit.baseMs, efficiency: fit.efficiency };
  const viaSwitch = inn.baseMs + Math.max(0, 2 * t.latencySeconds * 1e3) + (bytes / (t.bandwidthBytesPerSecond * (t.efficiency ?? inn.efficiency))) * 1e3;
  return Math.min(best, viaSwitch);
}

/** All-gather producing `bytes` on every GPU (each contributes bytes / gpus), ms. */
export function allGatherTimeMs(cluster: ClusterSpec, bytes: number, gpus: number, o: CollectiveOptions = {}): number {
  if (gpus <= 1 || bytes <= 0) return 0;
  const p = o.params ?? fittedComm;
  return shardedCollective(cluster, p.nccl.allGather, bytes, gpus, p);
}

/** Reduce-scatter of `bytes` per GPU into shards of bytes / gpus, ms. */
export function reduceScatterTimeMs(cluster: ClusterSpec, bytes: number, gpus: number, o: CollectiveOptions = {}): number {
  if (gpus <= 1 || bytes <= 0) return 0;
  const p = o.params ?? fittedComm;
  return shardedCollective(cluster, p.nccl.reduceScatter, bytes, gpus, p);
}

function shardedCollective(cluster: ClusterSpec, fit: CollectiveFit, bytes: number, gpus: number, p: CommParams): number {
  const i = tierIndexFor(cluster, gpus);
  if (i === 0) return flatTime(tiersOf(cluster, p)[0], fit, gpus - 1, ((gpus - 1) / gpus) * bytes, bytes);
  // Inner ring over n0 then outer ring over the domains, each with its share.
  const n0 = Math.min(gpus, tiersOf(cluster, p)[0].domainGpus);
  const outer = Math.ceil(gpus / n0);
  return flatTime(tiersOf(cluster, p)[0], fit, n0 - 1, ((n0 - 1) / gpus) * bytes, bytes / outer)
    + flatTime(tiersOf(cluster, p)[i], fit, outer - 1, ((outer - 1) / outer) * bytes, bytes);
}

/** All-to-all where each GPU holds `bytes` and sends an equal share to each of `gpus` GPUs, ms. */
export function allToAllTimeMs(cluster: ClusterSpec, bytes: number, gpus: number, o: CollectiveOptions = {}): number {
  if (gpus <= 1 || bytes <= 0) return 0;
  const p = o.params ?? fittedComm;
  const fit = p.nccl.allToAll;
  const i = tierIndexFor(cluster, gpus);
  // NCCL's protocol choice for all-to-all follows the per-peer message size.
  if (i === 0) return flatTime(tiersOf(cluster, p)[0], fit, gpus - 1, ((gpus - 1) / gpus) * bytes, bytes / gpus);
  const n0 = Math.min(gpus, tiersOf(cluster, p)[0].domainGpus);
  const inner = (bytes * (n0 - 1)) / gpus;
  const outer = (bytes * (gpus - n0)) / gpus;
  const t0 = tiersOf(cluster, p)[0];
  const ti = tiersOf(cluster, p)[i];
  return fit.baseMs + (gpus - 1) * fit.stepMs + Math.max(0, ti.latencySeconds * 1e3)
    + Math.max(inner / tierBandwidth(t0, fit), outer / tierBandwidth(ti, fit)) * 1e3;
}

/** One GPU sends `bytes` to one peer `tier` levels out (0: same scale-up domain), ms. */
export function sendRecvTimeMs(cluster: ClusterSpec, bytes: number, tier: number, o: CollectiveOptions = {}): number {
  if (bytes <= 0) return 0;
  const p = o.params ?? fittedComm;
  const t = tiersOf(cluster, p)[Math.max(0, Math.min(tier, tiersOf(cluster, p).length - 1))];
  return flatTime(t, p.sendRecv, 1, bytes, bytes);
}

/**
 * Expert-parallel dispatch or combine (DeepEP low-latency kernels): each of
 * `tokens` tokens on a rank is sent to its `topK` experts spread over `ep`
 * ranks; a route to a rank of the same scale-up domain goes over NVLink, the
 * others over the scale-out tier. Time = base (+ scaleOutBase beyond one domain) + perLog2Nodes x log2(domains) +
 * max(NVLink bytes / (bw0 x eff0), scale-out bytes / (bw1 x eff1)).
 */
export function expertAllToAllTimeMs(cluster: ClusterSpec, op: 'dispatch' | 'combine', tokens: number, hidden: number, topK: number, ep: number, o: CollectiveOptions & { mode?: 'low-latency' | 'normal' } = {}): number {
  if (ep <= 1 || tokens <= 0) return 0;
  const p = o.params ?? fittedComm;
  if (o.mode === 'normal') {
    const normal = op === 'dispatch' ? p.deepEp.normalDispatch : p.deepEp.normalCombine;
    if (normal && ep > tiersOf(cluster, p)[0].domainGpus) return expertNormalTimeMs(cluster, p, normal, tokens, hidden, topK, ep);
  }
  const fit = p.deepEp[op];
  const elementBytes = op === 'dispatch' ? p.deepEp.dispatchBytesPerElement : p.deepEp.combineBytesPerElement;
  const routesBytes = tokens * topK * hidden * elementBytes;
  const n0 = Math.min(ep, tiersOf(cluster, p)[0].domainGpus);
  const domains = Math.ceil(ep / n0);
  const t0 = tiersOf(cluster, p)[0];
  const inner = (routesBytes * (n0 - 1)) / ep;
  const nvlink = inner / (t0.bandwidthBytesPerSecond * (t0.efficiency ?? fit.scaleUpEfficiency));
  let outer = 0;
  if (domains > 1) {
    const t1 = tiersOf(cluster, p)[tierIndexFor(cluster, ep)];
    outer = ((routesBytes * (ep - n0)) / ep) / (t1.bandwidthBytesPerSecond * (t1.efficiency ?? fit.scaleOutEfficiency)) + Math.max(0, t1.latencySeconds);
  }
  return fit.baseMs + (domains > 1 ? fit.scaleOutBaseMs : 0) + fit.perLog2NodesMs * Math.log2(domains) + Math.max(nvlink, outer) * 1e3;
}

/**
 * DeepEP normal (prefill) dispatch/combine across domains: each token crosses
 * the scale-out tier once per remote domain hit by its top-k experts (expected
 * (D - 1)(1 - (1 - 1/D)^k) of D domains), NVLink forwards inside the domain.
 * Inside one domain the low-latency model applies (no scale-out traffic).
 */
function expertNormalTimeMs(cluster: ClusterSpec, p: CommParams, fit: DeepEpNormalFit, tokens: number, hidden: number, topK: number, ep: number): number {
  const n0 = Math.min(ep, tiersOf(cluster, p)[0].domainGpus);
  const domains = Math.ceil(ep / n0);
  const remoteDomains = (domains - 1) * (1 - Math.pow(1 - 1 / domains, topK));
  const t1 = tiersOf(cluster, p)[tierIndexFor(cluster, ep)];
  const eff = t1.efficiency ?? interpolateLog2(fit.scaleOutEfficiencyByDomains, domains);
  const bytes = tokens * remoteDomains * hidden * fit.bytesPerElement;
  return fit.baseMs + fit.perLog2NodesMs * Math.log2(domains) + Math.max(0, t1.latencySeconds * 1e3) + (bytes / (t1.bandwidthBytesPerSecond * eff)) * 1e3;
}

/** Piecewise-linear in log2(x) through (x, y) points sorted by x; constant beyond the ends. */
function interpolateLog2(points: [number, number][], x: number): number {
  if (x <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    if (x <= points[i][0]) {
      const [x0, y0] = points[i - 1], [x1, y1] = points[i];
      const t = (Math.log2(x) - Math.log2(x0)) / (Math.log2(x1) - Math.log2(x0));
      return y0 + t * (y1 - y0);
    }
  }
  return points[points.length - 1][1];
}

/** Bytes one GPU sends in an EP dispatch or combine: every remote route (low-latency), or once per remote domain over the scale-out tier (normal, across domains). */
export function expertAllToAllBytes(cluster: ClusterSpec, op: 'dispatch' | 'combine', tokens: number, hidden: number, topK: number, ep: number, mode: 'low-latency' | 'normal' = 'low-latency', o: CollectiveOptions = {}): number {
  if (ep <= 1 || tokens <= 0) return 0;
  const p = o.params ?? fittedComm;
  const n0 = Math.min(ep, tiersOf(cluster, p)[0].domainGpus);
  const normal = op === 'dispatch' ? p.deepEp.normalDispatch : p.deepEp.normalCombine;
  if (mode === 'normal' && normal && ep > n0) {
    const domains = Math.ceil(ep / n0);
    return tokens * (domains - 1) * (1 - Math.pow(1 - 1 / domains, topK)) * hidden * normal.bytesPerElement;
  }
  const elementBytes = op === 'dispatch' ? p.deepEp.dispatchBytesPerElement : p.deepEp.combineBytesPerElement;
  return (tokens * topK * hidden * elementBytes * (ep - 1)) / ep;
}
