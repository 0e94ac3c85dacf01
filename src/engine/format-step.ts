/**
 * Plain-text rendering of a step breakdown (the CLI's `servescope step`): per
 * layer kind, the top operators with FLOPs, bytes, bound and provenance, and a
 * separate memory verdict. Pure string formatting, no I/O.
 */
import type { MemoryUse, OperatorCost, StepBreakdown } from './types.js';

export function formatCount(x: number, unit: string): string {
  const abs = Math.abs(x);
  const [div, p] = abs >= 1e15 ? [1e15, 'P'] : abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  return `${(x / div).toFixed(x / div >= 100 ? 0 : x / div >= 10 ? 1 : 2)} ${p}${unit}`;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(3) : ms.toFixed(4);
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
  lines.push(`step time ${formatMs(b.timeMs)} ms   per GPU: ${formatCount(b.flops, 'FLOP')}, ${formatCount(b.bytes, 'B')} of HBM traffic`);
  lines.push('');
  lines.push(`${pad('layer kind', 26)}${pad('count', 7, true)}${pad('ms/layer', 11, true)}${pad('ms total', 11, true)}${pad('share', 8, true)}`);
  for (const l of b.layers) {
    const total = l.count * l.timeMs;
    lines.push(`${pad(l.kind, 26)}${pad(String(l.count), 7, true)}${pad(formatMs(l.timeMs), 11, true)}${pad(formatMs(total), 11, true)}${pad(((100 * total) / b.timeMs).toFixed(1) + '%', 8, true)}`);
  }
  lines.push('');
  lines.push(`top operators (of ${b.layers.reduce((s, l) => s + l.ops.length, 0)}):`);
  lines.push(`${pad('operator', 24)}${pad('layer kind', 22)}${pad('ms each', 10, true)}${pad('ms total', 10, true)}${pad('share', 7, true)}${pad('FLOPs', 12, true)}${pad('bytes', 11, true)}  ${pad('bound', 8)}${pad('provenance', 13)}note`);
  for (const r of topOperators(b, topN)) {
    const o = r.op;
    lines.push(`${pad(o.name, 24)}${pad(r.kind, 22)}${pad(formatMs(o.timeMs), 10, true)}${pad(formatMs(r.totalMs), 10, true)}${pad(((100 * r.totalMs) / b.timeMs).toFixed(1) + '%', 7, true)}${pad(o.flops ? formatCount(o.flops, 'F') : '-', 12, true)}${pad(formatCount(o.messageBytes ?? o.bytes, 'B'), 11, true)}  ${pad(o.bound, 8)}${pad(o.provenance, 13)}${o.note ?? ''}`);
  }
  const extrapolated = b.layers.reduce((s, l) => s + l.ops.filter((o) => o.provenance === 'extrapolated').length, 0);
  if (extrapolated > 0) lines.push(`note: ${extrapolated} operator(s) lie outside the fitted data's shape range (provenance 'extrapolated')`);
  return lines;
}

export function formatMemoryVerdict(m: MemoryUse): string {
  const used = m.weightsBytes + m.kvCacheBytes + m.activationBytes;
  const gb = (x: number) => `${(x / 1e9).toFixed(1)} GB`;
  return `memory: ${m.fits ? 'FITS' : 'DOES NOT FIT'} - weights ${gb(m.weightsBytes)} + KV cache ${gb(m.kvCacheBytes)} + activations/workspace ${gb(m.activationBytes)} = ${gb(used)} of ${gb(m.capacityBytes)} usable per GPU (${m.fits ? `${gb(m.freeBytes)} free` : `${gb(-m.freeBytes)} short`})`;
}
