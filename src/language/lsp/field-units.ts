/**
 * Which units a quantity may carry, by the field it fills. The editor uses
 * this for unit completion and for the "replace unknown unit" quick fix; the
 * validator (src/language/validation) is the authority on what is accepted.
 * Unit spellings follow the datasheets the library quotes (NVIDIA H100/H200/B200
 * datasheets: "TFLOPS", "TB/s", "GB/s"; HBM capacity in "GB").
 */
import type { AstNode } from 'langium';
import * as ast from '../generated/ast.js';

export type FieldDimension =
  | 'flops' | 'bytes' | 'bandwidth' | 'time' | 'fraction' | 'tokens' | 'count' | 'gpus' | 'rate';

export const UNITS_BY_DIMENSION: Readonly<Record<FieldDimension, readonly string[]>> = {
  flops: ['TFLOPS', 'PFLOPS', 'GFLOPS'],
  bytes: ['GB', 'TB', 'MB', 'KB', 'B', 'GiB', 'TiB', 'MiB', 'KiB'],
  bandwidth: ['TB/s', 'GB/s', 'MB/s', 'Gbps', 'Tbps'],
  time: ['ms', 'us', 'ns', 's'],
  fraction: ['%'],
  tokens: ['tokens', 'K', 'k'],
  count: ['K', 'M', 'k'],
  gpus: ['gpus'],
  rate: ['req/s'],
};

/** The dimension of the quantity a field holds, from the node that owns it and the property name. */
export function fieldDimension(owner: AstNode, property: string): FieldDimension | undefined {
  if (ast.isDtypeRate(owner)) return 'flops';
  if (ast.isMemoryItem(owner)) return property === 'bandwidth' ? 'bandwidth' : 'bytes';
  if (ast.isGpuField(owner)) {
    // A GPU's own scale-up link is a Tier (below); GpuField holds sms and vector.
    return owner.key === 'vector' ? 'flops' : 'count';
  }
  if (ast.isTier(owner)) return 'bandwidth';
  if (ast.isTierOption(owner)) {
    switch (owner.key) {
      case 'latency': return 'time';
      case 'efficiency': return 'fraction';
      case 'domain': return 'gpus';
      default: return undefined;
    }
  }
  if (ast.isNodesItem(owner)) return property === 'perNode' ? 'gpus' : 'count';
  if (ast.isLengthItem(owner)) return 'tokens';
  if (ast.isSloTarget(owner)) return 'time';
  if (ast.isWorkloadField(owner)) return owner.key === 'prefix_reuse' ? 'fraction' : 'rate';
  if (ast.isPoolField(owner)) return owner.key === 'gpus' || owner.key === 'attention' || owner.key === 'ffn' ? 'gpus' : 'count';
  if (ast.isGpuBudget(owner)) return 'gpus';
  if (ast.isModelField(owner) || ast.isExploreField(owner) || ast.isPool(owner)) return 'count';
  return undefined;
}

/** Units valid for the field a quantity fills (empty when the field takes a plain number). */
export function unitsForQuantity(quantity: ast.Quantity): readonly string[] {
  const dimension = fieldDimension(quantity.$container, quantity.$containerProperty ?? '');
  return dimension ? UNITS_BY_DIMENSION[dimension] : [];
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
