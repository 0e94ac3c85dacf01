import { describe, expect, test } from 'vitest';
import { kvCacheBytesPerSequence, kvCacheBytesPerToken } from '../../src/engine/kv-cache.js';
import { parameterCount } from '../../src/engine/parameters.js';
import type { Precision } from '../../src/engine/types.js';
import { weightBytesPerGpu } from '../../src/engine/weights.js';
import * as m from '../fixtures/models.js';

const bf16: Precision = { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' };
const fp8: Precision = { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' };

describe('parameterCount matches the published sizes', () => {
  // Model cards: Llama 3.1 8.03B / 70.6B / 405.9B; Mixtral 46.7B total, 12.9B active;
  // DeepSeek-V3 671B total, 37B active (without the 14B MTP module);
  // Qwen3 235B total, 22B active; gpt-oss-120b 116.8B total, 5.1B active.
  test.each([
    [m.llama3_8b, 8.03e9, 0.01],
    [m.llama3_70b, 70.6e9, 0.01],
    [m.llama3_405b, 405.9e9, 0.01],
    [m.mixtral8x7b, 46.7e9, 0.01],
    [m.deepseekV3, 671e9, 0.01],
    [m.qwen3_235b, 235e9, 0.01],
    [m.gptOss120b, 116.8e9, 0.01],
  ])('%s total', (model, published, tol) => {
    expect(Math.abs(parameterCount(model).total / published - 1)).toBeLessThan(tol);
  });

  test.each([
    [m.mixtral8x7b, 12.9e9, 0.02],
    [m.deepseekV3, 37e9, 0.02],
    [m.qwen3_235b, 22e9, 0.03],
    [m.gptOss120b, 5.1e9, 0.02],
  ])('%s active', (model, published, tol) => {
    expect(Math.abs(parameterCount(model).active / published - 1)).toBeLessThan(tol);
  });

  test('a dense model is all active but its embedding lookup', () => {
    const p = parameterCount(m.llama3_8b);
    expect(p.total - p.active).toBe(p.embedding);
  });
});

describe('KV cache per token', () => {
  test('GQA: 2 * kv heads * head dim * layers * bytes', () => {
    // Llama-3.1-70B: 2 * 8 * 128 * 80 * 2 B = 327,680 B = 320 KiB per token
    expect(kvCacheBytesPerToken(m.llama3_70b, bf16)).toBe(2 * 8 * 128 * 80 * 2);
  });
  test('MLA: (kv rank + rope dim) * layers * bytes', () => {
    // DeepSeek-V3: (512 + 64) * 61 * 1 B (fp8) = 35,136 B per token
    expect(kvCacheBytesPerToken(m.deepseekV3, fp8)).toBe((512 + 64) * 61);
  });
  test('DSA adds the indexer key', () => {
    expect(kvCacheBytesPerToken(m.deepseekV32, fp8)).toBe((512 + 64 + 128) * 61);
  });
  test('sliding-window layers hold at most the window', () => {
    // gpt-oss-120b: 18 windowed layers keep 128 tokens, 18 full layers keep all.
    const perLayerToken = 2 * 8 * 64 * 2;
    expect(kvCacheBytesPerSequence(m.gptOss120b, bf16, 4096)).toBe(perLayerToken * (18 * 4096 + 18 * 128));
    expect(kvCacheBytesPerSequence(m.gptOss120b, bf16, 100)).toBe(perLayerToken * 36 * 100);
  });
});

describe('weight bytes per GPU', () => {
  test('TP shards a dense model evenly apart from norms', () => {
    const one = weightBytesPerGpu(m.llama3_70b, { tp: 1, pp: 1, ep: 1, attentionDp: 1 }, bf16);
    const eight = weightBytesPerGpu(m.llama3_70b, { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, bf16);
    expect(one).toBeCloseTo(2 * parameterCount(m.llama3_70b).total, -6);
    expect(Math.abs(eight / (one / 8) - 1)).toBeLessThan(0.001);
  });
  test('DeepSeek-V3 fp8 with EP32 and attention-DP32 fits an 80 GB GPU', () => {
    const bytes = weightBytesPerGpu(m.deepseekV3, { tp: 1, pp: 1, ep: 32, attentionDp: 32 }, fp8);
    // 8 of 256 experts per layer (~20.6 GB) + full attention (11.4 GB) + dense, shared, embeddings.
    expect(bytes / 1e9).toBeGreaterThan(30);
    expect(bytes / 1e9).toBeLessThan(40);
  });
  test('pipeline stages split the layers', () => {
    const pp1 = weightBytesPerGpu(m.llama3_405b, { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, bf16);
    const pp2 = weightBytesPerGpu(m.llama3_405b, { tp: 8, pp: 2, ep: 1, attentionDp: 1 }, bf16);
    expect(pp2 / pp1).toBeGreaterThan(0.49);
    expect(pp2 / pp1).toBeLessThan(0.52);
  });
});
