/**
 * Semantic tokens: declared names and references by kind (a GPU, a model, a
 * cluster, a workload), field keys as properties, numbers, units, dtypes.
 * TextMate (syntaxes/) colours keywords before the server starts; these refine it.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

export class ServescopeSemanticTokenProvider extends AbstractSemanticTokenProvider {
  protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
    if (ast.isGpu(node) || ast.isCluster(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: SemanticTokenModifiers.declaration });
      if (ast.isGpu(node) && node.base) acceptor({ node, property: 'base', type: SemanticTokenTypes.class });
    } else if (ast.isModel(node) || ast.isWorkload(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: SemanticTokenModifiers.declaration });
      if (node.base) acceptor({ node, property: 'base', type: SemanticTokenTypes.type });
    } else if (ast.isDeployment(node) || ast.isExplore(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.declaration });
      acceptor({ node, property: 'model', type: SemanticTokenTypes.type });
      acceptor({ node, property: 'cluster', type: SemanticTokenTypes.class });
      acceptor({ node, property: 'workload', type: SemanticTokenTypes.type });
    } else if (ast.isNodesItem(node)) {
      acceptor({ node, property: 'gpu', type: SemanticTokenTypes.class });
    } else if (ast.isQuantity(node)) {
      acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
      if (node.unit) acceptor({ node, property: 'unit', type: SemanticTokenTypes.macro });
    } else if (ast.isGpuField(node) || ast.isModelField(node) || ast.isPoolField(node) || ast.isWorkloadField(node)
      || ast.isExploreField(node) || ast.isTierOption(node)) {
      acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
    } else if (ast.isDtypeRate(node)) {
      acceptor({ node, property: 'dtype', type: SemanticTokenTypes.enumMember });
    } else if (ast.isPrecisionItem(node)) {
      for (const property of ['weights', 'activations', 'kv'] as const) {
        if (node[property]) acceptor({ node, property, type: SemanticTokenTypes.enumMember });
      }
    } else if (ast.isTier(node)) {
      acceptor({ node, property: 'link', type: SemanticTokenTypes.enumMember });
    } else if (ast.isImport(node) || ast.isSource(node)) {
      acceptor({ node, property: ast.isImport(node) ? 'path' : 'text', type: SemanticTokenTypes.string });
    }
  }
}
