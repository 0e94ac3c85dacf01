/** The editor over documents that name the built-in library (as examples/ do). */
import { describe, expect, test } from 'vitest';
import { textDocumentPositionParams } from 'langium/test';
import type { CompletionList, InlayHint } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { createTestServices } from './helpers.js';
import { LIBRARY_SCENARIO, SCENARIO } from './fixtures/scenario.js';

describe('editor over the built-in library', () => {
  test('the test scenarios validate without errors', async () => {
    const services = createTestServices();
    for (const text of [SCENARIO, LIBRARY_SCENARIO]) {
      const document = await services.parse(text);
      expect((document.diagnostics ?? []).filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    }
  });

  test('a model bound to a library model gets its parameter and KV hint (fp8 KV from the deployment)', async () => {
    const services = createTestServices();
    const document = await services.parse(LIBRARY_SCENARIO);
    const hints = await services.Servescope.lsp.InlayHintProvider!.getInlayHints(document, {
      textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(LIBRARY_SCENARIO.length) },
    }) as InlayHint[];
    // Llama 3.1 70B: 70.6B parameters; 80 layers x 2 x 8 KV heads x 128 x 1 byte.
    expect(hints.find((h) => h.position.line === 0)?.label).toBe('70.6B params · KV 164 KB/token (fp8)');
  });

  test('a library cluster shows its GPUs, aggregate FLOPS, HBM and tiers on hover', async () => {
    const services = createTestServices();
    const document = await services.parse(LIBRARY_SCENARIO);
    const hover = await services.Servescope.lsp.HoverProvider!.getHoverContent(document,
      textDocumentPositionParams(document, LIBRARY_SCENARIO.indexOf('hgx_h100_8') + 2));
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    expect(value).toContain('**cluster hgx_h100_8**');
    expect(value).toContain('1 x 8 x H100_SXM = 8 GPUs');
    expect(value).toContain('7.91 PFLOPS bf16');
    expect(value).toContain('Source: NVIDIA DGX/HGX H100');
  });

  test('a library model shows its architecture and source on hover', async () => {
    const services = createTestServices();
    const document = await services.parse(LIBRARY_SCENARIO);
    const hover = await services.Servescope.lsp.HoverProvider!.getHoverContent(document,
      textDocumentPositionParams(document, LIBRARY_SCENARIO.indexOf('llama3_70b') + 2));
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    expect(value).toContain('**model llama3_70b**');
    expect(value).toContain('parameters: 70.6B');
    expect(value).toContain('80 layers, hidden 8192');
  });

  test('completion offers library names where a reference goes', async () => {
    const services = createTestServices();
    const text = 'deployment d serves llama70b on ';
    const document = await services.parse(`model llama70b = llama3_70b\n${text}`);
    const list = await services.Servescope.lsp.CompletionProvider!.getCompletion(document,
      textDocumentPositionParams(document, document.textDocument.getText().length)) as CompletionList;
    expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['hgx_h100_8', 'h100_rack_32']));
  });
});
