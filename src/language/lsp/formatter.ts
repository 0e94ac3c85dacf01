/**
 * Formatting: blocks indented, one item per line, one space between the
 * words of an item, a blank line kept between top-level elements, and a
 * comma hugging what precedes it (`compute bf16 989 TFLOPS, fp8 1979 TFLOPS`).
 */
import { isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import * as ast from '../generated/ast.js';

export class ServescopeFormatter extends AbstractFormatter {
  protected format(node: AstNode): void {
    const f = this.getNodeFormatter(node);
    if (ast.isDocument(node)) {
      const imports = f.nodes(...node.imports);
      imports.prepend(Formatting.noIndent());
      const elements = f.nodes(...node.elements);
      // Blank line between elements (and after the imports), none before the first.
      elements.prepend(Formatting.newLines(2, { allowMore: false }));
      if (node.imports.length > 0) imports.slice(1).prepend(Formatting.newLine());
      const first = node.imports.length > 0 ? node.imports[0] : node.elements[0];
      if (first) f.node(first).prepend(Formatting.noSpace());
      return;
    }
    const parts = ownParts(node);
    if (parts.length === 0) return;
    const open = f.keyword('{');
    const close = f.keyword('}');
    const hasBlock = parts.some((p) => isLeafCstNode(p) && p.text === '{');
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i];
      const text = isLeafCstNode(part) ? part.text : undefined;
      if (text === '{' || text === '}') continue;
      if (hasBlock && insideBlock(parts, i)) continue; // block items: indented below
      if (text === ',') {
        f.cst([part]).prepend(Formatting.noSpace());
      } else {
        f.cst([part]).prepend(Formatting.oneSpace());
      }
    }
    if (hasBlock) {
      open.prepend(Formatting.oneSpace());
      f.interior(open, close).prepend(Formatting.indent());
      close.prepend(Formatting.newLine());
    }
  }
}

/** Whether the i-th part sits between the node's `{` and `}`. */
function insideBlock(parts: CstNode[], i: number): boolean {
  const openIndex = parts.findIndex((p) => isLeafCstNode(p) && p.text === '{');
  return openIndex >= 0 && i > openIndex;
}

/**
 * The tokens and sub-nodes a node owns directly, in order. An unassigned rule
 * call (`Element: Gpu | ...`) wraps the node's content in one more composite.
 */
function ownParts(node: AstNode): CstNode[] {
  let cst = node.$cstNode;
  while (cst && isCompositeCstNode(cst)) {
    const visible = cst.content.filter((c) => !c.hidden);
    if (visible.length === 1 && isCompositeCstNode(visible[0]) && visible[0].astNode === node) {
      cst = visible[0];
      continue;
    }
    return visible;
  }
  return [];
}
