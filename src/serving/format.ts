/** Number formatting for one-line messages: three significant digits, no exponent for everyday sizes. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'unbounded' : String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}

/** Bytes in decimal units with four significant digits: "152.3 GB", "40.4 kB". */
export function fmtBytes(bytes: number): string {
  const units: [number, string][] = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  for (const [scale, unit] of units) {
    if (Math.abs(bytes) >= scale) return `${Number((bytes / scale).toPrecision(4))} ${unit}`;
  }
  return `${Number(bytes.toPrecision(4))} B`;
}

/** JSON has no Infinity/NaN: non-finite figures become 0 (the report says why in violations/notes). */
export function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
