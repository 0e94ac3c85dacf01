import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/language/edit-distance.js';
import { closest } from '../../src/language/linker.js';
import { nearestUnits } from '../../src/language/lsp/field-units.js';

describe('editDistance', () => {
  it('is Levenshtein: insertions, deletions and substitutions cost one each', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('llama3_70b', 'llama3_8b')).toBe(2);
    expect(editDistance('GX', 'GB')).toBe(1);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['kitten', 'sitting'], ['ab', 'ba'], ['fleet', 'flet'], ['', 'x']]) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, b, { transpositions: true })).toBe(editDistance(b, a, { transpositions: true }));
    }
  });

  it('is case-sensitive: callers that ignore case lower-case first', () => {
    expect(editDistance('GB', 'gb')).toBe(2);
    expect(editDistance('GB'.toLowerCase(), 'gb')).toBe(0);
  });

  it('counts an adjacent swap as one edit only with transpositions (optimal string alignment)', () => {
    expect(editDistance('70', '07')).toBe(2);
    expect(editDistance('70', '07', { transpositions: true })).toBe(1);
    expect(editDistance('llama3_07b', 'llama3_70b', { transpositions: true })).toBe(1);
    expect(editDistance('abcd', 'acbd', { transpositions: true })).toBe(1);
    // Restricted: a swapped pair is not edited again ("ca" -> "abc" is 3, not Damerau's 2).
    expect(editDistance('ca', 'abc', { transpositions: true })).toBe(3);
    // Without a swap, the same as Levenshtein.
    expect(editDistance('kitten', 'sitting', { transpositions: true })).toBe(3);
  });
});

describe('its callers keep their own rules', () => {
  it('names: case-insensitive, swaps count once, at most max(2, length/3) edits, nothing 5+ characters longer', () => {
    expect(closest('llama3_07b', ['llama3_70b', 'llama3_8b'])).toBe('llama3_70b');
    expect(closest('LLAMA3_8B', ['llama3_70b', 'llama3_8b'])).toBe('llama3_8b');
    expect(closest('h100_smx', ['H200_SXM', 'H100_SXM'])).toBe('H100_SXM');
    expect(closest('qwen', ['deepseek_v3'])).toBeUndefined();
    expect(closest('ab', ['abcdefg'])).toBeUndefined();
  });

  it('units: case-insensitive Levenshtein, ties alphabetical', () => {
    expect(nearestUnits('gb', ['TB', 'MB', 'GB'])).toEqual(['GB', 'MB', 'TB']);
    expect(nearestUnits('mz', ['us', 's', 'ms'])).toEqual(['ms', 's', 'us']);
  });
});
