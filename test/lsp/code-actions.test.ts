import { describe, expect, test } from 'vitest';
import { DocumentValidator, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { createTestServices } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';
import { nearestDivisors } from '../../src/language/lsp/code-action-provider.js';
import { EngineCodes } from '../../src/language/lsp/engine-findings.js';

/** A diagnostic as the validator reports it, on the first occurrence of `needle`. */
function diagnosticOn(document: LangiumDocument, needle: string, code: string, data: Record<string, unknown> = {}): Diagnostic {
  const text = document.textDocument.getText();
  const start = text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  return {
    range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(start + needle.length) },
    severity: DiagnosticSeverity.Error, message: code, code, data: { code, ...data }, source: 'servescope',
  };
}

async function fixes(text: string, needle: string, code: string, data?: Record<string, unknown>) {
  const services = createTestServices();
  const document = await services.parse(text);
  const diagnostic = diagnosticOn(document, needle, code, data);
  const actions = await services.Servescope.lsp.CodeActionProvider!.getCodeActions(document, {
    textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  }) as CodeAction[];
  const apply = (action: CodeAction) => applyEdits(text, action.edit!.changes![document.uri.toString()]);
  return { actions, apply };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('quick fixes', () => {
  test('tp that does not divide the heads: the nearest divisors, from the model in the document', async () => {
    const text = SCENARIO.replace('tp 8', 'tp 6');
    const { actions, apply } = await fixes(text, 'tp 6', 'tpNotDividingHeads');
    expect(actions.map((a) => a.title)).toEqual(['Set tp to 8 (divides the 64 heads)', 'Set tp to 4 (divides the 64 heads)']);
    expect(actions[0].isPreferred).toBe(true);
    expect(apply(actions[0])).toContain('    tp 8\n');
  });

  test('ep that does not divide the experts uses the figure the diagnostic carries', async () => {
    const text = SCENARIO.replace('tp 8', 'tp 8\n    ep 12');
    const { actions, apply } = await fixes(text, 'ep 12', 'expertsNotDivisibleByEp', { experts: 256 });
    expect(actions[0].title).toBe('Set ep to 16 (divides the 256 experts)');
    expect(apply(actions[0])).toContain('ep 16');
  });

  test('an unknown unit is replaced with the nearest valid unit for the field', async () => {
    const text = SCENARIO.replace('memory 80 GB', 'memory 80 GX');
    const { actions, apply } = await fixes(text, 'GX', 'unknownUnit', { unit: 'GX' });
    expect(actions[0].title).toBe("Replace 'GX' with 'GB'");
    expect(apply(actions[0])).toContain('memory 80 GB at 3.35 TB/s');
    const slo = await fixes(SCENARIO.replace('ttft 500 ms', 'ttft 500 mz'), 'mz', 'unknownUnit');
    expect(slo.actions[0].title).toBe("Replace 'mz' with 'ms'");
  });

  test('memory that does not fit: the pool gets more GPUs (tp doubled, or scaled to what the diagnostic asks)', async () => {
    const doubled = await fixes(SCENARIO, 'aggregated x 2', EngineCodes.memoryDoesNotFit);
    expect(doubled.actions[0].title).toBe('Raise the aggregated pool to 16 GPUs per replica (tp 16) so that it fits');
    expect(doubled.apply(doubled.actions[0])).toContain('tp 16');
    const scaled = await fixes(SCENARIO, 'aggregated x 2', 'memoryDoesNotFit', { requiredGpus: 28 });
    expect(scaled.apply(scaled.actions[0])).toContain('tp 32');
  });

  test('a deployment larger than its cluster: the cluster grows to enough nodes', async () => {
    const text = SCENARIO.replace('aggregated x 2', 'aggregated x 4');
    const { actions, apply } = await fixes(text, 'deployment main', 'tooManyGpus');
    expect(actions[0].title).toBe('Grow cluster hgx to 4 nodes (32 GPUs)');
    expect(apply(actions[0])).toContain('nodes 4 of 8 x H100');
  });

  test('a name declared in another file: add its import', async () => {
    const services = createTestServices();
    await services.parse('model far70b {\n  layers 2\n}\n', '/workspace/models/far.serve');
    const text = 'deployment d serves far70b on c for w {\n}\n';
    const document = await services.parse(text, '/workspace/use.serve');
    const diagnostic = diagnosticOn(document, 'far70b', DocumentValidator.LinkingError, { refText: 'far70b', containerType: 'Deployment', property: 'model' });
    const actions = await services.Servescope.lsp.CodeActionProvider!.getCodeActions(document, {
      textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Add import "./models/far.serve" (declares far70b)']);
    expect(applyEdits(text, actions[0].edit!.changes![document.uri.toString()])).toBe(`import "./models/far.serve"\n${text}`);
  });

  test('an import of a missing file: the nearest file name, a typo beating a name of the same length', async () => {
    const services = createTestServices();
    await services.parse('model far70b {\n  layers 2\n}\n', '/workspace/fleet.serve');
    await services.parse('model near8b {\n  layers 2\n}\n', '/workspace/plan.serve');
    const text = 'import "./flet.serve"\n';
    const document = await services.parse(text, '/workspace/use.serve');
    const diagnostic = diagnosticOn(document, '"./flet.serve"', 'unresolvedImport');
    const actions = await services.Servescope.lsp.CodeActionProvider!.getCodeActions(document, {
      textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) as CodeAction[];
    // 'plan' (and the library's 'gpus') have flet's length, but fleet is one edit away.
    expect(actions.map((a) => a.title)).toEqual(['Import "fleet.serve" instead']);
    expect(applyEdits(text, actions[0].edit!.changes![document.uri.toString()])).toBe('import "fleet.serve"\n');
  });

  test('diagnostics without a fix get no action', async () => {
    const { actions } = await fixes(SCENARIO, 'deployment main', 'somethingElse');
    expect(actions).toEqual([]);
  });

  test('nearest divisors below and above, nearest first', () => {
    expect(nearestDivisors(64, 6)).toEqual([8, 4]);
    expect(nearestDivisors(128, 3)).toEqual([4, 2]);
    expect(nearestDivisors(96, 10)).toEqual([12, 8]);
    expect(nearestDivisors(7, 9)).toEqual([7]);
  });
});
