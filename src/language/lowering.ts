/**
 * Lowering: a validated document (no errors) becomes a plain `Scenario`.
 * Placeholder until the language work lands; the signature is the contract
 * used by the CLI and the language server.
 */
import type { Document } from './generated/ast.js';
import type { Scenario } from '../serving/types.js';

export function lowerDocument(document: Document): Scenario {
  void document;
  return { deployments: [], explorations: [] };
}
