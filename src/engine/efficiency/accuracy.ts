/**
 * Prediction error of the fitted model against measured rows, per kind:
 * geomean error = exp(mean |ln(predicted / measured)|) - 1 (symmetric in over-
 * and under-prediction), max error = max |predicted / measured - 1|.
 */
import type { GpuSpec } from '../types.js';
import { heldOutRows, isKernelOutlier, type KernelRow } from './calibration-rows.js';
import type { EfficiencyParams } from './params.js';
import { predictRow } from './predict-row.js';

export interface ErrorStats { kind: string; rows: number; geomeanError: number; maxError: number }

export function kernelKind(r: KernelRow): string {
  switch (r.kind) {
    case 'gemm': return `gemm ${r.dtype}`;
    case 'attn_prefill': return 'attention prefill';
    case 'attn_decode': return 'attention decode';
    case 'moe_ffn': return 'moe';
    case 'copy': return 'hbm copy';
  }
}

export function errorStats(kind: string, pairs: { predicted: number; measured: number }[]): ErrorStats {
  let logSum = 0;
  let max = 0;
  for (const p of pairs) {
    logSum += Math.abs(Math.log(p.predicted / p.measured));
    max = Math.max(max, Math.abs(p.predicted / p.measured - 1));
  }
  return { kind, rows: pairs.length, geomeanError: Math.exp(logSum / Math.max(1, pairs.length)) - 1, maxError: max };
}

/** Error per kernel kind over the rows `which` selects ('held-out', 'train' or 'all'); `filtered` leaves out non-monotonic GEMM rows (isKernelOutlier). */
export function kernelAccuracy(gpu: GpuSpec, params: EfficiencyParams, rows: KernelRow[], which: 'held-out' | 'train' | 'all', filtered = true): ErrorStats[] {
  const byKind = new Map<string, { predicted: number; measured: number }[]>();
  const heldOut = heldOutRows(rows);
  for (const r of rows) {
    const held = heldOut.has(r);
    if ((which === 'held-out' && !held) || (which === 'train' && held)) continue;
    if (filtered && isKernelOutlier(r, rows)) continue;
    const k = kernelKind(r);
    const list = byKind.get(k) ?? [];
    list.push({ predicted: predictRow(gpu, params, r).timeMs, measured: r.ms });
    byKind.set(k, list);
  }
  return [...byKind.entries()].map(([k, pairs]) => errorStats(k, pairs));
}
