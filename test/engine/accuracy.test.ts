import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { kernelAccuracy } from '../../src/engine/efficiency/accuracy.js';
import { heldOutRows, isKernelOutlier, parseKernelRows } from '../../src/engine/efficiency/calibration-rows.js';
import { fittedEfficiency } from '../../src/engine/efficiency/fitted.js';
import { H100_SXM } from '../../src/engine/efficiency/reference-gpu.js';

const rows = parseKernelRows(readFileSync('data/calibration/h100-sxm-80gb.jsonl', 'utf8'));

describe('fitted efficiency model vs measured H100 kernels', () => {
  test('the split holds out 20% of every kind and the fit never saw them', () => {
    const held = heldOutRows(rows);
    const kinds = ['gemm', 'attn_prefill', 'attn_decode', 'moe_ffn'];
    for (const k of kinds) {
      const all = rows.filter((r) => r.kind === k).length;
      const h = rows.filter((r) => r.kind === k && held.has(r)).length;
      expect(h / all).toBeGreaterThan(0.15);
      expect(h / all).toBeLessThan(0.25);
    }
    expect(fittedEfficiency.split).toContain('every 5th');
  });
  test('held-out geomean error stays under 10% for every kernel kind', () => {
    const stats = kernelAccuracy(H100_SXM, fittedEfficiency, rows, 'held-out');
    expect(stats.map((s) => s.kind).sort()).toEqual(['attention decode', 'attention prefill', 'gemm bf16', 'gemm fp8', 'moe']);
    for (const s of stats) expect(s.geomeanError, s.kind).toBeLessThan(0.10);
  });
  test('training rows are fitted within 10% too (no kind is left to the residual surface alone)', () => {
    for (const s of kernelAccuracy(H100_SXM, fittedEfficiency, rows, 'train')) expect(s.geomeanError, s.kind).toBeLessThan(0.10);
  });
});

describe('the shipped fit matches the data and the split', () => {
  test('residual points are exactly the training GEMM rows of each dtype (the fit ran on this split)', () => {
    const held = heldOutRows(rows);
    for (const dtype of ['bf16', 'fp8'] as const) {
      const train = rows.filter((r) => r.kind === 'gemm' && r.dtype === dtype && !held.has(r) && !isKernelOutlier(r, rows));
      expect(fittedEfficiency.gemm[dtype].residual.points.length).toBe(train.length);
    }
  });
});
