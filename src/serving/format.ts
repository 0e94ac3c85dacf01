import { formatBytesPrecise, formatSignificant } from '../format/quantities.js';

/**
 * The figure of serving messages (violations, notes, explore summaries):
 * three significant figures, grouped from 1000 (src/format/quantities.ts).
 * An infinite figure here is a limit that does not bind (a queue that never
 * forms, a batch no memory caps), so it reads 'unbounded' rather than '∞'.
 */
export function fmt(x: number): string {
  return x === Infinity ? 'unbounded' : formatSignificant(x);
}

/**
 * Bytes in messages: four significant figures and SI kB ("152.3 GB", "100.4 kB"),
 * so that a violation such as "100.4 kB > 100 kB" shows the excess.
 */
export const fmtBytes = formatBytesPrecise;

/** JSON has no Infinity/NaN: non-finite figures become 0 (the report says why in violations/notes). */
export function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
