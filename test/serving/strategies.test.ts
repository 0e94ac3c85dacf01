import { describe, expect, it } from 'vitest';
import { aggregatedAtBatch, aggregatedPrefillStation } from '../../src/serving/strategies/aggregated.js';
import { afdAtBatch } from '../../src/serving/strategies/afd.js';
import { decodeAtBatch } from '../../src/serving/strategies/decode-pool.js';
import { kvTransfer, layerwiseExposedMs, pathTier } from '../../src/serving/strategies/kv-transfer.js';
import { evaluatePrefillInstance } from '../../src/serving/strategies/prefill-pool.js';
import type { StrategyContext } from '../../src/serving/strategies/context.js';
import { requestShape } from '../../src/serving/request-shape.js';
import { toyCluster, toyEngine, toyModel, toyPrecision, toyWorkload } from '../fixtures/toy-engine.js';

const one = { tp: 1, pp: 1, ep: 1, attentionDp: 1 };

function ctx(over = {}): StrategyContext {
  return { engine: toyEngine, model: toyModel, cluster: toyCluster(), precision: toyPrecision, shape: requestShape(toyWorkload(over)) };
}

describe('request shape', () => {
  it('splits cached and computed prompt tokens and places the mean decode step mid-generation', () => {
    const s = requestShape(toyWorkload({ prefixReuse: 0.25 }));
    expect(s).toEqual({ inputTokens: 1000, outputTokens: 100, cachedTokens: 250, uncachedTokens: 750, meanDecodeContextTokens: 1050, finalContextTokens: 1100, inputCv2: 0, outputCv2: 0 });
  });
});

describe('aggregated with chunked prefill (toy, 2 layers, 1000 in / 100 out)', () => {
  it('mixes decode-only and chunk-carrying iterations into TPOT and takes TTFT from the chunks', () => {
    // batch 4, budget 504: chunk 500, 2 per prompt.
    // decode: K = 4 x 1051 = 4204 -> attn 1 + 5 = 6, ffn 1 + 1 = 2 -> 2 x 8 = 16 ms
    // mixed: chunk past = 250, K = 4204 + 750 = 4954 -> attn 6; T = 504 -> ffn 1 + 6 = 7 -> 2 x 13 = 26 ms
    // f = 4 x 2 / 100 = 0.08 -> TPOT = 0.92 x 16 + 0.08 x 26 = 16.8; TTFT = 2 x 26 = 52
    const a = aggregatedAtBatch(ctx(), one, 504, 4);
    expect(a.chunkTokens).toBe(500);
    expect(a.chunksPerPrompt).toBe(2);
    expect(a.decodeStepMs).toBe(16);
    expect(a.mixedStepMs).toBe(26);
    expect(a.chunkFraction).toBeCloseTo(0.08, 12);
    expect(a.iterationMs).toBeCloseTo(16.8, 9);
    expect(a.prefillMs).toBe(52);
    expect(a.sustainable).toBe(true);
    // KV of 5 sequences (4 + the prompt being chunked) at 1100 tokens x 2 layers + 60,000 weights
    expect(a.memory.kvCacheBytes).toBe(11_000);
    expect(a.memory.fits).toBe(true);
  });

  it('a bigger chunk shortens TTFT and lengthens the iterations that carry it', () => {
    const small = aggregatedAtBatch(ctx(), one, 504, 4);
    const big = aggregatedAtBatch(ctx(), one, 1004, 4);
    expect(big.chunksPerPrompt).toBe(1);
    expect(big.prefillMs).toBeLessThan(small.prefillMs);
    expect(big.mixedStepMs).toBeGreaterThan(small.mixedStepMs);
  });

  it('is not sustainable when decodes leave no room for a chunk, or chunks cannot keep up', () => {
    expect(aggregatedAtBatch(ctx(), one, 64, 64).sustainable).toBe(false);
    // budget 110, batch 100: 10-token chunks, 100 per prompt; f = 100 x 100 / 100 = 100 > 1
    const slow = aggregatedAtBatch(ctx(), one, 110, 100);
    expect(slow.chunksPerPrompt).toBe(100);
    expect(slow.sustainable).toBe(false);
  });

  it('prefix reuse cuts the chunks but not the KV read', () => {
    const cold = aggregatedAtBatch(ctx(), one, 504, 4);
    const warm = aggregatedAtBatch(ctx({ prefixReuse: 0.5 }), one, 504, 4);
    expect(warm.chunksPerPrompt).toBe(1);
    expect(warm.prefillMs).toBeLessThan(cold.prefillMs);
    expect(warm.memory.kvCacheBytes).toBe(cold.memory.kvCacheBytes);
  });
});

describe('P/D (toy)', () => {
  it('prefill step, KV bytes of uncached tokens, layer-wise exposed transfer', () => {
    const c = ctx();
    const p = evaluatePrefillInstance(c, one);
    // K = 1000 -> attn 2; T = 1000 -> ffn 11 -> 2 x 13 = 26 ms
    expect(p.stepMs).toBe(26);
    const kv = kvTransfer(c, p, 1);
    expect(kv.bytesPerRequest).toBe(2000);
    expect(kv.tier).toBe(0);
    // 2000 B at 32 B/ms = 62.5 ms; per layer 31.25 vs 13 compute: 31.25 + 18.25 = 49.5 exposed
    expect(kv.transferMs).toBeCloseTo(62.5, 9);
    expect(kv.exposedMs).toBeCloseTo(49.5, 9);
  });

  it('cached prefix tokens are not transferred', () => {
    const c = ctx({ prefixReuse: 0.5 });
    const kv = kvTransfer(c, evaluatePrefillInstance(c, one), 1);
    expect(kv.bytesPerRequest).toBe(1000);
  });

  it('a transfer shorter than a layer of compute shows only its last layer', () => {
    expect(layerwiseExposedMs(10, 100, 10)).toBe(1);
    expect(layerwiseExposedMs(100, 10, 10)).toBe(10 + 9 * 9);
  });

  it('the path leaves the node when the two instances do not fit in one scale-up domain', () => {
    const cl = toyCluster();
    expect(pathTier(cl, 8)).toBe(0);
    expect(pathTier(cl, 16)).toBe(1);
  });

  it('decode step is the engine step at the mean context', () => {
    expect(decodeAtBatch(ctx(), one, 4).stepMs).toBe(16);
  });
});

describe('AFD (toy)', () => {
  const d = { replicas: 1, attention: { gpus: 2, attentionDp: 2, tp: 1 }, ffn: { gpus: 1, ep: 1 }, microbatches: 2 };

  it('two micro-batches of 4 over 2 attention GPUs and 1 FFN GPU', () => {
    // mb = 4: attention K = 4204 over 2 GPUs -> 1 + 3 = 4 ms/layer; ffn T = 4 -> 2 ms/layer
    // transfer: FFN GPU receives 4 x 32 B = 128 B -> 4 ms (attention GPUs send 64 B each: 2 ms)
    // R = 14, S = 4, L = 2, k = 2: max(16 + 10, 28 + 4) = 32
    const a = afdAtBatch(ctx(), d, 8);
    expect(a.microbatchSequences).toBe(4);
    expect(a.stages).toEqual({ attentionMs: 4, toFfnMs: 4, ffnMs: 2, toAttentionMs: 4 });
    expect(a.pipeline.stepMs).toBe(32);
    // no overlap, batch 8: attn 1 + 5 = 6, ffn 2, transfer 256 B -> 8 ms: 2 x 24 = 48
    expect(a.noOverlapStepMs).toBe(48);
  });

  it('one micro-batch equals the no-overlap step', () => {
    const a = afdAtBatch(ctx(), { ...d, microbatches: 1 }, 8);
    expect(a.pipeline.stepMs).toBe(a.noOverlapStepMs);
  });

  it('refuses a dense model', () => {
    const dense = { ...toyModel, moe: undefined };
    expect(() => afdAtBatch({ ...ctx(), model: dense }, d, 8)).toThrow(/mixture-of-experts/);
  });
});

describe('aggregated with attention-DP', () => {
  it('gives each rank its share of decodes and its own chunk and prefill lane', () => {
    // 2 ranks, batch 8 (4 per rank), budget 504 per rank: chunk 500 each, 2 per prompt
    // decode: K = 8 x 1051 = 8408 over 2 GPUs -> attn 1 + 5 = 6; T = 8 -> ffn 2 -> 16 ms
    // mixed: K = 8408 + 2 x 750 = 9908 -> attn 1 + 5 = 6; T = 1008 -> ffn 1 + 6 = 7 -> 26 ms
    // f = 4 x 2 / 100 = 0.08 per rank
    const dp2 = { tp: 1, pp: 1, ep: 1, attentionDp: 2 };
    const a = aggregatedAtBatch(ctx(), dp2, 504, 8);
    expect(a.chunkTokens).toBe(500);
    expect(a.decodeStepMs).toBe(16);
    expect(a.mixedStepMs).toBe(26);
    expect(a.chunkFraction).toBeCloseTo(0.08, 12);
    expect(aggregatedPrefillStation(a, 3, 0.5)).toEqual({ servers: 6, serviceMs: 52, serviceCv2: 0.5 });
  });
});

describe('pipeline parallel: pp micro-batches in flight', () => {
  const pp2 = { tp: 1, pp: 2, ep: 1, attentionDp: 1 };

  it('decode: the batch travels in pp micro-batches; TPOT is one micro-batch pass', () => {
    // batch 8 in 2 micro-batches of 4: the toy step of 4 sequences, 16 ms; KV of all 8 over 2 GPUs
    const d = decodeAtBatch(ctx(), pp2, 8);
    expect(d.stepMs).toBe(16);
    expect(d.memory.kvCacheBytes).toBe((8 * 1100 * 2) / 2);
  });

  it('prefill and aggregated lanes multiply by pp', () => {
    const p = evaluatePrefillInstance(ctx(), pp2);
    expect(p.requestsPerStep).toBe(2);
    expect(p.stepMs).toBe(26);
    const a = aggregatedAtBatch(ctx(), pp2, 504, 8);
    expect(a.decodeStepMs).toBe(16);
    expect(a.mixedStepMs).toBe(26);
    expect(a.chunkFraction).toBeCloseTo(0.08, 12);
    expect(aggregatedPrefillStation(a, 1).servers).toBe(2);
  });
});
