/**
 * Engine findings as LSP diagnostics on the current text: each finding goes
 * on the name of the deployment it is about, looked up by name in the
 * current AST, so findings follow their block while the user edits around it.
 * None while the document has errors (the engine did not run on that text).
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { deploymentFindings, ENGINE_DIAGNOSTIC_SOURCE } from './engine-findings.js';
import type { EstimateStore } from './estimate-store.js';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
} as const;

export function engineDiagnostics(document: LangiumDocument, store: EstimateStore): Diagnostic[] {
  const results = store.get(document.uri.toString());
  if (!results?.report) return [];
  const hasErrors = (document.diagnostics ?? []).some((d) => d.severity === DiagnosticSeverity.Error && d.source !== ENGINE_DIAGNOSTIC_SOURCE);
  if (hasErrors) return [];
  const root = document.parseResult.value as ast.Document;
  const deployments = new Map(root.elements.filter(ast.isDeployment).map((d) => [d.name, d]));
  const diagnostics: Diagnostic[] = [];
  for (const estimate of results.report.deployments) {
    const node = deployments.get(estimate.name);
    const nameNode = node?.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, 'name') : undefined;
    if (!nameNode) continue;
    for (const finding of deploymentFindings(estimate)) {
      diagnostics.push({
        range: nameNode.range,
        severity: SEVERITY[finding.severity],
        code: finding.code,
        source: ENGINE_DIAGNOSTIC_SOURCE,
        message: finding.message,
        data: { code: finding.code, deployment: finding.deployment },
      });
    }
  }
  return diagnostics;
}
