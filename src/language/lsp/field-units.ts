/**
 * Which units a quantity may carry, for unit completion and the "replace
 * unknown unit" quick fix. The language owns the rules (src/language/fields.ts
 * says which dimensions each field takes, src/language/units.ts which units
 * each dimension has); this only orders them for the editor.
 */
import type { Quantity } from '../generated/ast.js';
import { fieldRule } from '../fields.js';
import { unitsOf } from '../units.js';
import { editDistance } from '../edit-distance.js';

/** Offered first, in this order: the spellings datasheets and the library use. */
const PREFERRED = ['TFLOPS', 'PFLOPS', 'GB', 'TB', 'TB/s', 'GB/s', 'Gbps', 'ms', 'us', 's', 'tokens', 'req/s', '%'];

/** Units valid for the field a quantity fills (empty when the field takes a plain number). */
export function unitsForQuantity(quantity: Quantity): string[] {
  const rule = fieldRule(quantity);
  if (!rule) return [];
  return orderUnits([...new Set(rule.dimensions.flatMap((d) => unitsOf(d)))]);
}

/** The usual spellings first (GB before B, ms before ns), otherwise as given. */
export function orderUnits(units: readonly string[]): string[] {
  const rank = (u: string) => (PREFERRED.includes(u) ? PREFERRED.indexOf(u) : PREFERRED.length);
  return units.map((u, i) => ({ u, i })).sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i).map((x) => x.u);
}

/** A one-word description of the field's dimension, for completion details. */
export function dimensionLabel(quantity: Quantity): string {
  return fieldRule(quantity)?.dimensions.filter((d) => d !== 'count').join(' or ') || 'number';
}

/** Candidate units ordered nearest first (exact case-insensitive matches first). */
export function nearestUnits(unit: string, candidates: readonly string[]): string[] {
  // Case-insensitive: a unit typo is usually one letter or its case (gb for GB).
  const distance = (candidate: string) => editDistance(unit.toLowerCase(), candidate.toLowerCase());
  return [...candidates].sort((a, b) => distance(a) - distance(b) || a.localeCompare(b));
}
