/**
 * Units of the scenario language and their conversion to the engine's SI
 * units (bytes, bytes/s, FLOP/s, seconds). Decimal prefixes are decimal
 * (1 GB = 1e9 bytes, as datasheets use them); binary ones are explicit (GiB).
 * Every number in a document carries a unit; the validator checks that its
 * dimension is the one the field expects.
 */

export type Dimension =
  | 'flops'       // FLOP/s
  | 'bytes'
  | 'bandwidth'   // bytes/s
  | 'time'        // seconds
  | 'tokens'
  | 'rate'        // requests per second
  | 'fraction'    // 0..1
  | 'count';      // plain numbers, GPUs, layers, heads

export interface UnitInfo {
  dimension: Dimension;
  /** Multiply the written number by this to get the SI value. */
  factor: number;
}

const table: Record<string, UnitInfo> = {};
function define(dimension: Dimension, factor: number, ...names: string[]): void {
  for (const n of names) table[n] = { dimension, factor };
}

define('flops', 1e9, 'GFLOPS', 'GFLOP/s');
define('flops', 1e12, 'TFLOPS', 'TFLOP/s', 'TOPS');
define('flops', 1e15, 'PFLOPS', 'PFLOP/s', 'POPS');
define('bytes', 1, 'B', 'bytes');
define('bytes', 1e3, 'KB');
define('bytes', 1e6, 'MB');
define('bytes', 1e9, 'GB');
define('bytes', 1e12, 'TB');
define('bytes', 2 ** 10, 'KiB');
define('bytes', 2 ** 20, 'MiB');
define('bytes', 2 ** 30, 'GiB');
define('bytes', 2 ** 40, 'TiB');
define('bandwidth', 1e6, 'MB/s');
define('bandwidth', 1e9, 'GB/s');
define('bandwidth', 1e12, 'TB/s');
// Network line rates are quoted in bits (400 Gb/s NDR InfiniBand = 50 GB/s).
define('bandwidth', 1e9 / 8, 'Gb/s', 'Gbps');
define('bandwidth', 1e12 / 8, 'Tb/s', 'Tbps');
define('time', 1e-9, 'ns');
define('time', 1e-6, 'us');
define('time', 1e-3, 'ms');
define('time', 1, 's');
define('time', 60, 'min');
define('tokens', 1, 'tokens', 'token', 'tok');
define('rate', 1, 'req/s', 'rps');
define('rate', 1 / 60, 'req/min');
define('fraction', 0.01, '%');

export const UNITS: Readonly<Record<string, UnitInfo>> = table;

export function unitInfo(unit: string | undefined): UnitInfo | undefined {
  if (unit === undefined) return { dimension: 'count', factor: 1 };
  return table[unit];
}

/** Units of a dimension, for messages and completion. */
export function unitsOf(dimension: Dimension): string[] {
  return Object.keys(table).filter((u) => table[u].dimension === dimension);
}

/** The unit a user most likely meant, by case-insensitive match (`gb/s` -> `GB/s`). */
export function suggestUnit(unit: string, dimension?: Dimension): string | undefined {
  const lower = unit.toLowerCase();
  const candidates = Object.keys(table).filter((u) => dimension === undefined || table[u].dimension === dimension);
  return candidates.find((u) => u === unit) ?? candidates.find((u) => u.toLowerCase() === lower);
}

export const DIMENSION_LABEL: Readonly<Record<Dimension, string>> = {
  flops: 'a compute rate (TFLOPS)',
  bytes: 'a size (GB)',
  bandwidth: 'a bandwidth (GB/s, TB/s)',
  time: 'a time (us, ms, s)',
  tokens: 'a token count (tokens)',
  rate: 'a request rate (req/s)',
  fraction: 'a percentage (%)',
  count: 'a plain number',
};
