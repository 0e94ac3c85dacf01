import { readFileSync, readdirSync } from 'node:fs';
import { DefaultScopeComputation, type AstNode, type AstNodeDescription, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, nodeServices } from '../../src/cli/load.js';
import { LIBRARY_FILES, libraryUri } from '../../src/language/library.js';
import { ServescopeScopeComputation } from '../../src/language/scope-computation.js';

/** Local symbols as comparable rows: container type/name, then the descriptions in order. */
function rows(symbols: Awaited<ReturnType<DefaultScopeComputation['collectLocalSymbols']>>): string[] {
  const out: string[] = [];
  for (const [container, desc] of (symbols as unknown as { entries(): Iterable<[AstNode, AstNodeDescription]> }).entries()) {
    out.push(`${container.$type}@${container.$cstNode?.offset} -> ${desc.type} ${desc.name} ${desc.path}`);
  }
  return out;
}

describe('ServescopeScopeComputation', () => {
  const { Servescope, shared } = nodeServices();
  const fast = Servescope.references.ScopeComputation;
  const reference = new DefaultScopeComputation(Servescope);

  it('is the scope computation the services use', () => {
    expect(fast).toBeInstanceOf(ServescopeScopeComputation);
  });

  const documents: Array<[string, () => Promise<LangiumDocument>]> = [
    ...readdirSync('examples').filter((f) => f.endsWith('.serve')).map((f): [string, () => Promise<LangiumDocument>] =>
      [`examples/${f}`, async () => (await loadScenarioFile(`examples/${f}`)).document]),
    ...Object.keys(LIBRARY_FILES).map((f): [string, () => Promise<LangiumDocument>] =>
      [`library/${f}`, async () => shared.workspace.LangiumDocumentFactory.fromString(readFileSync(`library/${f}`, 'utf8'), libraryUri(`copy-${f}`))]),
  ];
  for (const [name, load] of documents) {
    it(`collects the same local symbols, in the same order, as Langium's default for ${name}`, async () => {
      const doc = await load();
      const expected = rows(await reference.collectLocalSymbols(doc));
      expect(expected.length).toBeGreaterThan(0);
      expect(rows(await fast.collectLocalSymbols(doc))).toEqual(expected);
    });
  }
});
