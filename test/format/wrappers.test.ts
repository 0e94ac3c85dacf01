/**
 * The callers' own wrappers around src/format/quantities.ts: what each adds
 * (a placeholder, a word for infinity) on top of the shared formatter.
 */
import { describe, expect, test } from 'vitest';
import { fmt, fmtBytes } from '../../src/serving/format.js';
import { formatBytes, formatMs as formatMsHover, formatRate } from '../../src/language/lsp/format-figures.js';
import { formatMs as formatMsPanel, formatSi } from '../../webview/derive.js';

describe('serving messages', () => {
  test('an infinite limit reads "unbounded"; other figures as formatSignificant', () => {
    expect(fmt(Infinity)).toBe('unbounded');
    expect(fmt(-Infinity)).toBe('-∞');
    expect(fmt(NaN)).toBe('NaN');
    expect(fmt(1234.5)).toBe('1,235');
    expect(fmt(0.04567)).toBe('0.0457');
  });
  test('bytes keep four figures and SI kB', () => {
    expect(fmtBytes(100_400)).toBe('100.4 kB');
    expect(fmtBytes(40_400)).toBe('40.4 kB');
    expect(fmtBytes(0)).toBe('0 B');
  });
});

describe('editor hovers and hints against the panel tables: the two ms variants', () => {
  test('the same times, three figures in hovers, fixed decimals in the panel', () => {
    expect([formatMsHover(1234.4), formatMsPanel(1234.4)]).toEqual(['1,234 ms', '1234 ms']);
    expect([formatMsHover(5), formatMsPanel(5)]).toEqual(['5 ms', '5.0 ms']);
    expect([formatMsHover(0.0123), formatMsPanel(0.0123)]).toEqual(['0.0123 ms', '0.012 ms']);
    expect([formatMsHover(NaN), formatMsPanel(NaN)]).toEqual(['NaN ms', '–']);
  });
  test('documented hint figures (docs/editor.md)', () => {
    expect(formatBytes(1.28e12)).toBe('1.28 TB');
    expect(formatBytes(163_840)).toBe('164 KB');
    expect(formatRate(1650)).toBe('1,650');
  });
  test('panel SI column keeps trailing zeros', () => {
    expect(formatSi(3.2e12)).toBe('3.20 T');
    expect(formatSi(312.5e12)).toBe('313 T');
  });
});
