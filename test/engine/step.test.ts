import { describe, expect, test } from 'vitest';
import { engine } from '../../src/engine/index.js';
import { EngineInputError } from '../../src/engine/validate.js';
import type { StepInput } from '../../src/engine/types.js';
import * as m from '../fixtures/models.js';
import { bf16, decode, fp8, hgx1, hgx8, input, layout, prefill } from './helpers.js';

describe('whole steps', () => {
  test('stepTimeMs equals evaluateStep().timeMs, and the tree sums to it', () => {
    const cases: StepInput[] = [
      input(m.llama3_8b, prefill(2, 3000, 1000)),
      input(m.llama3_70b, decode(64, 8000), layout(8)),
      input(m.deepseekV3, decode(512, 4000), layout(1, { ep: 64, attentionDp: 64 }), fp8, hgx8),
      input(m.deepseekV32, prefill(1, 8000), layout(8, { ep: 8 }), fp8),
      input(m.gptOss120b, decode(32, 10000), layout(4, { ep: 4 })),
      input(m.llama3_70b, decode(8, 1000), layout(4, { pp: 2 })),
      { ...input(m.mixtral8x7b, { phase: 'mixed', groups: [{ count: 1, newTokens: 512, pastTokens: 1024 }, { count: 30, newTokens: 1, pastTokens: 2000 }] }, layout(2)) },
    ];
    for (const c of cases) {
      const b = engine.evaluateStep(c);
      expect(Math.abs(engine.stepTimeMs(c) - b.timeMs)).toBeLessThan(1e-9);
      const sum = b.layers.reduce((s, l) => s + l.count * l.ops.reduce((t, o) => t + o.timeMs, 0), 0);
      expect(Math.abs(sum - b.timeMs)).toBeLessThan(1e-9);
      expect(b.flops).toBeGreaterThan(0);
      expect(b.bytes).toBeGreaterThan(0);
    }
  });
  test('Llama-3.1-70B TP8 bf16 decode on H100 is in the measured ballpark (vLLM/TRT-LLM ITL ~10-25 ms)', () => {
    const small = engine.stepTimeMs(input(m.llama3_70b, decode(1, 2048), layout(8)));
    const large = engine.stepTimeMs(input(m.llama3_70b, decode(64, 2048), layout(8)));
    // weights alone: 141 GB / 8 GPUs / ~3 TB/s = 5.9 ms; plus 160 all-reduces and ~2,000 small kernels
    expect(small).toBeGreaterThan(8);
    expect(small).toBeLessThan(16);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThan(25);
  });
  test('Llama-3.1-8B 2k-token prefill is compute bound near 700 TFLOP/s', () => {
    const t = engine.stepTimeMs(input(m.llama3_8b, prefill(1, 2048)));
    const flops = 2 * 7.5e9 * 2048;
    expect(t).toBeGreaterThan((flops / 800e12) * 1e3);
    expect(t).toBeLessThan((flops / 450e12) * 1e3);
  });
  test('a pure roofline (spec peaks only) is well below the engine for decode', () => {
    const t = engine.stepTimeMs(input(m.llama3_8b, decode(1, 1024)));
    const roofline = (16e9 / 3.35e12) * 1e3;
    expect(t).toBeGreaterThan(roofline * 1.15);
  });
  test('the memory verdict is reported with the step', () => {
    const b = engine.evaluateStep(input(m.llama3_70b, decode(1, 1024), layout(1)));
    expect(b.memory.fits).toBe(false);
    expect(b.timeMs).toBeGreaterThan(0);
  });
  test('AFD parts: attention and FFN sides each take less than the whole layer', () => {
    const base = input(m.deepseekV3, decode(256, 4000), layout(8, { ep: 8 }), fp8);
    const all = engine.stepTimeMs(base);
    const att = engine.stepTimeMs({ ...base, part: 'attention' });
    const ffn = engine.stepTimeMs({ ...base, part: 'ffn' });
    expect(att).toBeLessThan(all);
    expect(ffn).toBeLessThan(all);
    const tree = engine.evaluateStep({ ...base, part: 'ffn' });
    expect(tree.layers.map((l) => l.kind)).toEqual(['moe']);
    expect(tree.layers[0].ops.every((o) => o.category === 'experts' || o.category === 'elementwise')).toBe(true);
  });
});

describe('properties', () => {
  const models = [m.llama3_8b, m.mixtral8x7b, m.qwen3_235b];
  test('more sequences never make a step faster', () => {
    for (const model of models) {
      let prev = 0;
      for (const b of [1, 2, 4, 8, 16, 32, 64, 128, 256]) {
        const t = engine.stepTimeMs(input(model, decode(b, 2048), layout(8, { ep: model.moe ? 8 : 1 })));
        expect(t).toBeGreaterThanOrEqual(prev - 1e-12);
        prev = t;
      }
    }
  });
  test('longer context never makes decode faster; more prompt never makes prefill faster', () => {
    let prev = 0;
    for (const c of [128, 512, 2048, 8192, 32768, 131072]) {
      const t = engine.stepTimeMs(input(m.llama3_8b, decode(16, c)));
      expect(t).toBeGreaterThanOrEqual(prev);
      prev = t;
    }
    prev = 0;
    for (const s of [16, 64, 256, 1024, 4096, 16384]) {
      const t = engine.stepTimeMs(input(m.llama3_8b, prefill(1, s)));
      expect(t).toBeGreaterThanOrEqual(prev);
      prev = t;
    }
  });
  test('prefix-cache hits make prefill cheaper', () => {
    const cold = engine.stepTimeMs(input(m.llama3_8b, prefill(4, 4096)));
    const warm = engine.stepTimeMs(input(m.llama3_8b, prefill(4, 4096, 2048)));
    expect(warm).toBeLessThan(cold);
  });
  test('a faster GPU (H200-like bandwidth) is never slower', () => {
    const h200 = { ...hgx1, gpu: { ...hgx1.gpu, name: 'H200', memoryBandwidthBytesPerSecond: 4.8e12, memoryBytes: 141e9, calibration: undefined } };
    for (const p of [decode(8, 4096), prefill(1, 4096)]) {
      expect(engine.stepTimeMs(input(m.llama3_8b, p, layout(1), bf16, h200))).toBeLessThanOrEqual(engine.stepTimeMs(input(m.llama3_8b, p)));
    }
  });
});

describe('input validation', () => {
  const bad: [string, StepInput, RegExp][] = [
    ['tp not dividing heads', input(m.llama3_8b, decode(1, 10), layout(3)), /tp 3 must divide the 32 attention heads/],
    ['ep on a dense model', input(m.llama3_8b, decode(1, 10), layout(2, { ep: 2 })), /needs a mixture-of-experts model/],
    ['ep not dividing the stage', input(m.deepseekV3, decode(1, 10), layout(2, { ep: 4 }), fp8), /ep 4 must divide tp x attention-dp = 2/],
    ['zero batch', input(m.llama3_8b, decode(0, 10)), /sequences per group must be a positive integer/],
    ['negative context', input(m.llama3_8b, decode(1, -5)), /non-negative integer/],
    ['pp beyond layers', input(m.llama3_8b, decode(1, 10), layout(1, { pp: 64 })), /pp 64 exceeds the 32 layers/],
  ];
  test.each(bad)('%s throws EngineInputError with one line', (_n, inp, msg) => {
    for (const f of [() => engine.stepTimeMs(inp), () => engine.evaluateStep(inp)]) {
      expect(f).toThrow(EngineInputError);
      expect(f).toThrow(msg);
    }
    try { engine.stepTimeMs(inp); } catch (e) { expect(String((e as Error).message)).not.toContain('\n'); }
  });
  test('a cluster without tiers is rejected', () => {
    expect(() => engine.stepTimeMs({ ...input(m.llama3_8b, decode(1, 10)), cluster: { ...hgx1, tiers: [] } })).toThrow(/at least one interconnect tier/);
  });
});

describe('context cache', () => {
  test('a layout object mutated in place between calls is not served a stale context', () => {
    const l = layout(1);
    const inp = input(m.llama3_70b, decode(4, 1000), l);
    const tp1 = engine.stepTimeMs(inp);
    l.tp = 8;
    const tp8 = engine.stepTimeMs(inp);
    expect(tp8).toBeLessThan(tp1);
    expect(tp8).toBe(engine.stepTimeMs(input(m.llama3_70b, decode(4, 1000), layout(8))));
  });
});

describe('monotonicity across models and layouts', () => {
  const cases: [string, StepInput['model'], StepInput['layout'], StepInput['precision'], StepInput['cluster']][] = [
    ['Llama-8B TP1', m.llama3_8b, layout(1), bf16, hgx1],
    ['Llama-70B TP8', m.llama3_70b, layout(8), bf16, hgx1],
    ['Llama-70B TP4 fp8', m.llama3_70b, layout(4), fp8, hgx1],
    ['Mixtral TP2', m.mixtral8x7b, layout(2), bf16, hgx1],
    ['Qwen3-235B TP8 EP8', m.qwen3_235b, layout(8, { ep: 8 }), fp8, hgx1],
    ['DeepSeek-V3 EP8 DP8', m.deepseekV3, layout(1, { ep: 8, attentionDp: 8 }), fp8, hgx1],
    ['DeepSeek-V3 EP64 DP64', m.deepseekV3, layout(1, { ep: 64, attentionDp: 64 }), fp8, hgx8],
    ['DeepSeek-V3.2 TP8 EP8', m.deepseekV32, layout(8, { ep: 8 }), fp8, hgx1],
    ['gpt-oss-120b TP4 EP4', m.gptOss120b, layout(4, { ep: 4 }), bf16, hgx1],
  ];
  test.each(cases)('%s: decode never faster with more sequences, prefill never faster with more tokens', (_n, model, l, p, c) => {
    for (const ctx of [256, 4096, 32768]) {
      let prev = 0;
      for (let b = 1; b <= 1024; b = Math.ceil(b * 1.3)) {
        const t = engine.stepTimeMs(input(model, decode(b, ctx), l, p, c));
        expect(t).toBeGreaterThanOrEqual(prev * (1 - 1e-9));
        prev = t;
      }
    }
    for (const b of [1, 4]) {
      let prev = 0;
      for (let s = 16; s <= 65536; s = Math.ceil(s * 1.25)) {
        const t = engine.stepTimeMs(input(model, prefill(b, s), l, p, c));
        expect(t).toBeGreaterThanOrEqual(prev * (1 - 1e-9));
        prev = t;
      }
    }
  });
});
