/** Short human formats for the figures the editor shows inline (hints, hovers, messages). */

/** 671e9 -> "671B", 37.5e9 -> "37.5B", 1.2e6 -> "1.2M". */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  const scaled = (d: number, suffix: string) => `${trimNumber(n / d)}${suffix}`;
  if (abs >= 1e12) return scaled(1e12, 'T');
  if (abs >= 1e9) return scaled(1e9, 'B');
  if (abs >= 1e6) return scaled(1e6, 'M');
  if (abs >= 1e3) return scaled(1e3, 'K');
  return trimNumber(n);
}

/** Decimal bytes, as datasheets quote HBM: 80e9 -> "80 GB", 70272 -> "70.3 KB". */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1e12) return `${trimNumber(bytes / 1e12)} TB`;
  if (abs >= 1e9) return `${trimNumber(bytes / 1e9)} GB`;
  if (abs >= 1e6) return `${trimNumber(bytes / 1e6)} MB`;
  if (abs >= 1e3) return `${trimNumber(bytes / 1e3)} KB`;
  return `${trimNumber(bytes)} B`;
}

/** FLOP/s: 989e12 -> "989 TFLOPS", 15.8e15 -> "15.8 PFLOPS". */
export function formatFlops(flopsPerSecond: number): string {
  const abs = Math.abs(flopsPerSecond);
  if (abs >= 1e18) return `${trimNumber(flopsPerSecond / 1e18)} EFLOPS`;
  if (abs >= 1e15) return `${trimNumber(flopsPerSecond / 1e15)} PFLOPS`;
  if (abs >= 1e12) return `${trimNumber(flopsPerSecond / 1e12)} TFLOPS`;
  return `${trimNumber(flopsPerSecond / 1e9)} GFLOPS`;
}

export function formatBandwidth(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Milliseconds with 3 significant figures: "212 ms", "38.4 ms", "0.912 ms". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞ ms';
  return `${trimNumber(Number(ms.toPrecision(3)))} ms`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1000) return Math.round(perSecond).toLocaleString('en-US');
  return trimNumber(Number(perSecond.toPrecision(3)));
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** At most 3 significant figures, no trailing zeros. */
function trimNumber(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(n.toFixed(digits)));
}

/**
 * A duration in `significant` figures with its unit glued on, for labels that
 * must stay short (inlay hints): 212 -> "212ms", 2046 -> "2.05s", 0.912 -> "912µs".
 * Rounding happens before the unit is chosen, so 999.7 ms reads "1s", not "1e+3ms".
 */
export function formatDurationCompact(ms: number, significant = 3): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms <= 0) return '0ms';
  const round = (n: number) => Number(n.toPrecision(significant));
  const us = round(ms * 1000);
  if (us < 1000) return `${us}µs`;
  const milli = round(ms);
  if (milli < 1000) return `${milli}ms`;
  const seconds = round(ms / 1000);
  if (seconds < 1000) return `${seconds}s`;
  // Only an overloaded deployment queues this long; hours keep it to a few characters.
  return `${round(ms / 3_600_000)}h`;
}

/** A rate in `significant` figures, at most 4 characters up to 10M: 87.2, 1450, 12.3K -> "12K" (2), 1.2M. */
export function formatRateCompact(perSecond: number, significant = 3): string {
  if (!Number.isFinite(perSecond)) return '∞';
  const round = (n: number) => Number(n.toPrecision(significant));
  const value = round(perSecond);
  if (Math.abs(value) < 10_000) return String(value);
  const thousands = round(perSecond / 1e3);
  if (Math.abs(thousands) < 1000) return `${thousands}K`;
  return `${round(perSecond / 1e6)}M`;
}
