/**
 * One strategy at one batch: the figures every strategy produces, so that the
 * estimate and the explorer treat aggregated, P/D and AFD alike (same
 * metrics, same queueing, same SLO test).
 */
import type { MemoryUse } from '../../engine/types.js';
import type { QueueStation } from '../queueing.js';
import type { StrategySpec } from '../types.js';
import { aggregatedAtBatch, aggregatedPrefillStation, type AggregatedAtBatch } from './aggregated.js';
import { afdAtBatch, type AfdAtBatch } from './afd.js';
import { layoutGpus, type StrategyContext } from './context.js';
import { decodeAtBatch, decodeStation, type DecodeAtBatch } from './decode-pool.js';
import { kvTransfer, type KvTransfer } from './kv-transfer.js';
import { evaluatePrefillInstance, prefillStation, type PrefillInstance } from './prefill-pool.js';

/** Used when a pool states no max_batch. */
// Large enough that memory or the TPOT objective binds first for DP-attention decode pools
// (tens to hundreds of sequences per GPU); a pool states `max_batch` to cap it.
export const DEFAULT_MAX_BATCH = 4096;

export interface PoolMemory {
  role: 'aggregated' | 'prefill' | 'decode' | 'attention' | 'ffn';
  memory: MemoryUse;
}

export interface StrategyAtBatch {
  batch: number;
  tpotMs: number;
  ttftUnqueuedMs: number;
  /** Prefill servers and decode slots, for the TTFT wait. */
  stations: QueueStation[];
  memory: PoolMemory[];
  fits: boolean;
  /** False when the batch cannot be kept up (aggregated: prefill chunks cannot keep pace). */
  sustainable: boolean;
  aggregated?: AggregatedAtBatch;
  prefill?: PrefillInstance;
  kv?: KvTransfer;
  decode?: DecodeAtBatch;
  afd?: AfdAtBatch;
}

export interface StrategyEvaluator {
  gpus: number;
  maxBatch: number;
  at(batch: number): StrategyAtBatch;
}

function memoised(f: (batch: number) => StrategyAtBatch): (batch: number) => StrategyAtBatch {
  const cache = new Map<number, StrategyAtBatch>();
  return (batch) => {
    let r = cache.get(batch);
    if (!r) { r = f(batch); cache.set(batch, r); }
    return r;
  };
}

export function strategyEvaluator(ctx: StrategyContext, spec: StrategySpec): StrategyEvaluator {
  const outputTokens = ctx.shape.outputTokens;
  switch (spec.kind) {
    case 'aggregated': {
      const { instance, replicas, chunkTokens } = spec;
      return {
        gpus: replicas * layoutGpus(instance.layout),
        maxBatch: instance.maxBatch ?? DEFAULT_MAX_BATCH,
        at: memoised((batch) => {
          const a = aggregatedAtBatch(ctx, instance.layout, chunkTokens, batch);
          return {
            batch, tpotMs: a.iterationMs, ttftUnqueuedMs: a.prefillMs,
            stations: [aggregatedPrefillStation(a, replicas, ctx.shape.inputCv2), decodeStation(replicas, batch, a.iterationMs, outputTokens, ctx.shape.outputCv2)],
            memory: [{ role: 'aggregated', memory: a.memory }],
            fits: a.memory.fits, sustainable: a.sustainable, aggregated: a,
          };
        }),
      };
    }
    case 'disaggregated': {
      const p = spec.prefill;
      const d = spec.decode;
      const prefill = evaluatePrefillInstance(ctx, p.instance.layout);
      const kv = kvTransfer(ctx, prefill, layoutGpus(d.instance.layout));
      return {
        gpus: p.replicas * layoutGpus(p.instance.layout) + d.replicas * layoutGpus(d.instance.layout),
        maxBatch: d.instance.maxBatch ?? DEFAULT_MAX_BATCH,
        at: memoised((batch) => {
          const decode = decodeAtBatch(ctx, d.instance.layout, batch);
          return {
            batch, tpotMs: decode.stepMs, ttftUnqueuedMs: prefill.stepMs + kv.exposedMs,
            stations: [prefillStation(prefill, p.replicas, ctx.shape.inputCv2), decodeStation(d.replicas, batch, decode.stepMs, outputTokens, ctx.shape.outputCv2)],
            memory: [{ role: 'prefill', memory: prefill.memory }, { role: 'decode', memory: decode.memory }],
            fits: prefill.memory.fits && decode.memory.fits, sustainable: true,
            prefill, kv, decode,
          };
        }),
      };
    }
    case 'afd': {
      const p = spec.prefill;
      const d = spec.decode;
      const prefill = evaluatePrefillInstance(ctx, p.instance.layout);
      const kv = kvTransfer(ctx, prefill, d.attention.gpus);
      return {
        gpus: p.replicas * layoutGpus(p.instance.layout) + d.replicas * (d.attention.gpus + d.ffn.gpus),
        maxBatch: d.maxBatch ?? DEFAULT_MAX_BATCH,
        at: memoised((batch) => {
          const afd = afdAtBatch(ctx, d, batch);
          const tpot = afd.pipeline.stepMs;
          return {
            batch, tpotMs: tpot, ttftUnqueuedMs: prefill.stepMs + kv.exposedMs,
            stations: [prefillStation(prefill, p.replicas, ctx.shape.inputCv2), decodeStation(d.replicas, batch, tpot, outputTokens, ctx.shape.outputCv2)],
            memory: [
              { role: 'prefill', memory: prefill.memory },
              { role: 'attention', memory: afd.attentionMemory },
              { role: 'ffn', memory: afd.ffnMemory },
            ],
            fits: prefill.memory.fits && afd.fits, sustainable: true,
            prefill, kv, afd,
          };
        }),
      };
    }
  }
}

/** Meets memory, sustainability and both objectives without queueing. */
export function meetsAtBatch(r: StrategyAtBatch, slo: { ttftMs?: number; tpotMs?: number }): boolean {
  return r.fits && r.sustainable
    && (slo.tpotMs === undefined || r.tpotMs <= slo.tpotMs)
    && (slo.ttftMs === undefined || r.ttftUnqueuedMs <= slo.ttftMs);
}
