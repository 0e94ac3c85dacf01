/**
 * Quick fixes against the validator's real diagnostics: validate, take the
 * diagnostic by code, apply the preferred fix, validate again: the error is gone.
 */
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { createTestServices } from './helpers.js';

async function fixOnce(text: string, code: string, path?: string, services = createTestServices()) {
  const document = await services.parse(text, path);
  const diagnostic = (document.diagnostics ?? []).find((d: Diagnostic) => (d.code ?? (d.data as { code?: string })?.code) === code);
  expect(diagnostic, `a ${code} diagnostic in:\n${text}\n${JSON.stringify(document.diagnostics?.map((d) => d.message))}`).toBeDefined();
  const actions = await services.Servescope.lsp.CodeActionProvider!.getCodeActions(document, {
    textDocument: { uri: document.uri.toString() }, range: diagnostic!.range, context: { diagnostics: [diagnostic!] },
  }) as CodeAction[];
  const preferred = actions.find((a) => a.isPreferred) ?? actions[0];
  expect(preferred, `a fix for ${code}`).toBeDefined();
  const fixed = TextDocument.applyEdits(document.textDocument, preferred.edit!.changes![document.uri.toString()]);
  const after = await services.parse(fixed, path?.replace(/\.serve$/, '.fixed.serve'));
  const codes = (after.diagnostics ?? []).map((d) => String(d.code ?? (d.data as { code?: string })?.code));
  return { title: preferred.title, fixed, codes, actions };
}

const deployment = (pool: string, precision = 'precision bf16') =>
  `deployment d serves llama3_70b on hgx_h100_8 for chat {\n  ${precision}\n  ${pool}\n}\n`;

describe('quick fixes on validated documents', () => {
  test('unknown unit', async () => {
    const { title, codes } = await fixOnce('gpu g {\n  compute bf16 989 TFLOPS\n  memory 80 GX at 3.35 TB/s\n}\n', 'unknownUnit');
    expect(title).toBe("Replace 'GX' with 'GB'");
    expect(codes).not.toContain('unknownUnit');
  });

  test('tp that does not divide the heads: the validator\'s dividing values within the pool\'s GPUs', async () => {
    const { title, codes, actions } = await fixOnce(deployment('aggregated { gpus 6 tp 6 }'), 'tpNotDividingHeads');
    // 8 would divide the heads too, but the pool has 6 GPUs.
    expect(title).toBe('Set tp to 4 (divides the 64 heads)');
    expect(actions.map((a) => a.title)).toEqual(['Set tp to 4 (divides the 64 heads)']);
    expect(codes).not.toContain('tpNotDividingHeads');
  });

  test('tp that divides neither the heads nor the pool\'s GPUs: one fix mends both', async () => {
    // gpus 8 is not a multiple of tp 6 (layoutMismatch), and 6 does not divide 64 heads.
    const { title, fixed, codes } = await fixOnce(deployment('aggregated { gpus 8 tp 6 }', 'precision fp8'), 'tpNotDividingHeads');
    expect(title).toBe('Set tp to 8 (divides the 64 heads)');
    expect(fixed).toContain('aggregated { gpus 8 tp 8 }');
    expect(codes).not.toContain('tpNotDividingHeads');
    expect(codes).not.toContain('layoutMismatch');
  });

  test('a pool that does not fit gets the GPUs it needs', async () => {
    // Llama 3.1 70B in bf16: 141 GB of weights; 80 GiB per H100.
    const { title, fixed, codes } = await fixOnce(deployment('aggregated { gpus 1 tp 1 }'), 'memoryDoesNotFit');
    expect(title).toBe('Raise the aggregated pool to 2 GPUs per replica (tp 2) so that it fits');
    expect(fixed).toContain('aggregated { gpus 2 tp 2 }');
    expect(codes).not.toContain('memoryDoesNotFit');
  });

  test('a deployment larger than its (library) cluster: fewer replicas', async () => {
    const { title, codes } = await fixOnce(deployment('aggregated x 4 { gpus 4 tp 4 }', 'precision fp8'), 'tooManyGpus');
    expect(title).toBe('Reduce aggregated to 2 replicas (8 of 8 GPUs)');
    expect(codes).not.toContain('tooManyGpus');
  });

  test('a name declared in a file that is not imported: add the import', async () => {
    const services = createTestServices();
    await services.parse('model far70b = llama3_70b\n', '/workspace/models/far.serve');
    const { title, fixed, codes } = await fixOnce(
      'deployment d serves far70b on hgx_h100_8 for chat {\n  precision fp8\n  aggregated { gpus 8 tp 8 }\n}\n',
      'linking-error', '/workspace/use.serve', services);
    expect(title).toBe('Add import "./models/far.serve" (declares far70b)');
    expect(fixed.startsWith('import "./models/far.serve"\n')).toBe(true);
    expect(codes).not.toContain('linking-error');
  });

  test('a number without its unit gets the usual unit of the field', async () => {
    const { title, codes } = await fixOnce('gpu g {\n  compute bf16 989 TFLOPS\n  memory 80 at 3.35 TB/s\n}\n', 'wrongDimension');
    expect(title).toBe("Add the unit 'GB'");
    expect(codes).not.toContain('wrongDimension');
  });

  test('a unit of the wrong kind is replaced with one of the right kind', async () => {
    const { title, codes } = await fixOnce('gpu g {\n  compute bf16 989 TFLOPS\n  memory 80 GB/s at 3.35 TB/s\n}\n', 'wrongDimension');
    expect(title).toBe("Replace 'GB/s' with 'GB'");
    expect(codes).not.toContain('wrongDimension');
  });

  test('a missing required field is added with the line the validator proposes', async () => {
    const text = 'gpu g {\n  compute bf16 989 TFLOPS\n}\n';
    const services = createTestServices();
    const document = await services.parse(text);
    const missing = (document.diagnostics ?? []).filter((d) => d.code === 'missingField');
    expect(missing.length).toBeGreaterThan(0);
    const { title, fixed, codes } = await fixOnce(text, 'missingField');
    expect(title).toMatch(/^Add 'memory /);
    expect(fixed).toMatch(/^gpu g \{\n  compute bf16 989 TFLOPS\n  memory [^\n]+\n\}\n$/);
    expect(codes.filter((c) => c === 'missingField').length).toBeLessThan(missing.length);
  });
});
