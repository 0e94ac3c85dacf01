/**
 * Lowering: a validated document (no errors) becomes a plain `Scenario`: every
 * deployment and explore block of the document, with model, cluster and
 * workload resolved across imports and the library, defaults filled and
 * units converted to the engine's SI units (see resolve.ts).
 */
import type { Document } from './generated/ast.js';
import { isDeployment, isExplore } from './generated/ast.js';
import type { Scenario } from '../serving/types.js';
import { Resolver } from './resolve.js';

/** Thrown when a document that still has errors is lowered; the message names the first element at fault. */
export class LoweringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoweringError';
  }
}

export function lowerDocument(document: Document, resolver: Resolver = new Resolver()): Scenario {
  const scenario: Scenario = { deployments: [], explorations: [] };
  for (const element of document.elements) {
    if (isDeployment(element)) {
      const r = resolver.deployment(element);
      if (!r.value) throw new LoweringError(`deployment ${element.name} cannot be lowered: ${firstError(r.problems) ?? 'its model, cluster or workload has errors'}`);
      scenario.deployments.push(r.value);
    } else if (isExplore(element)) {
      const r = resolver.explore(element);
      if (!r.value) throw new LoweringError(`explore ${element.name} cannot be lowered: ${firstError(r.problems) ?? 'its model, cluster or workload has errors'}`);
      scenario.explorations.push(r.value);
    }
  }
  return scenario;
}

function firstError(problems: { severity: string; message: string }[]): string | undefined {
  return problems.find((p) => p.severity === 'error')?.message;
}
