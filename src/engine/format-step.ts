/**
 * Plain-text rendering of a step breakdown (the CLI's `servescope step`): per
 * layer kind, the top operators with FLOPs, bytes, bound and provenance, and a
 * separate memory verdict. Pure string formatting, no I/O.
 */
// src/format is pure (no I/O, no vscode/langium), so the engine stays pure importing it.
import { formatFixedByMagnitude, formatGigabytes, formatPercent, formatSiFixed } from '../format/quantities.js';
import type { MemoryUse, OperatorCost, StepBreakdown } from './types.js';

/**
 * Milliseconds for the step table's columns, without the unit (the header
 * has it). Finer than the panel's formatMsFixed on purpose: this table is for
 * reading single operators, whose times run down to microseconds (0.0229 ms).
 */
function msColumn(ms: number): string {
  return formatFixedByMagnitude(ms, [1, 3, 4]);
}

/** A share of the step time with one decimal: "98.3%". */
function shareOfStep(ms: number, stepMs: number): string {
  return formatPercent(ms / stepMs, 1);
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

export interface RankedOperator { kind: string; count: number; op: OperatorCost; totalMs: number }

/** Operators ranked by their total time over the step (count x time). */
export function topOperators(b: StepBreakdown, limit: number): RankedOperator[] {
  const all: RankedOperator[] = [];
  for (const l of b.layers) for (const op of l.ops) all.push({ kind: l.kind, count: l.count, op, totalMs: l.count * op.timeMs });
  return all.sort((a, c) => c.totalMs - a.totalMs).slice(0, limit);
}

export function formatBreakdown(b: StepBreakdown, topN = 12): string[] {
  const lines: string[] = [];
  lines.push(`step time ${msColumn(b.timeMs)} ms   per GPU: ${formatSiFixed(b.flops, 'FLOP')}, ${formatSiFixed(b.bytes, 'B')} of HBM traffic`);
  lines.push('');
  lines.push(`${pad('layer kind', 26)}${pad('count', 7, true)}${pad('ms/layer', 11, true)}${pad('ms total', 11, true)}${pad('share', 8, true)}`);
  for (const l of b.layers) {
    const total = l.count * l.timeMs;
    lines.push(`${pad(l.kind, 26)}${pad(String(l.count), 7, true)}${pad(msColumn(l.timeMs), 11, true)}${pad(msColumn(total), 11, true)}${pad(shareOfStep(total, b.timeMs), 8, true)}`);
  }
  lines.push('');
  lines.push(`top operators (of ${b.layers.reduce((s, l) => s + l.ops.length, 0)}):`);
  lines.push(`${pad('operator', 24)}${pad('layer kind', 22)}${pad('ms each', 10, true)}${pad('ms total', 10, true)}${pad('share', 7, true)}${pad('FLOPs', 12, true)}${pad('bytes', 11, true)}  ${pad('bound', 8)}${pad('provenance', 13)}note`);
  for (const r of topOperators(b, topN)) {
    const o = r.op;
    lines.push(`${pad(o.name, 24)}${pad(r.kind, 22)}${pad(msColumn(o.timeMs), 10, true)}${pad(msColumn(r.totalMs), 10, true)}${pad(shareOfStep(r.totalMs, b.timeMs), 7, true)}${pad(o.flops ? formatSiFixed(o.flops, 'F') : '-', 12, true)}${pad(formatSiFixed(o.messageBytes ?? o.bytes, 'B'), 11, true)}  ${pad(o.bound, 8)}${pad(o.provenance, 13)}${o.note ?? ''}`);
  }
  const extrapolated = b.layers.reduce((s, l) => s + l.ops.filter((o) => o.provenance === 'extrapolated').length, 0);
  if (extrapolated > 0) lines.push(`note: ${extrapolated} operator(s) lie outside the fitted data's shape range (provenance 'extrapolated')`);
  return lines;
}

export function formatMemoryVerdict(m: MemoryUse): string {
  const used = m.weightsBytes + m.kvCacheBytes + m.activationBytes;
  const gb = (bytes: number) => formatGigabytes(bytes, 1);
  return `memory: ${m.fits ? 'FITS' : 'DOES NOT FIT'} - weights ${gb(m.weightsBytes)} + KV cache ${gb(m.kvCacheBytes)} + activations/workspace ${gb(m.activationBytes)} = ${gb(used)} of ${gb(m.capacityBytes)} usable per GPU (${m.fits ? `${gb(m.freeBytes)} free` : `${gb(-m.freeBytes)} short`})`;
}
