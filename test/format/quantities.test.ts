import { describe, expect, test } from 'vitest';
import {
  formatBandwidth, formatBytes, formatBytesPrecise, formatCount, formatDurationCompact, formatFixed,
  formatFixedByMagnitude, formatFlops, formatGigabytes, formatGrouped, formatMs, formatMsFixed, formatNonFinite,
  formatPercent, formatRate, formatRateCompact, formatSiFixed, formatSignificant, roundSignificant,
} from '../../src/format/quantities.js';

describe('plain numbers', () => {
  test('non-finite values print as ∞, -∞, NaN', () => {
    expect([Infinity, -Infinity, NaN].map(formatNonFinite)).toEqual(['∞', '-∞', 'NaN']);
    expect(roundSignificant(Infinity, 3)).toBe(Infinity);
  });

  test('formatFixed: toFixed without grouping', () => {
    expect(formatFixed(1234.56, 1)).toBe('1234.6');
    expect(formatFixed(0, 2)).toBe('0.00');
    expect(formatFixed(-2.5, 0)).toBe('-3');
    expect(formatFixed(Infinity, 1)).toBe('∞');
    expect(formatFixed(NaN, 1)).toBe('NaN');
  });

  test('formatGrouped: en-US thousands separators, fixed decimals', () => {
    expect(formatGrouped(1234567)).toBe('1,234,567');
    expect(formatGrouped(999.5)).toBe('1,000');
    expect(formatGrouped(999.4)).toBe('999');
    expect(formatGrouped(1e6, 1)).toBe('1,000,000.0');
    expect(formatGrouped(0)).toBe('0');
    expect(formatGrouped(-1234.56, 1)).toBe('-1,234.6');
    expect(formatGrouped(-Infinity)).toBe('-∞');
  });

  test('formatSignificant: three figures below 1000, whole and grouped from 1000', () => {
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(0.04567)).toBe('0.0457');
    expect(formatSignificant(38.42)).toBe('38.4');
    expect(formatSignificant(999.4)).toBe('999');
    // 999.5 rounds to 1000 at three figures, and then reads like every figure from 1000 up.
    expect(formatSignificant(999.5)).toBe('1,000');
    expect(formatSignificant(1e3)).toBe('1,000');
    expect(formatSignificant(1234.5)).toBe('1,235');
    expect(formatSignificant(1e6)).toBe('1,000,000');
    expect(formatSignificant(-38.42)).toBe('-38.4');
    // Halves round away from zero on both sides (Math.round would give -1,234).
    expect(formatSignificant(-1234.5)).toBe('-1,235');
    expect(formatSignificant(Infinity)).toBe('∞');
    expect(formatSignificant(NaN)).toBe('NaN');
  });

  test('formatFixedByMagnitude keeps trailing zeros so columns line up', () => {
    expect(formatFixedByMagnitude(5, [0, 1, 3])).toBe('5.0');
    expect(formatFixedByMagnitude(100, [0, 1, 3])).toBe('100');
    expect(formatFixedByMagnitude(99.96, [0, 1, 3])).toBe('100.0');
    expect(formatFixedByMagnitude(0.5, [1, 3, 4])).toBe('0.5000');
    expect(formatFixedByMagnitude(-150, [1, 3, 4])).toBe('-150.0');
    expect(formatFixedByMagnitude(NaN, [1, 3, 4])).toBe('NaN');
  });
});

describe('counts, bytes and FLOP/s', () => {
  test('formatCount: model-card suffixes glued on', () => {
    expect(formatCount(671e9)).toBe('671B');
    expect(formatCount(37.5e9)).toBe('37.5B');
    expect(formatCount(1.2e6)).toBe('1.2M');
    expect(formatCount(1e3)).toBe('1K');
    expect(formatCount(999.5)).toBe('1K');
    expect(formatCount(999.4)).toBe('999');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(-2.5e9)).toBe('-2.5B');
    expect(formatCount(5e15)).toBe('5000T');
    expect(formatCount(Infinity)).toBe('∞');
  });

  test('formatBytes: three figures, KB, unit chosen after rounding', () => {
    expect(formatBytes(80e9)).toBe('80 GB');
    expect(formatBytes(70272)).toBe('70.3 KB');
    expect(formatBytes(163840)).toBe('164 KB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1e3)).toBe('1 KB');
    expect(formatBytes(999.5)).toBe('1 KB');
    expect(formatBytes(999.4e9)).toBe('999 GB');
    expect(formatBytes(999.6e9)).toBe('1 TB');
    expect(formatBytes(1e6)).toBe('1 MB');
    expect(formatBytes(-40.4e3)).toBe('-40.4 KB');
    expect(formatBytes(NaN)).toBe('NaN B');
  });

  test('formatBytesPrecise: four figures, SI kB, for messages that compare close sizes', () => {
    expect(formatBytesPrecise(100_400)).toBe('100.4 kB');
    expect(formatBytesPrecise(100_000)).toBe('100 kB');
    expect(formatBytesPrecise(152.34e9)).toBe('152.3 GB');
    expect(formatBytesPrecise(0)).toBe('0 B');
    expect(formatBytesPrecise(999.96e9)).toBe('1 TB');
    expect(formatBytesPrecise(999.94e9)).toBe('999.9 GB');
    expect(formatBytesPrecise(Infinity)).toBe('∞ B');
  });

  test('formatGigabytes: one unit, fixed decimals', () => {
    expect(formatGigabytes(90e9)).toBe('90.0 GB');
    expect(formatGigabytes(17.25e6)).toBe('0.0 GB');
    expect(formatGigabytes(5.123e9, 2)).toBe('5.12 GB');
    expect(formatGigabytes(-3e9)).toBe('-3.0 GB');
    expect(formatGigabytes(Infinity)).toBe('∞ GB');
  });

  test('formatBandwidth and formatFlops', () => {
    expect(formatBandwidth(3.35e12)).toBe('3.35 TB/s');
    expect(formatBandwidth(900e9)).toBe('900 GB/s');
    expect(formatFlops(989e12)).toBe('989 TFLOPS');
    expect(formatFlops(15.8e15)).toBe('15.8 PFLOPS');
    expect(formatFlops(999.5e12)).toBe('1 PFLOPS');
    // GFLOPS is the floor: smaller figures stay in GFLOPS.
    expect(formatFlops(5e6)).toBe('0.005 GFLOPS');
    expect(formatFlops(0)).toBe('0 GFLOPS');
    expect(formatFlops(Infinity)).toBe('∞ FLOPS');
  });

  test('formatSiFixed: trailing zeros kept for table columns', () => {
    expect(formatSiFixed(3.2e12)).toBe('3.20 T');
    expect(formatSiFixed(999)).toBe('999');
    expect(formatSiFixed(1234567)).toBe('1.23 M');
    expect(formatSiFixed(17.2e9, 'B')).toBe('17.2 GB');
    expect(formatSiFixed(299e9, 'FLOP')).toBe('299 GFLOP');
    expect(formatSiFixed(512, 'B')).toBe('512 B');
    expect(formatSiFixed(99.96e9, 'B')).toBe('100 GB');
    expect(formatSiFixed(999.4e3, 'B')).toBe('999 kB');
    expect(formatSiFixed(1e3, 'B')).toBe('1.00 kB');
    expect(formatSiFixed(999.5, 'B')).toBe('1.00 kB');
    expect(formatSiFixed(1e6)).toBe('1.00 M');
    expect(formatSiFixed(0, 'B')).toBe('0 B');
    expect(formatSiFixed(0)).toBe('0');
    expect(formatSiFixed(-2.5e9, 'F')).toBe('-2.50 GF');
    expect(formatSiFixed(NaN, 'B')).toBe('NaN B');
    expect(formatSiFixed(Infinity)).toBe('∞');
  });
});

describe('durations', () => {
  test('formatMs: three figures with the unit', () => {
    expect(formatMs(212.4)).toBe('212 ms');
    expect(formatMs(38.42)).toBe('38.4 ms');
    expect(formatMs(0.912)).toBe('0.912 ms');
    expect(formatMs(0.002)).toBe('0.002 ms');
    expect(formatMs(999.5)).toBe('1,000 ms');
    expect(formatMs(2046)).toBe('2,046 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(Infinity)).toBe('∞ ms');
    expect(formatMs(NaN)).toBe('NaN ms');
  });

  test('formatMsFixed: table cells, en dash when unknown', () => {
    expect(formatMsFixed(1234.4)).toBe('1234 ms');
    expect(formatMsFixed(34.07)).toBe('34.1 ms');
    expect(formatMsFixed(0.0123)).toBe('0.012 ms');
    expect(formatMsFixed(5)).toBe('5.0 ms');
    expect(formatMsFixed(99.96)).toBe('100.0 ms');
    expect(formatMsFixed(0)).toBe('0.000 ms');
    expect(formatMsFixed(NaN)).toBe('–');
    expect(formatMsFixed(Infinity)).toBe('–');
  });

  test('formatDurationCompact: unit picked after rounding', () => {
    expect(formatDurationCompact(212)).toBe('212ms');
    expect(formatDurationCompact(2046)).toBe('2.05s');
    expect(formatDurationCompact(0.912)).toBe('912µs');
    expect(formatDurationCompact(0.9995)).toBe('1ms');
    expect(formatDurationCompact(999.7)).toBe('1s');
    expect(formatDurationCompact(1e3)).toBe('1s');
    expect(formatDurationCompact(999_400)).toBe('999s');
    expect(formatDurationCompact(3.6e6)).toBe('1h');
    expect(formatDurationCompact(1e6, 2)).toBe('0.28h');
    expect(formatDurationCompact(0)).toBe('0ms');
    expect(formatDurationCompact(-5)).toBe('0ms');
    expect(formatDurationCompact(Infinity)).toBe('∞');
    expect(formatDurationCompact(NaN)).toBe('∞');
  });
});

describe('rates and shares', () => {
  test('formatRate: three figures, grouped from 1000', () => {
    expect(formatRate(87.24)).toBe('87.2');
    expect(formatRate(1450)).toBe('1,450');
    expect(formatRate(23_200.4)).toBe('23,200');
    expect(formatRate(0.1234)).toBe('0.123');
    expect(formatRate(999.5)).toBe('1,000');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(Infinity)).toBe('∞');
  });

  test('formatRateCompact: at most four characters up to 10M', () => {
    expect(formatRateCompact(1450)).toBe('1450');
    expect(formatRateCompact(9999.4)).toBe('10K');
    expect(formatRateCompact(12_340)).toBe('12.3K');
    expect(formatRateCompact(12_340, 2)).toBe('12K');
    expect(formatRateCompact(1e6)).toBe('1M');
    expect(formatRateCompact(999_600)).toBe('1M');
    expect(formatRateCompact(1.2e6)).toBe('1.2M');
    expect(formatRateCompact(0)).toBe('0');
    expect(formatRateCompact(-Infinity)).toBe('∞');
  });

  test('formatPercent: rounded share, optional decimals', () => {
    expect(formatPercent(0.423)).toBe('42%');
    expect(formatPercent(0.125)).toBe('13%');
    expect(formatPercent(0.9834, 1)).toBe('98.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1.5)).toBe('150%');
    expect(formatPercent(-0.25)).toBe('-25%');
    expect(formatPercent(NaN)).toBe('NaN%');
  });
});
