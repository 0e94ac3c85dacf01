/**
 * The lowered model and cluster specs of a document, for hints and hovers
 * that need numbers (parameter counts, KV bytes, aggregate FLOPS). Lowering
 * is the language's (src/language/lowering.ts); this caches it per document
 * version and never throws: a document that does not lower has no specs.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { ClusterSpec, ModelSpec, Precision } from '../../engine/types.js';
import type { Document } from '../generated/ast.js';
import { lowerDocument } from '../lowering.js';
import type { Scenario } from '../../serving/index.js';
import type { EstimateStore } from './estimate-store.js';

export interface DocumentSpecs {
  models: Map<string, ModelSpec>;
  clusters: Map<string, ClusterSpec>;
  /** The precision of the first deployment or explore that uses each model (for KV bytes). */
  modelPrecision: Map<string, Precision>;
}

export class ScenarioSpecs {
  private readonly cache = new Map<string, { version: number; specs: DocumentSpecs }>();

  constructor(private readonly store: EstimateStore) {}

  of(document: LangiumDocument): DocumentSpecs {
    const uri = document.uri.toString();
    const version = document.textDocument.version;
    const cached = this.cache.get(uri);
    if (cached && cached.version === version) return cached.specs;
    const specs = emptySpecs();
    // Prefer what the engine last ran on; lower on demand otherwise.
    const stored = this.store.lastReport(uri)?.scenario;
    addScenario(specs, stored);
    try {
      addScenario(specs, lowerDocument(document.parseResult.value as Document));
    } catch {
      // a document with errors may not lower; keep what the last run had
    }
    this.cache.set(uri, { version, specs });
    return specs;
  }

  /** Specs for a named model, looked up in the documents given (the node's own first). */
  model(name: string, documents: LangiumDocument[]): { spec: ModelSpec; precision?: Precision } | undefined {
    for (const document of documents) {
      const specs = this.of(document);
      const spec = specs.models.get(name);
      if (spec) return { spec, precision: specs.modelPrecision.get(name) };
    }
    return undefined;
  }

  cluster(name: string, documents: LangiumDocument[]): ClusterSpec | undefined {
    for (const document of documents) {
      const spec = this.of(document).clusters.get(name);
      if (spec) return spec;
    }
    return undefined;
  }
}

/** The document a node lives in, then the other documents given, without repeats. */
export function documentsFor(node: AstNode, others: LangiumDocument[]): LangiumDocument[] {
  const own = AstUtils.getDocument(node);
  return [own, ...others.filter((d) => d !== own)];
}

function emptySpecs(): DocumentSpecs {
  return { models: new Map(), clusters: new Map(), modelPrecision: new Map() };
}

function addScenario(specs: DocumentSpecs, scenario: Scenario | undefined): void {
  if (!scenario) return;
  for (const item of [...scenario.deployments, ...scenario.explorations]) {
    specs.models.set(item.model.name, item.model);
    specs.clusters.set(item.cluster.name, item.cluster);
    if (!specs.modelPrecision.has(item.model.name)) specs.modelPrecision.set(item.model.name, item.precision);
  }
}
