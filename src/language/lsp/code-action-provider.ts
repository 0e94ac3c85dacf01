/**
 * Quick fixes for the common errors: TP that does not divide the heads, EP
 * that does not divide the experts, a deployment that does not fit (more
 * GPUs), a deployment larger than its cluster (more nodes), an unknown unit
 * (the nearest valid one), a name that lives in another file (add the import).
 * Codes are the validator's (src/language/validation/codes.ts) and the engine's
 * (engine-findings.ts); a fix reads the diagnostic's `data` when it carries
 * the figures and falls back to the document otherwise.
 */
import { AstUtils, CstUtils, DocumentValidator, GrammarUtils, UriUtils, type AstNode, type IndexManager, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { EngineCodes } from './engine-findings.js';
import { nearestUnits, orderUnits, unitsForQuantity } from './field-units.js';
import { proposeFit } from './memory-fit.js';
import { lastPoolField, poolFieldValue, Resolver } from '../resolve.js';
import { editDistance } from '../edit-distance.js';

/** The validator's codes this provider fixes (names as in src/language/validation/codes.ts). */
export const FixableCodes = {
  unknownUnit: 'unknownUnit',
  wrongDimension: 'wrongDimension',
  missingField: 'missingField',
  tpNotDividingHeads: 'tpNotDividingHeads',
  expertsNotDivisibleByEp: 'expertsNotDivisibleByEp',
  tooManyGpus: 'tooManyGpus',
  memoryDoesNotFit: 'memoryDoesNotFit',
  unresolvedImport: 'unresolvedImport',
} as const;

type DiagnosticData = Record<string, unknown> | undefined;

export class ServescopeCodeActionProvider implements CodeActionProvider {
  private readonly indexManager: IndexManager;

  constructor(services: LangiumServices) {
    this.indexManager = services.shared.workspace.IndexManager;
  }

  getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      try {
        actions.push(...this.fixesFor(document, diagnostic));
      } catch {
        // a fix that cannot be computed is simply not offered
      }
    }
    return actions;
  }

  private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const data = diagnostic.data as DiagnosticData;
    const code = String(diagnostic.code ?? data?.code ?? '');
    switch (code) {
      case FixableCodes.unknownUnit:
      case FixableCodes.wrongDimension: return this.replaceUnit(document, diagnostic, data);
      case FixableCodes.missingField: return this.addField(document, diagnostic, data);
      case FixableCodes.tpNotDividingHeads: return this.divisorFix(document, diagnostic, 'tp', 'heads', numberIn(data, 'heads') ?? headsOf(document, diagnostic), data);
      case FixableCodes.expertsNotDivisibleByEp: return this.divisorFix(document, diagnostic, 'ep', 'experts', numberIn(data, 'experts') ?? expertsOf(document, diagnostic), data);
      case FixableCodes.memoryDoesNotFit:
      case EngineCodes.memoryDoesNotFit: return this.moreGpus(document, diagnostic, data);
      case FixableCodes.tooManyGpus: return this.moreNodes(document, diagnostic, data);
      case FixableCodes.unresolvedImport: return this.nearestImport(document, diagnostic);
      case DocumentValidator.LinkingError: return this.addImport(document, diagnostic, data);
      default: return [];
    }
  }

  /**
   * An unknown unit or one of the wrong kind: the validator's `replacement`
   * first, then the field's units nearest to what was typed; a number without
   * its unit gets the field's first unit.
   */
  private replaceUnit(document: LangiumDocument, diagnostic: Diagnostic, data: DiagnosticData): CodeAction[] {
    const quantity = nodeAt(document, diagnostic.range, ast.isQuantity);
    if (!quantity?.$cstNode) return [];
    const units = Array.isArray(data?.units) ? data.units.map(String) : unitsForQuantity(quantity);
    const unit = quantity.unit;
    const unitNode = GrammarUtils.findNodeForProperty(quantity.$cstNode, 'unit');
    if (!unit || !unitNode) {
      const valueNode = GrammarUtils.findNodeForProperty(quantity.$cstNode, 'value');
      if (!valueNode) return [];
      return orderUnits(units).slice(0, 3).map((u, index) => fix(`Add the unit '${u}'`, document, diagnostic,
        [{ range: { start: valueNode.range.end, end: valueNode.range.end }, newText: ` ${u}` }], index === 0));
    }
    const replacement = typeof data?.replacement === 'string' ? data.replacement : undefined;
    const candidates = [...new Set([...(replacement ? [replacement] : []), ...nearestUnits(unit, units)])].filter((u) => u !== unit);
    return candidates.slice(0, 3).map((u, index) =>
      fix(`Replace '${unit}' with '${u}'`, document, diagnostic, [{ range: unitNode.range, newText: u }], index === 0));
  }

  /** A required field is missing: insert the line the validator proposes (`layers 80`) at the end of the block. */
  private addField(document: LangiumDocument, diagnostic: Diagnostic, data: DiagnosticData): CodeAction[] {
    const line = typeof data?.insert === 'string' ? data.insert : undefined;
    if (!line) return [];
    const block = nodeAt(document, diagnostic.range, (n: unknown): n is ast.Gpu | ast.Model | ast.Cluster | ast.Workload =>
      ast.isGpu(n) || ast.isModel(n) || ast.isCluster(n) || ast.isWorkload(n));
    const close = block?.$cstNode ? CstUtils.streamCst(block.$cstNode).filter((c) => c.text === '}' && c.astNode === block).head() : undefined;
    if (!block || !close) return [];
    const text = document.textDocument.getText();
    const lineStart = text.lastIndexOf('\n', close.offset - 1) + 1;
    const before = text.slice(lineStart, close.offset);
    const blockIndent = /^\s*$/.test(before) ? before : '';
    const indent = `${blockIndent}  `;
    // `}` on its own line: insert a line above it; `{ ... }` on one line: before the `}`.
    const edit: TextEdit = blockIndent === before
      ? { range: { start: document.textDocument.positionAt(lineStart), end: document.textDocument.positionAt(lineStart) }, newText: `${indent}${line}\n` }
      : { range: { start: close.range.start, end: close.range.start }, newText: `${line} ` };
    return [fix(`Add '${line}'`, document, diagnostic, [edit], true)];
  }

  /** Set `key` (tp or ep) to the nearest divisors of the model's `of` (heads or experts). */
  private divisorFix(document: LangiumDocument, diagnostic: Diagnostic, key: 'tp' | 'ep', of: 'heads' | 'experts', known: number | undefined, data: DiagnosticData): CodeAction[] {
    const field = poolFieldAt(document, diagnostic.range, key);
    if (!field?.value.$cstNode) return [];
    const deployment = AstUtils.getContainerOfType(field, ast.isDeployment);
    const total = known ?? (deployment?.model?.ref ? modelField(deployment.model.ref, of) : undefined);
    if (!total || total <= 0) return [];
    const current = field.value.value;
    // The validator's `values` divide and also fit the pool's GPUs; otherwise the divisors around the current value.
    const allowed = Array.isArray(data?.values) ? data.values.filter((v): v is number => typeof v === 'number' && v !== current) : undefined;
    const divisors = allowed && allowed.length > 0 ? nearestValues(allowed, current) : nearestDivisors(total, current);
    return divisors.map((d, index) => fix(`Set ${key} to ${d} (divides the ${total} ${of})`, document, diagnostic,
      [{ range: numberRange(field.value), newText: String(d) }], index === 0));
  }

  /**
   * Grow the pool that does not fit: tp (and its gpus field) by the smallest
   * power of two that fits by the validator's own accounting; by
   * `data.requiredGpus` when the diagnostic carries it; doubled otherwise.
   */
  private moreGpus(document: LangiumDocument, diagnostic: Diagnostic, data: DiagnosticData): CodeAction[] {
    const pools = poolsAt(document, diagnostic.range);
    const edits: TextEdit[] = [];
    let label = '';
    for (const pool of pools) {
      const gpus = lastPoolField(pool, 'gpus');
      const tp = lastPoolField(pool, 'tp');
      const current = gpus?.value.value ?? poolGpus(pool);
      const required = numberIn(data, 'requiredGpus');
      const deployment = AstUtils.getContainerOfType(pool, ast.isDeployment);
      const fit = !required && deployment ? proposeFit(deployment, pool) : undefined;
      const factor = fit?.factor ?? (required && required > current ? nextPowerOfTwo(Math.ceil(required / current)) : 2);
      if (tp) edits.push({ range: numberRange(tp.value), newText: String(tp.value.value * factor) });
      if (gpus) edits.push({ range: numberRange(gpus.value), newText: String(gpus.value.value * factor) });
      if (!tp && pool.$cstNode) {
        const open = CstUtils.streamCst(pool.$cstNode).find((c) => c.text === '{' && c.astNode === pool);
        if (open) edits.push({ range: { start: open.range.end, end: open.range.end }, newText: ` tp ${factor}` });
      }
      label = `Raise the ${pool.role} pool to ${current * factor} GPUs per replica (tp ${(tp?.value.value ?? 1) * factor})${fit ? ' so that it fits' : ''}`;
    }
    if (edits.length === 0) return [];
    return [fix(pools.length === 1 ? label : `Double the GPUs of every pool`, document, diagnostic, edits, true)];
  }

  /** The deployment needs more GPUs than its cluster has: raise the cluster's node count (when the cluster is in this file). */
  private moreNodes(document: LangiumDocument, diagnostic: Diagnostic, data: DiagnosticData): CodeAction[] {
    const deployment = nodeAt(document, diagnostic.range, ast.isDeployment);
    const cluster = deployment?.cluster?.ref;
    if (!deployment || !cluster) return [];
    const nodes = cluster.items.find(ast.isNodesItem);
    const needed = numberIn(data, 'requiredGpus') ?? deploymentGpus(deployment);
    const actions: CodeAction[] = [];
    // Fewer replicas, when one replica of each pool fits (the cluster may be the library's, not editable).
    if (nodes) {
      const capacity = nodes.nodes.value * nodes.perNode.value;
      const pools = deployment.items.filter(ast.isPool).filter((p) => p.replicas);
      const fixed = needed - pools.reduce((sum, p) => sum + p.replicas!.value * poolGpus(p), 0);
      if (pools.length === 1 && pools[0].replicas?.$cstNode) {
        const perReplica = poolGpus(pools[0]);
        const replicas = Math.floor((capacity - fixed) / perReplica);
        if (replicas >= 1 && replicas < pools[0].replicas.value) {
          actions.push(fix(`Reduce ${pools[0].role} to ${replicas} replicas (${replicas * perReplica + fixed} of ${capacity} GPUs)`, document, diagnostic,
            [{ range: numberRange(pools[0].replicas), newText: String(replicas) }], false));
        }
      }
    }
    if (nodes?.nodes.$cstNode && AstUtils.getDocument(cluster) === document) {
      const perNode = nodes.perNode.value;
      const count = Math.ceil(needed / perNode);
      if (count > nodes.nodes.value) {
        actions.unshift(fix(`Grow cluster ${cluster.name} to ${count} nodes (${count * perNode} GPUs)`, document, diagnostic,
          [{ range: numberRange(nodes.nodes), newText: String(count) }], true));
      }
    }
    if (actions.length > 0 && !actions.some((a) => a.isPreferred)) actions[0].isPreferred = true;
    return actions;
  }

  /** An unresolved import path: offer the closest existing .serve file next to this one. */
  private nearestImport(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const imp = nodeAt(document, diagnostic.range, ast.isImport);
    if (!imp?.$cstNode) return [];
    const dir = UriUtils.dirname(document.uri);
    const candidates = this.otherDocuments(document).map((uri) => UriUtils.relative(dir, uri));
    const best = candidates.sort((a, b) => importPathDistance(imp.path, a) - importPathDistance(imp.path, b))[0];
    if (!best) return [];
    const pathNode = GrammarUtils.findNodeForProperty(imp.$cstNode, 'path');
    if (!pathNode) return [];
    return [fix(`Import "${best}" instead`, document, diagnostic, [{ range: pathNode.range, newText: JSON.stringify(best) }], true)];
  }

  /** A reference to a name declared in another file: add the import that brings it in. */
  private addImport(document: LangiumDocument, diagnostic: Diagnostic, data: DiagnosticData): CodeAction[] {
    const name = typeof data?.refText === 'string' ? data.refText : undefined;
    if (!name) return [];
    const root = document.parseResult.value as ast.Document;
    const dir = UriUtils.dirname(document.uri);
    const own = document.uri.toString();
    const targets = new Set<string>();
    for (const description of this.indexManager.allElements()) {
      if (description.name !== name || description.documentUri.toString() === own) continue;
      targets.add(importPathFor(dir, description.documentUri));
    }
    const existing = new Set(root.imports.map((i) => i.path));
    const insertAt = root.imports.length > 0 && root.imports[root.imports.length - 1].$cstNode
      ? root.imports[root.imports.length - 1].$cstNode!.range.end
      : { line: 0, character: 0 };
    const prefix = root.imports.length > 0 ? '\n' : '';
    const suffix = root.imports.length > 0 ? '' : '\n';
    return [...targets].filter((t) => !existing.has(t)).sort().map((path, index) =>
      fix(`Add import "${path}" (declares ${name})`, document, diagnostic,
        [{ range: { start: insertAt, end: insertAt }, newText: `${prefix}import ${JSON.stringify(path)}${suffix}` }], index === 0));
  }

  private otherDocuments(document: LangiumDocument): ReturnType<typeof UriUtils.dirname>[] {
    const own = document.uri.toString();
    const seen = new Map<string, ReturnType<typeof UriUtils.dirname>>();
    for (const d of this.indexManager.allElements()) {
      if (d.documentUri.toString() !== own) seen.set(d.documentUri.toString(), d.documentUri);
    }
    return [...seen.values()];
  }
}

/** How an import names another document: a relative path for files, the library's own path otherwise. */
function importPathFor(dir: ReturnType<typeof UriUtils.dirname>, target: ReturnType<typeof UriUtils.dirname>): string {
  if (target.scheme === dir.scheme) {
    const relative = UriUtils.relative(dir, target);
    // As the examples write them: `import "./fleet.serve"`.
    return relative.startsWith('.') ? relative : `./${relative}`;
  }
  return target.path.replace(/^\//, '');
}

function fix(title: string, document: LangiumDocument, diagnostic: Diagnostic, edits: TextEdit[], isPreferred: boolean): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [document.uri.toString()]: edits } },
  };
}

function numberIn(data: DiagnosticData, key: string): number | undefined {
  const v = data?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The innermost node of the wanted type at the start of the range (or containing it). */
function nodeAt<T extends AstNode>(document: LangiumDocument, range: Range, is: (n: unknown) => n is T): T | undefined {
  const root = document.parseResult.value.$cstNode;
  if (!root) return undefined;
  const offsets = [document.textDocument.offsetAt(range.start), document.textDocument.offsetAt(range.end) - 1];
  for (const offset of offsets) {
    const leaf = CstUtils.findLeafNodeAtOffset(root, Math.max(0, offset));
    const node = leaf ? AstUtils.getContainerOfType(leaf.astNode, is) : undefined;
    if (node) return node;
  }
  // A diagnostic on a whole block: the first node of the type inside the range.
  const start = document.textDocument.offsetAt(range.start);
  const end = document.textDocument.offsetAt(range.end);
  for (const node of AstUtils.streamAst(document.parseResult.value)) {
    if (is(node) && node.$cstNode && node.$cstNode.offset >= start && node.$cstNode.end <= end) return node;
  }
  return undefined;
}

function poolFieldAt(document: LangiumDocument, range: Range, key: string): ast.PoolField | undefined {
  const field = nodeAt(document, range, ast.isPoolField);
  if (field?.key === key) return field;
  const pool = nodeAt(document, range, ast.isPool);
  const pools = pool ? [pool] : nodeAt(document, range, ast.isDeployment)?.items.filter(ast.isPool) ?? [];
  return pools.flatMap((p) => p.fields).find((f) => f.key === key);
}

function poolsAt(document: LangiumDocument, range: Range): ast.Pool[] {
  const pool = nodeAt(document, range, ast.isPool);
  if (pool) return [pool];
  return nodeAt(document, range, ast.isDeployment)?.items.filter(ast.isPool) ?? [];
}

/** A model's field, following `= base` / `extends base` (the nearest declaration wins). */
export function modelField(model: ast.Model, key: string): number | undefined {
  const seen = new Set<ast.Model>();
  for (let m: ast.Model | undefined = model; m && !seen.has(m); m = m.base?.ref) {
    seen.add(m);
    const field = m.items.find((i): i is ast.ModelField => ast.isModelField(i) && i.key === key);
    if (field) return field.value.value;
  }
  return undefined;
}

function poolGpus(pool: ast.Pool): number {
  const get = (k: string) => poolFieldValue(pool, k);
  return get('gpus') ?? (get('tp') ?? 1) * (get('pp') ?? 1) * (get('attention_dp') ?? 1);
}

function deploymentGpus(deployment: ast.Deployment): number {
  return deployment.items.filter(ast.isPool).reduce((sum, pool) => {
    const afd = (poolFieldValue(pool, 'attention') ?? 0) + (poolFieldValue(pool, 'ffn') ?? 0);
    return sum + (pool.replicas?.value ?? 1) * (afd > 0 ? afd : poolGpus(pool));
  }, 0);
}

/** The two values nearest to `current`, one below and one above when there are, nearest first (larger on a tie). */
export function nearestValues(values: number[], current: number): number[] {
  const below = values.filter((v) => v < current).sort((a, b) => b - a)[0];
  const above = values.filter((v) => v > current).sort((a, b) => a - b)[0];
  return [below, above].filter((d): d is number => d !== undefined)
    .sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || b - a);
}

/** The heads / routed experts of the deployment's model, resolved (library models included). */
function headsOf(document: LangiumDocument, diagnostic: Diagnostic): number | undefined {
  const model = nodeAt(document, diagnostic.range, ast.isDeployment)?.model?.ref;
  return model ? new Resolver().model(model).value?.attention.heads : undefined;
}

function expertsOf(document: LangiumDocument, diagnostic: Diagnostic): number | undefined {
  const model = nodeAt(document, diagnostic.range, ast.isDeployment)?.model?.ref;
  return model ? new Resolver().model(model).value?.moe?.experts : undefined;
}

/** The divisors of `total` nearest to `current`: the largest below and the smallest above, nearest first. */
export function nearestDivisors(total: number, current: number): number[] {
  const divisors: number[] = [];
  for (let d = 1; d <= total; d++) if (total % d === 0) divisors.push(d);
  const below = divisors.filter((d) => d < current).pop();
  const above = divisors.find((d) => d > current);
  return [below, above].filter((d): d is number => d !== undefined)
    // On a tie the larger one first: more shards leave more memory per GPU.
    .sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || b - a);
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

function numberRange(q: ast.Quantity): Range {
  const node = q.$cstNode ? GrammarUtils.findNodeForProperty(q.$cstNode, 'value') : undefined;
  return (node ?? q.$cstNode!).range;
}

/**
 * How far an import path is from an existing file, by file name without
 * folder, extension or case: the same name first, then a name that contains
 * the other (`fleet` for `fleet-h100`), then by edit distance (`flet` -> `fleet`).
 */
function importPathDistance(written: string, candidate: string): number {
  const base = (s: string) => s.replace(/^.*\//, '').replace(/\.serve$/, '').toLowerCase();
  const x = base(written);
  const y = base(candidate);
  if (x === y) return 0;
  return y.includes(x) || x.includes(y) ? 1 : 2 + editDistance(x, y);
}
