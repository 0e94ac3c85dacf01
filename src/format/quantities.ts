/**
 * Text formatting of the quantities servescope prints: plain numbers, counts,
 * bytes, FLOP/s, durations, rates and shares. One module for the engine, the
 * serving layer, the language server, the CLI, the extension and the webview
 * bundle, so it is PURE: no vscode, no langium, no DOM, no Node APIs.
 *
 * Variants of one concept are kept where their callers deliberately differ
 * (compact inlay-hint labels vs table columns vs messages); each says where it
 * is used and why it differs. Units are decimal (1 kB = 1000 B), as datasheets
 * quote HBM capacity and bandwidth.
 *
 * Non-finite values: unless a function says otherwise, +Infinity prints '∞',
 * -Infinity '-∞' and NaN 'NaN', followed by the function's base unit where it
 * has one ('∞ ms', 'NaN B'). Callers that want a placeholder instead ('-' in
 * the CLI table, 'unbounded' in serving messages) check before calling.
 */

/** '∞', '-∞' or 'NaN' for a non-finite number. */
export function formatNonFinite(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
}

/** `x` rounded to `significant` significant figures, as a number (so trailing zeros drop when printed). */
export function roundSignificant(x: number, significant: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(significant)) : x;
}

// ---------------------------------------------------------------- plain numbers

/** Fixed decimals, no grouping: 1234.56 -> "1234.6" (1). For short status lines where grouping is not wanted. */
export function formatFixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : formatNonFinite(x);
}

// One formatter per decimal count: toLocaleString with options builds a new Intl.NumberFormat on every call.
const groupedFormats = new Map<number, Intl.NumberFormat>();

/** Fixed decimals with en-US thousands separators: 1234.56 -> "1,234.6" (1); 1234567 -> "1,234,567". */
export function formatGrouped(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  let format = groupedFormats.get(digits);
  if (!format) groupedFormats.set(digits, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format.format(x);
}

/**
 * Three significant figures for everyday sizes, whole and grouped from 1000 up
 * (more digits than three there, but no exponent and no unit change):
 * 0.04567 -> "0.0457", 38.42 -> "38.4", 999.4 -> "999", 999.5 -> "1,000", 1234.5 -> "1,235".
 * The figure of messages and hovers. Exponent form only outside 1e-6..1e21
 * (String(number)), sizes servescope never prints.
 */
export function formatSignificant(x: number): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  // Rounded first, so that 999.5 (which rounds to 1000) is grouped like every other figure from 1000 up.
  const rounded = roundSignificant(x, 3);
  if (Math.abs(rounded) >= 1000) return formatGrouped(x);
  return String(rounded);
}

/**
 * Decimal places chosen by magnitude and kept even when zero, so that numbers
 * in a table column keep their width: `digits` = [places for |x| >= 100,
 * for |x| >= 1, below 1]. formatFixedByMagnitude(5, [0, 1, 3]) -> "5.0".
 */
export function formatFixedByMagnitude(x: number, digits: readonly [number, number, number]): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  const a = Math.abs(x);
  return x.toFixed(a >= 100 ? digits[0] : a >= 1 ? digits[1] : digits[2]);
}

// ---------------------------------------------------------------- scaled (SI-prefixed) numbers

interface Scale { readonly factor: number; readonly symbol: string }

/**
 * The largest scale at which `x`, once rounded, is at least 1, else the
 * smallest scale. Rounding first means 999.96e9 bytes at 4 figures reads
 * "1 TB", never "1000 GB".
 */
function pickScale(x: number, scales: readonly Scale[], round: (v: number) => number): { value: number; symbol: string } {
  for (const s of scales) {
    const value = round(x / s.factor);
    if (Math.abs(value) >= 1) return { value, symbol: s.symbol };
  }
  const last = scales[scales.length - 1]!;
  return { value: round(x / last.factor), symbol: last.symbol };
}

/** Three significant figures below 1000, whole numbers above (the top unit can exceed 1000). */
function threeFigures(v: number): number {
  return Math.abs(v) >= 1000 ? Math.round(v) : roundSignificant(v, 3);
}

const COUNT_SCALES: readonly Scale[] = [
  { factor: 1e12, symbol: 'T' }, { factor: 1e9, symbol: 'B' }, { factor: 1e6, symbol: 'M' }, { factor: 1e3, symbol: 'K' }, { factor: 1, symbol: '' },
];

/**
 * A large count with a suffix glued on, as model cards name parameter counts
 * (B = billion, not giga): 671e9 -> "671B", 37.5e9 -> "37.5B", 1.2e6 -> "1.2M", 950 -> "950".
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return formatNonFinite(n);
  const { value, symbol } = pickScale(n, COUNT_SCALES, threeFigures);
  return `${value}${symbol}`;
}

/*
 * Bytes come in two variants, both pinned by tests and both in use:
 * - formatBytes: three figures and "KB", the editor's hints and hovers, where
 *   it reads next to the scenario language's own unit keywords (80 GB, 164 KB).
 * - formatBytesPrecise: four figures and the SI "kB", the serving layer's
 *   violation messages, where "100.4 kB > 100 kB" must show the excess that
 *   three figures would round away.
 */
const BYTE_SCALES: readonly Scale[] = [
  { factor: 1e12, symbol: 'TB' }, { factor: 1e9, symbol: 'GB' }, { factor: 1e6, symbol: 'MB' }, { factor: 1e3, symbol: 'KB' }, { factor: 1, symbol: 'B' },
];
const BYTE_SCALES_SI: readonly Scale[] = BYTE_SCALES.map((s) => (s.symbol === 'KB' ? { ...s, symbol: 'kB' } : s));

/** Decimal bytes, three figures: 80e9 -> "80 GB", 70272 -> "70.3 KB", 512 -> "512 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${formatNonFinite(bytes)} B`;
  const { value, symbol } = pickScale(bytes, BYTE_SCALES, threeFigures);
  return `${value} ${symbol}`;
}

/** Decimal bytes, four significant figures, SI kB: 152.34e9 -> "152.3 GB", 100_400 -> "100.4 kB". */
export function formatBytesPrecise(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${formatNonFinite(bytes)} B`;
  const { value, symbol } = pickScale(bytes, BYTE_SCALES_SI, (v) => roundSignificant(v, 4));
  return `${value} ${symbol}`;
}

/**
 * Gigabytes with fixed decimals, whatever the size: 90e9 -> "90.0 GB" (1).
 * Memory verdicts (engine `step`, editor diagnostics, validation) compare
 * figures of one GPU's memory, so one unit keeps them comparable at a glance.
 */
export function formatGigabytes(bytes: number, digits = 1): string {
  return `${formatFixed(bytes / 1e9, digits)} GB`;
}

/** Bandwidth as decimal bytes per second: 3.35e12 -> "3.35 TB/s". */
export function formatBandwidth(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

const FLOPS_SCALES: readonly Scale[] = [
  { factor: 1e18, symbol: 'EFLOPS' }, { factor: 1e15, symbol: 'PFLOPS' }, { factor: 1e12, symbol: 'TFLOPS' }, { factor: 1e9, symbol: 'GFLOPS' },
];

/** Compute throughput, GFLOPS at the least (datasheets quote no less): 989e12 -> "989 TFLOPS", 15.8e15 -> "15.8 PFLOPS". */
export function formatFlops(flopsPerSecond: number): string {
  if (!Number.isFinite(flopsPerSecond)) return `${formatNonFinite(flopsPerSecond)} FLOPS`;
  const { value, symbol } = pickScale(flopsPerSecond, FLOPS_SCALES, threeFigures);
  return `${value} ${symbol}`;
}

const SI_SCALES: readonly Scale[] = [
  { factor: 1e15, symbol: 'P' }, { factor: 1e12, symbol: 'T' }, { factor: 1e9, symbol: 'G' }, { factor: 1e6, symbol: 'M' }, { factor: 1e3, symbol: 'k' }, { factor: 1, symbol: '' },
];

/**
 * An SI-prefixed figure for table columns (the CLI `step` table, the panel's
 * operator table): three figures with trailing zeros KEPT, so a column of
 * figures reads evenly: 3.2e12 -> "3.20 T", with unit 'B' 17.2e9 -> "17.2 GB",
 * 999 -> "999". Differs from formatBytes/formatFlops (trailing zeros dropped)
 * on purpose; that variant is for prose. Zero prints "0" ("0 B"), not "0.00":
 * a communication operator's FLOPs are exactly none, not a rounded figure.
 */
export function formatSiFixed(x: number, unit = ''): string {
  if (!Number.isFinite(x)) return `${formatNonFinite(x)}${unit ? ` ${unit}` : ''}`;
  if (x === 0) return unit ? `0 ${unit}` : '0';
  const places = (v: number) => { const a = Math.abs(v); return a >= 100 ? 0 : a >= 10 ? 1 : 2; };
  // Picked on three significant figures (0.999 k stays "999"); the places then follow the rounded value.
  const { value, symbol } = pickScale(x, SI_SCALES, threeFigures);
  const suffix = `${symbol}${unit}`;
  return suffix ? `${value.toFixed(places(value))} ${suffix}` : value.toFixed(places(value));
}

// ---------------------------------------------------------------- durations

/** Milliseconds in three significant figures, grouped from 1000: "212 ms", "38.4 ms", "0.912 ms", "2,046 ms". */
export function formatMs(ms: number): string {
  return `${formatSignificant(ms)} ms`;
}

/**
 * Milliseconds for table cells (the results panel): decimals by magnitude
 * (0 from 100 ms, 1 from 1 ms, 3 below), no grouping, so a column lines up;
 * an unknown or unbounded time shows as an en dash, as the panel's other
 * unknown cells do: 1234.4 -> "1234 ms", 34.07 -> "34.1 ms", 0.0123 -> "0.012 ms".
 */
export function formatMsFixed(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${formatFixedByMagnitude(ms, [0, 1, 3])} ms`;
}

/**
 * A duration in `significant` figures with its unit glued on, for labels that
 * must stay short (inlay hints): 212 -> "212ms", 2046 -> "2.05s", 0.912 -> "912µs".
 * Rounding happens before the unit is chosen, so 999.7 ms reads "1s", not "1e+3ms".
 * Zero and negative durations read "0ms"; a non-finite one "∞" (no unit: it
 * stands for "never", e.g. a queue at capacity).
 */
export function formatDurationCompact(ms: number, significant = 3): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms <= 0) return '0ms';
  const round = (n: number) => roundSignificant(n, significant);
  const us = round(ms * 1000);
  if (us < 1000) return `${us}µs`;
  const milli = round(ms);
  if (milli < 1000) return `${milli}ms`;
  const seconds = round(ms / 1000);
  if (seconds < 1000) return `${seconds}s`;
  // Only an overloaded deployment queues this long; hours keep it to a few characters.
  return `${round(ms / 3_600_000)}h`;
}

// ---------------------------------------------------------------- rates and shares

/** A per-second rate (tokens/s, requests/s) without its unit, as formatSignificant: 87.24 -> "87.2", 1450 -> "1,450". */
export function formatRate(perSecond: number): string {
  return formatSignificant(perSecond);
}

/**
 * A rate in `significant` figures, at most 4 characters up to 10M, no grouping
 * (inlay hints): 87.2, 1450, 12_340 -> "12.3K" ("12K" at 2), 1.2e6 -> "1.2M". Non-finite: "∞".
 */
export function formatRateCompact(perSecond: number, significant = 3): string {
  if (!Number.isFinite(perSecond)) return '∞';
  const round = (n: number) => roundSignificant(n, significant);
  const value = round(perSecond);
  if (Math.abs(value) < 10_000) return String(value);
  const thousands = round(perSecond / 1e3);
  if (Math.abs(thousands) < 1000) return `${thousands}K`;
  return `${round(perSecond / 1e6)}M`;
}

/** A fraction as a percentage, `digits` decimals, no space: 0.423 -> "42%", (0.9834, 1) -> "98.3%". */
export function formatPercent(fraction: number, digits = 0): string {
  return `${formatFixed(fraction * 100, digits)}%`;
}
