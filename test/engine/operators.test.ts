import { describe, expect, test } from 'vitest';
import { evaluateStep } from '../../src/engine/step.js';
import { fittedEfficiency as eff } from '../../src/engine/efficiency/fitted.js';
import { gemmBodyMs, usesSplitK } from '../../src/engine/efficiency/gemm-time.js';
import { decodeAttentionBodyMs, decodeKvSplits, prefillAttentionBodyMs } from '../../src/engine/efficiency/attention-time.js';
import { memoryBodyMs } from '../../src/engine/efficiency/memory-time.js';
import { attentionPairs } from '../../src/engine/ops/attention-pairs.js';
import { loadImbalance } from '../../src/engine/ops/ffn-block.js';
import { readResidualGrid, buildResidualGrid } from '../../src/engine/efficiency/residual-grid.js';
import { H100_SXM } from '../../src/engine/efficiency/reference-gpu.js';
import * as m from '../fixtures/models.js';
import { decode, findOp, fp8, hasOp, hgx1, hgx8, input, layout, prefill } from './helpers.js';

const L = eff.graphLaunchMs;
const bw = H100_SXM.memoryBandwidthBytesPerSecond;

describe('GEMM operators (Llama-3.1-8B, TP1, bf16)', () => {
  const b = evaluateStep(input(m.llama3_8b, decode(16, 1000)));
  test('qkv_proj: FLOPs 2MNK and bytes of A, B and C exactly', () => {
    const op = findOp(b, 'dense', 'qkv_proj');
    const N = (32 + 2 * 8) * 128;
    expect(op.flops).toBe(2 * 16 * N * 4096);
    expect(op.bytes).toBe((16 * 4096 + 4096 * N + 16 * N) * 2);
  });
  test('qkv_proj time = graph launch(es) + fitted body x residual correction', () => {
    const op = findOp(b, 'dense', 'qkv_proj');
    const shape = { M: 16, N: 6144, K: 4096, aBytes: 2, bBytes: 2, outBytes: 2 };
    const body = gemmBodyMs(H100_SXM, 989.4e12, shape, eff.gemm.bf16);
    // 48 output tiles cannot fill half of 132 SMs and K = 4096: split-K adds a reduction kernel.
    expect(usesSplitK(H100_SXM, shape)).toBe(true);
    expect(Math.abs(op.timeMs - (2 * L + body.ms * body.correction))).toBeLessThan(1e-9);
    const o = findOp(b, 'dense', 'down_proj');
    const dshape = { M: 16, N: 4096, K: 14336, aBytes: 2, bBytes: 2, outBytes: 2 };
    const dbody = gemmBodyMs(H100_SXM, 989.4e12, dshape, eff.gemm.bf16);
    expect(Math.abs(o.timeMs - ((usesSplitK(H100_SXM, dshape) ? 2 : 1) * L + dbody.ms * dbody.correction))).toBeLessThan(1e-9);
    expect(op.bound).toBe('memory');
  });
  test('SwiGLU FFN: gate+up N = 2I, down K = I', () => {
    expect(findOp(b, 'dense', 'gate_up_proj').flops).toBe(2 * 16 * 2 * 14336 * 4096);
    expect(findOp(b, 'dense', 'down_proj').flops).toBe(2 * 16 * 4096 * 14336);
    expect(findOp(b, 'dense', 'act').bytes).toBe(16 * (2 * 14336 + 14336) * 2);
  });
  test('LM head: one row per sequence, vocab x hidden weight', () => {
    const op = findOp(b, 'lm_head', 'lm_head');
    expect(op.flops).toBe(2 * 16 * 128256 * 4096);
  });
  test('TP shards heads and FFN columns', () => {
    const t = evaluateStep(input(m.llama3_70b, decode(4, 100), layout(8)));
    expect(findOp(t, 'dense', 'qkv_proj').flops).toBe(2 * 4 * ((64 + 2 * 8) / 8) * 128 * 8192);
    expect(findOp(t, 'dense', 'down_proj').flops).toBe(2 * 4 * 8192 * (28672 / 8));
  });
});

describe('elementwise operators', () => {
  test('fused residual add + RMSNorm moves 4 T h bytes; time = launch + bytes / achievable HBM', () => {
    const b = evaluateStep(input(m.llama3_8b, prefill(2, 1024)));
    const op = findOp(b, 'dense', 'input_norm');
    const bytes = 4 * 2048 * 4096 * 2;
    expect(op.bytes).toBe(bytes);
    expect(op.flops).toBe(0);
    expect(Math.abs(op.timeMs - (L + memoryBodyMs(H100_SXM, bytes, eff.hbm)))).toBeLessThan(1e-9);
    expect(Math.abs(memoryBodyMs(H100_SXM, bytes, eff.hbm) - (bytes / (bw * eff.hbm.efficiency)) * 1e3)).toBeLessThan(1e-12);
  });
  test('rotary + KV write: q,k read and written, k,v appended to the cache', () => {
    const b = evaluateStep(input(m.llama3_8b, prefill(1, 512)));
    const T = 512;
    expect(findOp(b, 'dense', 'rotary_kv_write').bytes).toBe(T * (32 + 8) * 128 * 2 * 2 + T * 2 * 8 * 128 * (2 + 2));
  });
  test('fp8 weights add activation quantisation', () => {
    const b = evaluateStep(input(m.llama3_8b, decode(8, 100), layout(1), fp8));
    expect(findOp(b, 'dense', 'act_quant').bytes).toBe(8 * 4096 * 3);
    const q = findOp(b, 'dense', 'qkv_proj');
    expect(q.bytes).toBe(8 * 4096 * 1 + 4096 * 6144 * 1 + 8 * 6144 * 2);
  });
});

describe('attention', () => {
  test('query-key pairs: causal half square, prefix cache, window, top-k', () => {
    expect(attentionPairs(4, 0)).toBe(10);
    expect(attentionPairs(1000, 0)).toBe(1000 * 1001 / 2);
    expect(attentionPairs(100, 900)).toBe(100 * 900 + 100 * 101 / 2);
    expect(attentionPairs(1, 4095)).toBe(4096);
    // window 128 over 1000 tokens: the first 128 queries see 1..128, the rest 128 each
    expect(attentionPairs(1000, 0, 128)).toBe(128 * 129 / 2 + (1000 - 128) * 128);
    expect(attentionPairs(1, 10000, 2048)).toBe(2048);
  });
  test('prefill FLOPs = 2 x heads x pairs x (qk + v dims); time matches the fitted kernel formula', () => {
    const b = evaluateStep(input(m.llama3_8b, prefill(2, 2048)));
    const op = findOp(b, 'dense', 'attn_prefill');
    const pairs = 2048 * 2049 / 2;
    expect(op.flops).toBe(2 * 2 * 32 * pairs * 256);
    const body = prefillAttentionBodyMs(H100_SXM, 989.4e12, {
      batch: 2, heads: 32, qkDim: 128, vDim: 128, queryTokens: 2048, pairs,
      bytes: 2 * (2048 * 32 * 128 * 2 * 2 + 2048 * 2 * 8 * 128 * 2),
    }, eff.attentionPrefill);
    expect(Math.abs(op.timeMs - (L + body.ms))).toBeLessThan(1e-9);
  });
  test('prefix-cached prefill computes only the new queries against all keys', () => {
    const full = findOp(evaluateStep(input(m.llama3_8b, prefill(1, 4096))), 'dense', 'attn_prefill');
    const cached = findOp(evaluateStep(input(m.llama3_8b, prefill(1, 4096, 3072))), 'dense', 'attn_prefill');
    expect(cached.flops).toBe(2 * 32 * (1024 * 3072 + 1024 * 1025 / 2) * 256);
    expect(cached.flops).toBeLessThan(full.flops);
  });
  test('decode reads the whole KV cache: batch x context x 2 x kv heads x head dim x bytes', () => {
    const b = evaluateStep(input(m.llama3_70b, decode(32, 4095), layout(8)));
    const op = findOp(b, 'dense', 'attn_decode');
    const kvBytes = 32 * 4096 * 2 * 1 * 128 * 2;
    expect(op.bytes).toBe(kvBytes + 32 * 8 * 128 * 2 * 2);
    expect(op.flops).toBe(4 * 32 * 8 * 4096 * 128);
    const splits = decodeKvSplits(H100_SXM, 32, 1, 4096);
    const body = decodeAttentionBodyMs(H100_SXM, 989.4e12, { bytes: op.bytes, flops: op.flops, ctas: 32 * splits, context: 4096 }, eff.attentionDecode, eff.attentionPrefill.maxEfficiency);
    expect(Math.abs(op.timeMs - (L + body.ms))).toBeLessThan(1e-9);
    expect(op.bound).toBe('memory');
  });
  test('sliding-window layers read at most the window (gpt-oss alternates)', () => {
    const b = evaluateStep(input(m.gptOss120b, decode(8, 8191), layout(1)));
    const windowed = findOp(b, 'moe (sliding window)', 'attn_decode');
    const full = findOp(b, 'moe', 'attn_decode');
    expect(windowed.bytes).toBe(8 * 128 * 2 * 8 * 64 * 2 + 8 * 64 * 64 * 2 * 2);
    expect(full.bytes).toBe(8 * 8192 * 2 * 8 * 64 * 2 + 8 * 64 * 64 * 2 * 2);
    expect(b.layers.find((l) => l.kind === 'moe (sliding window)')!.count).toBe(18);
  });
  test('MLA decode runs absorbed over the latent; prefill decompresses with kv_b_proj', () => {
    const d = evaluateStep(input(m.deepseekV3, decode(16, 4095), layout(8, { ep: 8 }), fp8));
    expect(hasOp(d, 'moe', 'q_absorb') && hasOp(d, 'moe', 'v_absorb')).toBe(true);
    const att = findOp(d, 'moe', 'attn_mla_absorbed');
    // latent (512 + 64) fp8 per key, all 128/8 heads share it
    expect(att.bytes).toBe(16 * (4096 * 576 * 1 + 1 * 16 * (576 + 512) * 2));
    expect(att.flops).toBe(2 * 16 * 16 * 4096 * (576 + 512));
    const p = evaluateStep(input(m.deepseekV3, prefill(1, 2048), layout(8, { ep: 8 }), fp8));
    expect(findOp(p, 'moe', 'kv_b_proj').flops).toBe(2 * 2048 * 16 * (128 + 128) * 512);
    expect(hasOp(p, 'moe', 'q_absorb')).toBe(false);
  });
  test('DSA: the indexer scores every key, attention sees only top-k', () => {
    const b = evaluateStep(input(m.deepseekV32, decode(4, 32767), layout(8, { ep: 8 }), fp8));
    expect(hasOp(b, 'moe', 'indexer_score')).toBe(true);
    expect(findOp(b, 'moe', 'attn_mla_absorbed').flops).toBe(2 * 4 * 16 * 2048 * (576 + 512));
  });
});

describe('mixture of experts', () => {
  test('load imbalance = 1 + sqrt(2 ln(ep) / mean routes); 1 without EP', () => {
    expect(loadImbalance(100, 1)).toBe(1);
    expect(loadImbalance(64, 8)).toBeCloseTo(1 + Math.sqrt(2 * Math.log(8) / 64), 12);
  });
  test('routed experts: FLOPs of routes x 3 matrices; EP with attention-DP adds dispatch and combine', () => {
    const b = evaluateStep(input(m.deepseekV3, decode(64 * 8, 2000), layout(1, { ep: 8, attentionDp: 8 }), fp8));
    const op = findOp(b, 'moe', 'routed_experts');
    const mean = 512 * 8 / 8;
    const routes = mean * loadImbalance(mean, 8);
    expect(op.flops).toBeCloseTo(2 * routes * 7168 * 2048 * 3, 3);
    expect(hasOp(b, 'moe', 'moe_dispatch') && hasOp(b, 'moe', 'moe_combine')).toBe(true);
    expect(hasOp(b, 'moe', 'moe_allreduce')).toBe(false);
    expect(findOp(b, 'moe', 'shared_gate_up_proj').flops).toBe(2 * 64 * 2 * 2048 * 7168);
  });
  test('TP-only MoE (Mixtral TP8): every GPU holds all experts sliced, then all-reduce', () => {
    const b = evaluateStep(input(m.mixtral8x7b, decode(16, 1000), layout(8)));
    expect(findOp(b, 'moe', 'routed_experts').flops).toBe(2 * 32 * 4096 * (14336 / 8) * 3);
    expect(hasOp(b, 'moe', 'moe_allreduce')).toBe(true);
  });
  test('dense-first layers of DeepSeek are a separate kind', () => {
    const b = evaluateStep(input(m.deepseekV3, decode(8, 100), layout(8, { ep: 8 }), fp8, hgx1));
    expect(b.layers.find((l) => l.kind === 'dense')!.count).toBe(3);
    expect(b.layers.find((l) => l.kind === 'moe')!.count).toBe(58);
  });
});

describe('residual surface', () => {
  test('the tabulated grid reproduces the smoother at grid points and fades to 0 far away', () => {
    const s = eff.gemm.bf16.residual;
    const g = buildResidualGrid(s);
    expect(readResidualGrid(g, 40, 40, 40)).toBe(0);
    expect(Number.isFinite(readResidualGrid(g, 10, 12, 12))).toBe(true);
  });
});

describe('multi-node', () => {
  test('EP across nodes is slower to dispatch than inside one', () => {
    const one = evaluateStep(input(m.deepseekV3, decode(8 * 32, 1000), layout(1, { ep: 8, attentionDp: 8 }), fp8, hgx8));
    const many = evaluateStep(input(m.deepseekV3, decode(64 * 32, 1000), layout(1, { ep: 64, attentionDp: 64 }), fp8, hgx8));
    expect(findOp(many, 'moe', 'moe_dispatch').timeMs).toBeGreaterThan(findOp(one, 'moe', 'moe_dispatch').timeMs);
  });
  test('prefill steps use DeepEP normal kernels, decode steps low-latency ones', () => {
    const p = evaluateStep(input(m.deepseekV3, prefill(64, 2048), layout(1, { ep: 64, attentionDp: 64 }), fp8, hgx8));
    expect(findOp(p, 'moe', 'moe_dispatch').note).toContain('DeepEP normal');
    const d = evaluateStep(input(m.deepseekV3, decode(64 * 32, 2048), layout(1, { ep: 64, attentionDp: 64 }), fp8, hgx8));
    expect(findOp(d, 'moe', 'moe_dispatch').note).toContain('DeepEP low-latency');
  });
});
