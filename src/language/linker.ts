/**
 * Unresolved names say where servescope looked and, when a visible name is
 * close, which one was probably meant ("did you mean llama3_70b?").
 */
import { Cancellation, DefaultLinker, interruptAndCheck, isAstNode, isMultiReference, isReference, type AstNode, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import type { LangiumCoreServices } from 'langium';
import type { ScopeProvider } from 'langium';
import { editDistance } from './edit-distance.js';

export class ServescopeLinker extends DefaultLinker {
  private readonly scopes: ScopeProvider;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.scopes = services.references.ScopeProvider;
  }

  /**
   * Same links, same order as `DefaultLinker.link` (pre-order over the AST,
   * references of a node in property order), without its per-node streams and
   * awaits, which cost ~70 ms of a 2,000-line `check` (CPU profile, issue 2).
   * Cancellation is checked once per top-level element; with Langium's
   * profiler on, the default (instrumented) walk runs.
   */
  override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
    if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
    const linkNode = (node: AstNode): void => {
      for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
          this.doLink({ reference: value, container: node, property }, document);
        } else if (Array.isArray(value)) {
          // Langium's streamReferences tests array elements with isReference only.
          value.forEach((element, index) => {
            if (isReference(element)) this.doLink({ reference: element, container: node, property, index }, document);
          });
        }
      }
    };
    const visit = (node: AstNode): void => {
      linkNode(node);
      for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isAstNode(value)) visit(value);
        else if (Array.isArray(value)) for (const element of value) if (isAstNode(element)) visit(element);
      }
    };
    const root = document.parseResult.value;
    await interruptAndCheck(cancelToken);
    linkNode(root);
    for (const property of Object.keys(root)) {
      if (property.startsWith('$')) continue;
      const value = (root as unknown as Record<string, unknown>)[property];
      for (const child of isAstNode(value) ? [value] : Array.isArray(value) ? value.filter(isAstNode) : []) {
        await interruptAndCheck(cancelToken);
        visit(child);
      }
    }
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
    const d = c.toLowerCase() === lower ? 0 : nameDistance(lower, c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return bestDistance <= Math.max(2, Math.floor(text.length / 3)) ? best : undefined;
}

/**
 * Case-insensitive (callers lower-case), adjacent transpositions count as one
 * edit (`07` for `70`); names more than 4 characters longer or shorter are
 * never suggested, and are not compared.
 */
function nameDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return Infinity;
  return editDistance(a, b, { transpositions: true });
}
