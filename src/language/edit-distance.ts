/**
 * Edit distance between two strings, for "did you mean" suggestions: the
 * linker's unknown-name message (src/language/linker.ts), the unit quick fix
 * and completion order (src/language/lsp/field-units.ts) and the unresolved
 * import quick fix (src/language/lsp/code-action-provider.ts).
 *
 * Levenshtein distance (insertions, deletions, substitutions, each costing 1);
 * with `transpositions`, also a swap of two adjacent characters costs 1 (the
 * optimal string alignment distance, a restricted Damerau–Levenshtein: no
 * substring is edited twice), so `07` is one edit from `70`. Case-sensitive:
 * callers that ignore case lower-case both strings themselves.
 */
export interface EditDistanceOptions {
  /** Count an adjacent transposition as one edit (optimal string alignment). */
  transpositions?: boolean;
}

export function editDistance(a: string, b: string, options: EditDistanceOptions = {}): number {
  // d[i][j]: distance between the first i characters of a and the first j of b.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (options.transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
