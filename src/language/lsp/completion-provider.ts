/**
 * Completion: Langium's keywords and cross-references (names declared here,
 * in imported files and in the built-in library), plus the units valid for
 * the field being typed (`memory 80 |` offers GB, TB, ...).
 */
import { AstUtils, GrammarAST, type AstNode, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { fieldDimension, UNITS_BY_DIMENSION, type FieldDimension } from './field-units.js';

export class ServescopeCompletionProvider extends DefaultCompletionProvider {
  protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
    if (isUnitFeature(next.feature)) {
      const dimension = dimensionAt(context);
      if (!dimension) return;
      UNITS_BY_DIMENSION[dimension].forEach((unit, index) => acceptor(context, {
        label: unit,
        kind: CompletionItemKind.Unit,
        detail: `${dimension} unit`,
        sortText: String(index).padStart(2, '0'),
      }));
      return;
    }
    return super.completionFor(context, next, acceptor);
  }

  /** Keywords only where they read as keywords; the unit slot (an ID) would otherwise offer every identifier-like keyword. */
  protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
    if (AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name === 'Unit') return false;
    return super.filterKeyword(context, keyword);
  }
}

function isUnitFeature(feature: GrammarAST.AbstractElement): boolean {
  if (GrammarAST.isRuleCall(feature) && feature.rule.ref?.name === 'Unit') return true;
  const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
  return rule?.name === 'Unit' && !GrammarAST.isKeyword(feature);
}

/** The dimension of the quantity whose unit is being typed, from the partial AST. */
function dimensionAt(context: CompletionContext): FieldDimension | undefined {
  let node: AstNode | undefined = context.node;
  if (node && ast.isQuantity(node)) return fieldDimension(node.$container, node.$containerProperty ?? '');
  // The cursor is after a complete number: the node is the item holding the quantity; the last quantity before the cursor is it.
  while (node) {
    const owner: AstNode = node;
    const quantities = Object.entries(owner)
      .filter(([key, value]) => !key.startsWith('$') && ast.isQuantity(value))
      .map(([key, value]) => [key, value as ast.Quantity] as const)
      .filter(([, q]) => q.$cstNode && q.$cstNode.end <= context.offset)
      .sort((a, b) => (b[1].$cstNode?.end ?? 0) - (a[1].$cstNode?.end ?? 0));
    if (quantities.length > 0) return fieldDimension(owner, quantities[0][0]);
    node = owner.$container;
    if (node && (ast.isDocument(node) || ast.isGpu(node) || ast.isCluster(node) || ast.isModel(node) || ast.isWorkload(node))) return undefined;
  }
  return undefined;
}
