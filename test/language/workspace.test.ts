import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { createServescopeServices } from '../../src/language/lsp/lsp-module.js';
import { isLibraryUri, LIBRARY_FILES } from '../../src/language/library.js';
import type { Document } from '../../src/language/generated/ast.js';

describe('language server workspace', () => {
  it('loads the built-in library with the workspace folders, so library names link', async () => {
    const { shared } = createServescopeServices({ ...EmptyFileSystem });
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const docs = shared.workspace.LangiumDocuments.all.toArray();
    expect(docs.filter((d) => isLibraryUri(d.uri)).length).toBe(Object.keys(LIBRARY_FILES).length);

    const doc = shared.workspace.LangiumDocumentFactory.fromString<Document>(
      'deployment d serves llama3_70b on hgx_h100_8 for chat { aggregated { gpus 8 } }', URI.parse('file:///w/a.serve'));
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    expect(doc.diagnostics).toEqual([]);
    const d = doc.parseResult.value.elements[0] as { model: { ref?: { name: string; $document?: { uri: URI } } } };
    expect(d.model.ref?.name).toBe('llama3_70b');
  });

  it('does not resolve names of a workspace file that is not imported', async () => {
    const { shared } = createServescopeServices({ ...EmptyFileSystem });
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const make = (uri: string, text: string) => {
      const doc = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(uri));
      shared.workspace.LangiumDocuments.addDocument(doc);
      return doc;
    };
    const fleet = make('file:///w/fleet.serve', 'model mine = llama3_8b');
    const user = make('file:///w/user.serve', 'deployment d serves mine on hgx_h100_8 for chat { aggregated { gpus 1 } }');
    const importer = make('file:///w/importer.serve', 'import "./fleet.serve"\ndeployment d serves mine on hgx_h100_8 for chat { aggregated { gpus 1 } }');
    await shared.workspace.DocumentBuilder.build([fleet, user, importer], { validation: true });
    expect(user.diagnostics?.map((d) => d.message)).toEqual(["unknown model 'mine' (not in this file, its imports or the library)"]);
    expect(importer.diagnostics).toEqual([]);
  });
});
