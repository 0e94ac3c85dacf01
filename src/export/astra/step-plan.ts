/**
 * What one exported step is made of: for a deployment, a phase and an
 * operating point, the pools of GPUs that take part (one instance of each),
 * their place in the rank space, the engine's operator tree for each, and
 * the transfers between pools (P/D KV cache, AFD activations).
 *
 *  - aggregated: the instance runs the step.
 *  - disaggregated, decode: the decode instance. Prefill: the prefill
 *    instance, and the decode instance receiving the KV cache layer by layer.
 *  - AFD, decode: attention GPUs and FFN GPUs exchanging activations every
 *    MoE layer, in `microbatches` ping-pong micro-batches. Prefill: as P/D,
 *    with the attention GPUs receiving the KV cache.
 */
import { DTYPE_BYTES, type Engine, type OperatingPoint, type ParallelLayout, type StepBreakdown, type StepInput } from '../../engine/types.js';
import type { PoolRole } from '../../serving/report.js';
import type { DeploymentSpec } from '../../serving/types.js';
import { estimateDeployment } from '../../serving/estimate-deployment.js';
import { cachedPrefixTokens, requestShape } from '../../serving/request-shape.js';
import { afdPipeline } from '../../serving/strategies/afd-pipeline.js';
import { tokenHitProbability } from '../../serving/strategies/afd-dispatch.js';
import { pathTier } from '../../serving/strategies/kv-transfer.js';
import { gpusOf, type PoolRanks } from './pool-ranks.js';

export interface ExportPoint {
  phase: 'prefill' | 'decode';
  /** Sequences per instance. */
  batch: number;
  /** Decode: tokens already in the KV cache. Prefill: prompt tokens (before prefix reuse). */
  contextTokens: number;
}

export interface PoolStep {
  role: PoolRole;
  ranks: PoolRanks;
  input: StepInput;
  /** The engine's tree for one step (for AFD decode: for one micro-batch). */
  breakdown: StepBreakdown;
  /** Takes part only as the receiver of a transfer (the decode side of a prefill export). */
  receiveOnly: boolean;
}

export interface StepPlan {
  deployment: string;
  strategy: DeploymentSpec['strategy']['kind'];
  point: ExportPoint;
  /** AFD decode: the ping-pong micro-batches; 1 otherwise. */
  microbatches: number;
  pools: PoolStep[];
  ranks: number;
  /** Bytes of one token's hidden state between layers/pools. */
  activationBytesPerToken: number;
  /** P/D and AFD prefill: KV-cache bytes of one layer for the whole batch, sent sender pool -> receiver pool. */
  kvTransfer?: { from: number; to: number; bytesPerLayer: number };
  /** AFD decode: activation bytes one attention GPU sends one FFN GPU per micro-batch and layer (and the same back). */
  afd?: { attention: number; ffn: number; pairBytes: number };
  /**
   * servescope's time for this step, ms: the engine's step time of the pool
   * that runs it (P/D prefill: the prefill instance; its layer-wise KV
   * transfer overlaps the next layers); AFD decode: src/serving's ping-pong
   * pipeline of the micro-batches over the engine's part step times.
   */
  servescopeStepMs: number;
}

/**
 * The step servescope reports for the deployment: decode at the batch the
 * serving model chose for it (the largest within max_batch that meets the
 * SLOs and fits) at the mean decode context; prefill of one mean prompt.
 */
export function defaultPoint(deployment: DeploymentSpec, phase: ExportPoint['phase'], engine: Engine): ExportPoint {
  const shape = requestShape(deployment.workload);
  if (phase === 'prefill') return { phase, batch: 1, contextTokens: shape.inputTokens };
  const estimate = estimateDeployment(deployment, engine);
  const pool = estimate.pools.find((p) => (p.role === 'aggregated' || p.role === 'decode' || p.role === 'attention') && p.batch >= 1);
  return { phase, batch: pool?.batch ?? 1, contextTokens: shape.meanDecodeContextTokens };
}

function operatingPoint(deployment: DeploymentSpec, point: ExportPoint, batch: number): OperatingPoint {
  if (point.phase === 'decode') return { phase: 'decode', groups: [{ count: batch, newTokens: 1, pastTokens: point.contextTokens }] };
  const cached = cachedPrefixTokens(point.contextTokens, deployment.workload.prefixReuse);
  return { phase: 'prefill', groups: [{ count: batch, newTokens: point.contextTokens - cached, pastTokens: cached }] };
}

export function afdLayouts(strategy: Extract<DeploymentSpec['strategy'], { kind: 'afd' }>): { attention: ParallelLayout; ffn: ParallelLayout } {
  const a = strategy.decode.attention;
  const f = strategy.decode.ffn;
  return {
    attention: { tp: a.tp, pp: 1, ep: 1, attentionDp: a.attentionDp },
    // The FFN GPUs hold the routed experts over `ep`; the rest of the group shards each expert (moeTp = gpus / ep).
    ffn: { tp: 1, pp: 1, ep: f.ep, attentionDp: f.gpus },
  };
}

export function buildStepPlan(deployment: DeploymentSpec, point: ExportPoint, engine: Engine): StepPlan {
  const { model, cluster, precision, strategy } = deployment;
  if (!(point.batch >= 1) || !Number.isInteger(point.batch)) throw new Error(`batch must be a positive integer, got ${point.batch}`);
  if (!(point.contextTokens >= 1)) throw new Error(`context must be at least 1 token, got ${point.contextTokens}`);
  const pools: PoolStep[] = [];
  let next = 0;
  const addPool = (role: PoolRole, layout: ParallelLayout, batch: number, part: StepInput['part'], receiveOnly = false): number => {
    const input: StepInput = { model, cluster, precision, layout, point: operatingPoint(deployment, point, batch), part };
    pools.push({ role, ranks: { first: next, layout }, input, breakdown: engine.evaluateStep(input), receiveOnly });
    next += gpusOf(layout);
    return pools.length - 1;
  };
  const activationBytesPerToken = model.hidden * DTYPE_BYTES[precision.activations];
  // The uncached prompt's KV: the decode side holds the cached prefix itself (as src/serving's P/D model assumes).
  const kvBytesPerLayer = (): number => {
    const cached = cachedPrefixTokens(point.contextTokens, deployment.workload.prefixReuse);
    const perSequence = engine.kvCacheBytesPerSequence(model, precision, point.contextTokens) - engine.kvCacheBytesPerSequence(model, precision, cached);
    return (perSequence * point.batch) / model.layers;
  };
  const plan = (extra: Partial<StepPlan>): StepPlan => ({
    deployment: deployment.name, strategy: strategy.kind, point, microbatches: 1, pools, ranks: next, activationBytesPerToken,
    servescopeStepMs: pools[0]!.breakdown.timeMs, ...extra,
  });

  switch (strategy.kind) {
    case 'aggregated':
      addPool('aggregated', strategy.instance.layout, point.batch, 'all');
      return plan({});
    case 'disaggregated': {
      if (point.phase === 'decode') {
        addPool('decode', strategy.decode.instance.layout, point.batch, 'all');
        return plan({});
      }
      const from = addPool('prefill', strategy.prefill.instance.layout, point.batch, 'all');
      const to = addPool('decode', strategy.decode.instance.layout, point.batch, 'all', true);
      return plan({ kvTransfer: { from, to, bytesPerLayer: kvBytesPerLayer() } });
    }
    case 'afd': {
      const layouts = afdLayouts(strategy);
      if (point.phase === 'prefill') {
        const from = addPool('prefill', strategy.prefill.instance.layout, point.batch, 'all');
        const to = addPool('attention', layouts.attention, point.batch, 'attention', true);
        return plan({ kvTransfer: { from, to, bytesPerLayer: kvBytesPerLayer() } });
      }
      const microbatches = Math.max(1, Math.min(strategy.decode.microbatches, point.batch));
      const perMicrobatch = Math.ceil(point.batch / microbatches);
      const attention = addPool('attention', layouts.attention, perMicrobatch, 'attention');
      const ffn = addPool('ffn', layouts.ffn, perMicrobatch, 'ffn');
      // Each attention GPU sends its share of the micro-batch's tokens to every FFN GPU holding one of a token's
      // experts, once per GPU (src/serving afd-dispatch.ts; MegaScale-Infer M2N, arXiv 2504.02263).
      const { attention: a, ffn: f } = strategy.decode;
      const hit = model.moe ? tokenHitProbability(model.moe.experts, model.moe.active, f.gpus) : 1;
      const pairBytes = (perMicrobatch / a.gpus) * activationBytesPerToken * hit;
      const layers = Math.max(1, model.layers);
      const transferMs = engine.transferTimeMs(cluster, Math.max(pairBytes * f.gpus, pairBytes * a.gpus), pathTier(cluster, a.gpus + f.gpus));
      const stages = {
        attentionMs: pools[attention]!.breakdown.timeMs / layers, toFfnMs: transferMs,
        ffnMs: pools[ffn]!.breakdown.timeMs / layers, toAttentionMs: transferMs,
      };
      return plan({ microbatches, afd: { attention, ffn, pairBytes }, servescopeStepMs: afdPipeline(stages, layers, microbatches).stepMs });
    }
  }
}
