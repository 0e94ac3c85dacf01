import { describe, expect, test } from 'vitest';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { createTestServices } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';

describe('semantic tokens', () => {
  test('names, references, numbers, units and keys get their token types', async () => {
    const services = createTestServices();
    const document = await services.parse(SCENARIO);
    const provider = services.Servescope.lsp.SemanticTokenProvider!;
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const legend = provider.tokenTypes;
    const typeName = Object.fromEntries(Object.entries(legend).map(([name, index]) => [index, name]));
    // Decode the relative encoding into (text, type) pairs.
    const lines = SCENARIO.split('\n');
    const decoded: Array<[string, string]> = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      decoded.push([lines[line].slice(character, character + length), typeName[type]]);
    }
    expect(decoded).toContainEqual(['H100', SemanticTokenTypes.class]);
    expect(decoded).toContainEqual(['llama70b', SemanticTokenTypes.type]);
    expect(decoded).toContainEqual(['main', SemanticTokenTypes.function]);
    expect(decoded).toContainEqual(['989', SemanticTokenTypes.number]);
    expect(decoded).toContainEqual(['TB/s', SemanticTokenTypes.macro]);
    expect(decoded).toContainEqual(['max_batch', SemanticTokenTypes.property]);
    expect(decoded).toContainEqual(['fp8', SemanticTokenTypes.enumMember]);
  });
});
