/**
 * The servescope validator. Two kinds of checks:
 *  - every number: its unit is known, of the dimension its field expects,
 *    positive where it must be, whole where it counts things, not absurd;
 *  - every element: resolved with the same code lowering uses (resolve.ts),
 *    whose problems (missing fields, layouts that do not divide, placements
 *    that do not fit) are reported at the node and property they concern.
 * Each diagnostic carries a stable code from codes.ts.
 */
import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import type { ServescopeAstType, Document, Quantity } from '../generated/ast.js';
import { isCluster, isDeployment, isExplore, isGpu, isModel, isWorkload } from '../generated/ast.js';
import type { ServescopeCoreServices } from '../servescope-module.js';
import { fieldRule } from '../fields.js';
import { DIMENSION_LABEL, suggestUnit, unitInfo, unitsOf } from '../units.js';
import { Resolver, type Problem } from '../resolve.js';
import { importPath, resolveImportUri } from '../imports.js';
import type { DiagnosticCode } from './codes.js';

export function registerValidationChecks(services: ServescopeCoreServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = new ServescopeValidator(services);
  const checks: ValidationChecks<ServescopeAstType> = {
    Document: validator.checkDocument.bind(validator),
    Quantity: validator.checkQuantity.bind(validator),
  };
  registry.register(checks, validator);
}

function report(accept: ValidationAcceptor, severity: Problem['severity'], code: DiagnosticCode, message: string, node: AstNode, property?: string, index?: number, data?: Record<string, unknown>): void {
  // Langium's DiagnosticInfo is generic over the node's properties; ours come from a table.
  const info = { node, property, index, code, data: { code, ...data } } as unknown as Parameters<ValidationAcceptor>[2];
  accept(severity, message, info);
}

export class ServescopeValidator {
  constructor(private readonly services: ServescopeCoreServices) {}

  checkQuantity(q: Quantity, accept: ValidationAcceptor): void {
    const rule = fieldRule(q);
    if (!rule) return;
    const info = unitInfo(q.unit);
    const expected = rule.dimensions[0];
    const examples = (): string => unitsOf(expected).slice(0, 4).join(', ');
    if (!info) {
      const suggestion = suggestUnit(q.unit!, expected);
      report(accept, 'error', 'unknownUnit',
        `unknown unit '${q.unit}' for ${rule.label}${suggestion ? `: did you mean '${suggestion}'?` : ` (expected ${DIMENSION_LABEL[expected]}${examples() ? `, e.g. ${examples()}` : ''})`}`,
        q, 'unit', undefined, { replacement: suggestion, units: unitsOf(expected) });
      return;
    }
    if (!rule.dimensions.includes(info.dimension)) {
      const what = q.unit === undefined ? 'a number without a unit' : `'${q.unit}' (${DIMENSION_LABEL[info.dimension]})`;
      report(accept, 'error', 'wrongDimension',
        `${rule.label} expects ${DIMENSION_LABEL[expected]}${examples() ? ` such as ${examples()}` : ''}, not ${what}`,
        q, q.unit === undefined ? 'value' : 'unit', undefined, { units: unitsOf(expected), missingUnit: q.unit === undefined });
      return;
    }
    const si = q.value * info.factor;
    if (si < 0 || (si === 0 && !rule.allowZero)) {
      report(accept, 'error', 'nonPositive', `${rule.label} must be ${rule.allowZero ? 'zero or more' : 'positive'}`, q, 'value');
      return;
    }
    if (rule.integer && info.dimension === 'count' && !Number.isInteger(si)) {
      report(accept, 'error', 'notInteger', `${rule.label} must be a whole number, not ${q.value}`, q, 'value');
      return;
    }
    if (!Number.isFinite(si) || si > rule.max) {
      report(accept, 'error', 'absurdValue', `${rule.label} ${q.value}${q.unit ? ' ' + q.unit : ''} is beyond any real system (at most ${formatMax(rule.max, q.unit, info.factor)})`, q, 'value');
    }
  }

  checkDocument(doc: Document, accept: ValidationAcceptor): void {
    const langiumDoc = AstUtils.getDocument(doc);
    const documents = this.services.shared.workspace.LangiumDocuments;
    doc.imports.forEach((imp) => {
      if (typeof imp.path !== 'string') return;
      const target = resolveImportUri(langiumDoc.uri, imp);
      if (target.toString() === langiumDoc.uri.toString()) {
        report(accept, 'warning', 'unresolvedImport', `"${importPath(imp)}" imports this document itself`, imp, 'path');
      } else if (!documents.hasDocument(target)) {
        report(accept, 'error', 'unresolvedImport', `cannot find imported file "${importPath(imp)}"`, imp, 'path');
      }
    });

    const seen = new Map<string, AstNode>();
    for (const element of doc.elements) {
      if (!element.name) continue;
      // Deployments and explore blocks share one namespace: results are keyed by name.
      const kind = isDeployment(element) || isExplore(element) ? 'placement' : element.$type;
      const key = `${kind}\n${element.name}`;
      const first = seen.get(key);
      if (first) {
        const line = (first.$cstNode?.range.start.line ?? 0) + 1;
        report(accept, 'error', 'duplicateName', `${element.$type.toLowerCase()} ${element.name} is already defined on line ${line}`, element, 'name');
      } else seen.set(key, element);
    }

    // A document that does not parse yields half-built elements; their missing
    // fields would only repeat the syntax errors.
    if (langiumDoc.parseResult.parserErrors.length > 0) return;
    const resolver = new Resolver();
    const problems: Problem[] = [];
    for (const element of doc.elements) {
      try {
        if (isGpu(element)) problems.push(...resolver.gpu(element).problems);
        else if (isCluster(element)) problems.push(...resolver.cluster(element).problems);
        else if (isModel(element)) problems.push(...resolver.model(element).problems);
        else if (isWorkload(element)) problems.push(...resolver.workload(element).problems);
        else if (isDeployment(element)) problems.push(...resolver.deployment(element).problems);
        else if (isExplore(element)) problems.push(...resolver.explore(element).problems);
      } catch (error) {
        // A bug in a check must not hide the other diagnostics; report it where it happened.
        report(accept, 'error', 'missingField', `internal error while checking ${element.name}: ${error instanceof Error ? error.message : String(error)}`, element, 'name');
      }
    }
    const reported = new Set<string>();
    for (const p of problems) {
      if (AstUtils.getDocument(p.node) !== langiumDoc) continue;
      const key = `${p.code}\n${p.message}\n${p.node.$cstNode?.offset}`;
      if (reported.has(key)) continue;
      reported.add(key);
      report(accept, p.severity, p.code, p.message, p.node, p.property, p.index, p.data);
    }
  }
}

function formatMax(max: number, unit: string | undefined, factor: number): string {
  const v = max / factor;
  return `${v >= 1e6 ? v.toExponential(0) : String(v)}${unit ? ' ' + unit : ''}`;
}
