import { describe, expect, test } from 'vitest';
import { kvCacheBytesPerSequence } from '../../src/engine/kv-cache.js';
import { expertWeightBytesPerGpu, maxResidentSequences, memoryUse, USABLE_MEMORY_FRACTION, WORKSPACE_BYTES } from '../../src/engine/memory.js';
import { weightBytesPerGpu } from '../../src/engine/weights.js';
import * as m from '../fixtures/models.js';
import { bf16, fp8, hgx1, layout } from './helpers.js';

const base = { cluster: hgx1, precision: bf16 };

describe('memoryUse', () => {
  test('Llama-3.1-70B TP8: weights/8, KV split over the 8 KV heads, capacity 90% of 80 GB', () => {
    const u = memoryUse({ ...base, model: m.llama3_70b, layout: layout(8), sequences: 16, contextTokens: 4096, tokensPerStep: 16 });
    expect(u.weightsBytes).toBe(weightBytesPerGpu(m.llama3_70b, layout(8), bf16));
    expect(u.kvCacheBytes).toBe(16 * kvCacheBytesPerSequence(m.llama3_70b, bf16, 4096) / 8);
    expect(u.capacityBytes).toBe(80e9 * USABLE_MEMORY_FRACTION);
    expect(u.freeBytes).toBeCloseTo(u.capacityBytes - u.weightsBytes - u.kvCacheBytes - u.activationBytes, 0);
    expect(u.activationBytes).toBeGreaterThanOrEqual(WORKSPACE_BYTES);
    expect(u.fits).toBe(true);
  });
  test('Llama-3.1-70B in bf16 does not fit one 80 GB GPU', () => {
    expect(memoryUse({ ...base, model: m.llama3_70b, layout: layout(1), sequences: 1, contextTokens: 1024, tokensPerStep: 1 }).fits).toBe(false);
  });
  test('KV heads replicate when tp exceeds them (Qwen3-235B: 4 KV heads, TP8)', () => {
    const u = memoryUse({ ...base, model: m.qwen3_235b, layout: layout(8, { ep: 8 }), sequences: 2, contextTokens: 1000, tokensPerStep: 2 });
    expect(u.kvCacheBytes).toBe(2 * kvCacheBytesPerSequence(m.qwen3_235b, bf16, 1000) / 4);
  });
  test('MLA latent is replicated on TP ranks; attention-DP ranks hold their own sequences', () => {
    const tp = memoryUse({ cluster: hgx1, precision: fp8, model: m.deepseekV3, layout: layout(8, { ep: 8 }), sequences: 8, contextTokens: 1000, tokensPerStep: 8 });
    expect(tp.kvCacheBytes).toBe(8 * kvCacheBytesPerSequence(m.deepseekV3, fp8, 1000));
    const dp = memoryUse({ cluster: hgx1, precision: fp8, model: m.deepseekV3, layout: layout(1, { ep: 8, attentionDp: 8 }), sequences: 8, contextTokens: 1000, tokensPerStep: 8 });
    expect(dp.kvCacheBytes).toBe(kvCacheBytesPerSequence(m.deepseekV3, fp8, 1000));
  });
  test('AFD parts: attention holds everything but the experts, FFN only the experts, and they add up', () => {
    const l = layout(8, { ep: 8 });
    const q = { cluster: hgx1, precision: fp8, model: m.deepseekV3, layout: l, sequences: 4, contextTokens: 100, tokensPerStep: 4 };
    const all = memoryUse(q).weightsBytes;
    const att = memoryUse({ ...q, part: 'attention' }).weightsBytes;
    const ffn = memoryUse({ ...q, part: 'ffn' });
    expect(ffn.weightsBytes).toBe(expertWeightBytesPerGpu(m.deepseekV3, l, fp8));
    expect(att + ffn.weightsBytes).toBeCloseTo(all, 0);
    expect(ffn.kvCacheBytes).toBe(0);
  });
  test('maxResidentSequences fills the free memory with KV and no more', () => {
    const q = { ...base, model: m.llama3_8b, layout: layout(1), contextTokens: 8192, tokensPerStep: 256 };
    const n = maxResidentSequences(q);
    expect(n).toBeGreaterThan(0);
    expect(memoryUse({ ...q, sequences: n }).fits).toBe(true);
    expect(memoryUse({ ...q, sequences: n + 1 }).fits).toBe(false);
    expect(maxResidentSequences({ ...base, model: m.llama3_405b, layout: layout(1), contextTokens: 100, tokensPerStep: 1 })).toBe(0);
  });
});
