/**
 * P/D KV-cache transfer: after prefill, the KV of the prompt moves from the
 * prefill instance to a decode instance.
 *
 *  - Bytes: the KV of the uncached prompt tokens (prompt KV minus cached
 *    prefix KV, which the decode side is assumed to hold in its own prefix
 *    cache, as in Mooncake-style shared KV pools).
 *  - Senders: the request's KV lives on the tp x pp GPUs of one attention-DP
 *    rank; they send disjoint shares in parallel (with MLA every TP rank holds
 *    the whole latent, so ranks split the layers instead).
 *  - Path: the slowest link on the path is the innermost tier whose domain
 *    spans a prefill instance and a decode instance placed side by side;
 *    `engine.transferTimeMs` costs bytes over that tier.
 *  - Overlap: layer-wise (Splitwise, ISCA'24): layer l's KV is sent while
 *    layers l+1.. compute, a two-stage pipeline over L layers, so only
 *    max(Tx/L, Tx - Tp·(L-1)/L) shows after the prefill ends.
 */
import type { ClusterSpec } from '../../engine/types.js';
import { type StrategyContext } from './context.js';
import type { PrefillInstance } from './prefill-pool.js';

/** Innermost tier whose domain holds `gpus` GPUs side by side; the outermost tier otherwise. */
export function pathTier(cluster: ClusterSpec, gpus: number): number {
  for (let t = 0; t < cluster.tiers.length; t++) {
    if (cluster.tiers[t]!.domainGpus >= gpus) return t;
  }
  return Math.max(0, cluster.tiers.length - 1);
}

export interface KvTransfer {
  bytesPerRequest: number;
  bytesPerSender: number;
  tier: number;
  transferMs: number;
  /** Transfer time left after the prefill step ends (layer-wise overlap). */
  exposedMs: number;
}

/** Part of a transfer of `transferMs` that remains after a computation of `computeMs` over `layers` layers, pipelined per layer. */
export function layerwiseExposedMs(transferMs: number, computeMs: number, layers: number): number {
  const l = Math.max(1, layers);
  const perLayerTransfer = transferMs / l;
  const perLayerCompute = computeMs / l;
  return perLayerTransfer + (l - 1) * Math.max(0, perLayerTransfer - perLayerCompute);
}

export function kvTransfer(ctx: StrategyContext, prefill: PrefillInstance, decodeGpus: number): KvTransfer {
  const { engine, model, precision, shape, cluster } = ctx;
  const bytesPerRequest = engine.kvCacheBytesPerSequence(model, precision, shape.inputTokens)
    - engine.kvCacheBytesPerSequence(model, precision, shape.cachedTokens);
  const senders = prefill.layout.tp * prefill.layout.pp;
  const bytesPerSender = bytesPerRequest / senders;
  const tier = pathTier(cluster, prefill.gpus + decodeGpus);
  const transferMs = bytesPerSender > 0 ? engine.transferTimeMs(cluster, bytesPerSender, tier) : 0;
  return {
    bytesPerRequest, bytesPerSender, tier, transferMs,
    exposedMs: layerwiseExposedMs(transferMs, prefill.stepMs, model.layers),
  };
}
