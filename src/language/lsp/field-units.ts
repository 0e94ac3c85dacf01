/**
 * Which units a quantity may carry, for unit completion and the "replace
 * unknown unit" quick fix. The language owns the rules (src/language/fields.ts
 * says which dimensions each field takes, src/language/units.ts which units
 * each dimension has); this only orders them for the editor.
 */
import type { Quantity } from '../generated/ast.js';
import { fieldRule } from '../fields.js';
import { unitsOf } from '../units.js';

/** Offered first, in this order: the spellings datasheets and the library use. */
const PREFERRED = ['TFLOPS', 'PFLOPS', 'GB', 'TB', 'TB/s', 'GB/s', 'Gbps', 'ms', 'us', 's', 'tokens', 'req/s', '%'];

/** Units valid for the field a quantity fills (empty when the field takes a plain number). */
export function unitsForQuantity(quantity: Quantity): string[] {
  const rule = fieldRule(quantity);
  if (!rule) return [];
  const units = [...new Set(rule.dimensions.flatMap((d) => unitsOf(d)))];
  const rank = (u: string) => (PREFERRED.includes(u) ? PREFERRED.indexOf(u) : PREFERRED.length);
  return units.map((u, i) => ({ u, i })).sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i).map((x) => x.u);
}

/** A one-word description of the field's dimension, for completion details. */
export function dimensionLabel(quantity: Quantity): string {
  return fieldRule(quantity)?.dimensions.filter((d) => d !== 'count').join(' or ') || 'number';
}

/** Levenshtein distance, case-insensitive (a unit typo is usually one letter or its case). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const row = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (s[i - 1] === t[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[t.length];
}

/** Candidate units ordered nearest first (exact case-insensitive matches first). */
export function nearestUnits(unit: string, candidates: readonly string[]): string[] {
  return [...candidates].sort((a, b) => editDistance(unit, a) - editDistance(unit, b) || a.localeCompare(b));
}
