/**
 * Completion: Langium's keywords and cross-references (names declared here,
 * in imported files and in the built-in library), plus the units valid for
 * the field being typed (`memory 80 |` offers GB, TB, ...).
 */
import { AstUtils, GrammarAST, type AstNode, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { dimensionLabel, unitsForQuantity } from './field-units.js';

export class ServescopeCompletionProvider extends DefaultCompletionProvider {
  protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
    if (isUnitFeature(next.feature)) {
      const quantity = quantityAt(context);
      if (!quantity) return;
      const detail = `${dimensionLabel(quantity)} unit`;
      unitsForQuantity(quantity).forEach((unit, index) => acceptor(context, {
        label: unit,
        kind: CompletionItemKind.Unit,
        detail,
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

/** The quantity whose unit is being typed: the node itself, or the last quantity before the cursor in the item being parsed. */
function quantityAt(context: CompletionContext): ast.Quantity | undefined {
  let node: AstNode | undefined = context.node;
  if (node && ast.isQuantity(node)) return node;
  while (node) {
    const owner: AstNode = node;
    const quantities = Object.entries(owner)
      .filter(([key, value]) => !key.startsWith('$') && ast.isQuantity(value))
      .map(([, value]) => value as ast.Quantity)
      .filter((q) => q.$cstNode && q.$cstNode.end <= context.offset)
      .sort((a, b) => (b.$cstNode?.end ?? 0) - (a.$cstNode?.end ?? 0));
    if (quantities.length > 0) return quantities[0];
    node = owner.$container;
    if (node && (ast.isDocument(node) || ast.isGpu(node) || ast.isCluster(node) || ast.isModel(node) || ast.isWorkload(node))) return undefined;
  }
  return undefined;
}
