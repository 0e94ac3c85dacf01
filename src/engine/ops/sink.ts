/**
 * Where operator costs go. The tree sink keeps every operator (evaluateStep);
 * the time sink only sums times (stepTimeMs, the explore hot path), so both
 * paths run the same formulas and agree exactly.
 */
import type { Bound, OpCategory, OperatorCost, Provenance } from '../types.js';
import type { KernelTime } from '../efficiency/kernel-time.js';

export interface OpSink {
  op(name: string, category: OpCategory, flops: number, bytes: number, t: KernelTime, messageBytes?: number, note?: () => string): void;
}

export class TimeSink implements OpSink {
  timeMs = 0;
  op(_n: string, _c: OpCategory, _f: number, _b: number, t: KernelTime): void {
    this.timeMs += t.timeMs;
  }
}

export class TreeSink implements OpSink {
  ops: OperatorCost[] = [];
  op(name: string, category: OpCategory, flops: number, bytes: number, t: KernelTime, messageBytes?: number, note?: () => string): void {
    const o: OperatorCost = { name, category, flops, bytes, timeMs: t.timeMs, bound: t.bound, provenance: t.provenance };
    if (messageBytes !== undefined) o.messageBytes = messageBytes;
    if (t.efficiency > 0 && Number.isFinite(t.efficiency)) o.efficiency = t.efficiency;
    if (note) o.note = note();
    this.ops.push(o);
  }
}

/** A communication time as a KernelTime (network-bound unless tiny). */
export function commTime(timeMs: number, provenance: Provenance = 'fitted'): KernelTime {
  const bound: Bound = 'network';
  return { timeMs, bound, efficiency: 0, provenance };
}
