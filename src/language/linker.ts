/**
 * Unresolved names say where servescope looked and, when a visible name is
 * close, which one was probably meant ("did you mean llama3_70b?").
 */
import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import type { LangiumCoreServices } from 'langium';
import type { ScopeProvider } from 'langium';

export class ServescopeLinker extends DefaultLinker {
  private readonly scopes: ScopeProvider;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.scopes = services.references.ScopeProvider;
  }

  protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
    const error = super.createLinkingError(refInfo, targetDescription);
    const kind = this.reflection.getReferenceType(refInfo).toLowerCase();
    const text = refInfo.reference.$refText;
    let suggestion: string | undefined;
    try {
      suggestion = closest(text, this.scopes.getScope(refInfo).getAllElements().map((d) => d.name).toArray());
    } catch {
      suggestion = undefined;
    }
    return {
      ...error,
      message: `unknown ${kind} '${text}' (not in this file, its imports or the library)${suggestion ? `: did you mean ${suggestion}?` : ''}`,
    };
  }
}

/** The candidate within edit distance 3 (or sharing a case-insensitive prefix) nearest to `text`. */
export function closest(text: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = text.toLowerCase();
  for (const c of new Set(candidates)) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return bestDistance <= Math.max(2, Math.floor(text.length / 3)) ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions (`07` for `70`). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
