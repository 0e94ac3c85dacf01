/**
 * Model and cluster specs for hints and hovers that need numbers (parameter
 * counts, KV bytes, aggregate FLOPS), resolved from the AST by the language's
 * Resolver (src/language/resolve.ts): any model or cluster, declared here,
 * imported or in the library, whether or not a deployment uses it. Never
 * throws: an element that does not resolve has no spec.
 */
import { AstUtils } from 'langium';
import type { ClusterSpec, ModelSpec, Precision } from '../../engine/types.js';
import * as ast from '../generated/ast.js';
import { Resolver } from '../resolve.js';

export interface ModelFigures {
  spec: ModelSpec;
  /** The precision of the first deployment or explore of the document that serves this model (KV bytes depend on it). */
  precision?: Precision;
}

export class ScenarioSpecs {
  /** Resolved per AST node: a new text gives new nodes, so entries never go stale for their own document. */
  private readonly models = new WeakMap<ast.Model, ModelSpec | null>();
  private readonly clusters = new WeakMap<ast.Cluster, ClusterSpec | null>();

  model(node: ast.Model, usedIn?: ast.Document): ModelFigures | undefined {
    let spec = this.models.get(node);
    if (spec === undefined) {
      spec = safely(() => new Resolver().model(node).value) ?? null;
      this.models.set(node, spec);
    }
    if (!spec) return undefined;
    const document = usedIn ?? AstUtils.getContainerOfType(node, ast.isDocument);
    const user = document?.elements.find((e): e is ast.Deployment | ast.Explore =>
      (ast.isDeployment(e) || ast.isExplore(e)) && e.model?.ref === node);
    const precision = user ? safely(() => new Resolver().precision(user.items)) : undefined;
    return { spec, precision };
  }

  cluster(node: ast.Cluster): ClusterSpec | undefined {
    let spec = this.clusters.get(node);
    if (spec === undefined) {
      spec = safely(() => new Resolver().cluster(node).value) ?? null;
      this.clusters.set(node, spec);
    }
    return spec ?? undefined;
  }
}

function safely<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}
