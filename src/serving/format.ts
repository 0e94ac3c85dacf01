/** Number formatting for one-line messages: three significant digits, no exponent for everyday sizes. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'unbounded' : String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}

export function fmtGb(bytes: number): string {
  return `${fmt(bytes / 1e9)} GB`;
}

/** JSON has no Infinity/NaN: non-finite figures become 0 (the report says why in violations/notes). */
export function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
