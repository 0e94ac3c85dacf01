import { describe, expect, test } from 'vitest';
import { expectFindReferences, expectFoldings, expectGoToDefinition, expectSymbols, textDocumentPositionParams } from 'langium/test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { createTestServices } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';

describe('definition, references, rename, symbols, folding', () => {
  test('go to definition of a GPU used by a cluster', async () => {
    const { Servescope } = createTestServices();
    await expectGoToDefinition(Servescope)({
      text: 'gpu <|H100|> {\n  memory 80 GB\n}\ncluster c {\n  nodes 1 of 8 x <|>H100\n}',
      index: 0, rangeIndex: 0, disposeAfterCheck: true,
    });
  });

  test('find references of a model, declaration included', async () => {
    const { Servescope } = createTestServices();
    await expectFindReferences(Servescope)({
      text: 'model <|<|>m|> {\n  layers 2\n}\nmodel n = <|m|>\nworkload w {\n}\ncluster c {\n}\ndeployment d serves <|m|> on c for w {\n}',
      includeDeclaration: true, disposeAfterCheck: true,
    });
  });

  test('go to definition and rename across files', async () => {
    const services = createTestServices();
    const defs = await services.parse('model base70b {\n  layers 2\n}\nworkload w {\n}\ncluster c {\n}\n', '/workspace/defs.serve');
    const useText = 'import "defs.serve"\ndeployment d serves base70b on c for w {\n}\n';
    const use = await services.parse(useText, '/workspace/use.serve');
    const offset = useText.indexOf('base70b on') + 2;
    const definitions = await services.Servescope.lsp.DefinitionProvider!.getDefinition(use, textDocumentPositionParams(use, offset));
    expect(definitions?.[0].targetUri).toBe(defs.uri.toString());
    const edit = await services.Servescope.lsp.RenameProvider!.rename(use, { ...textDocumentPositionParams(use, offset), newName: 'common' });
    const changes = edit?.changes ?? {};
    expect(Object.keys(changes).sort()).toEqual([defs.uri.toString(), use.uri.toString()].sort());
    expect(changes[defs.uri.toString()].map((e) => e.newText)).toEqual(['common']);
    expect(changes[use.uri.toString()].map((e) => e.newText)).toEqual(['common']);
  });

  test('document symbols: the outline lists every element by name', async () => {
    const { Servescope } = createTestServices();
    await expectSymbols(Servescope)({
      text: SCENARIO, disposeAfterCheck: true,
      assert: (symbols: DocumentSymbol[]) => {
        expect(symbols.map((s) => s.name)).toEqual(['H100', 'hgx', 'llama70b', 'chat', 'main']);
        expect(symbols.every((s) => s.kind !== undefined && s.kind >= SymbolKind.File)).toBe(true);
      },
    });
  });

  test('every block folds', async () => {
    const { Servescope } = createTestServices();
    await expectFoldings(Servescope)({
      text: '<|gpu g {\n  memory 80 GB|>\n}\n<|deployment d serves m on c for w {\n  <|aggregated {\n    tp 8|>\n  }|>\n}',
      disposeAfterCheck: true,
    });
  });
});
