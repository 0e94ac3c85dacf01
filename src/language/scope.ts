/**
 * Name resolution: a reference sees, in order, the names of its own document,
 * then those of the documents it imports (transitively), then the built-in
 * library. Other files of the workspace are not visible without an import,
 * so a document means the same in the editor and on the command line.
 */
import type { AstNodeDescription, LangiumDocuments, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultScopeProvider, MultiMapScope, WorkspaceCache } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { Document } from './generated/ast.js';
import { importedUris } from './imports.js';
import { LIBRARY_FILES, libraryUri } from './library.js';

export class ServescopeScopeProvider extends DefaultScopeProvider {
  private readonly documents: LangiumDocuments;
  /** Any document change may change what an import brings in: evict on every change. */
  private readonly importScopes: WorkspaceCache<string, Scope>;
  private readonly libraryUris = new Set(Object.keys(LIBRARY_FILES).map((f) => libraryUri(f).toString()));

  constructor(services: LangiumServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
    this.importScopes = new WorkspaceCache(services.shared);
  }

  protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
    const library = this.globalScopeCache.get(referenceType, () =>
      new MultiMapScope(this.indexManager.allElements(referenceType, this.libraryUris)));
    const document = AstUtils.getDocument(context.container);
    return this.importScopes.get(`${document.uri.toString()}\n${referenceType}`, () => {
      const uris = importedUris(this.documents, document.uri, document.parseResult.value as Document);
      uris.delete(document.uri.toString());
      for (const u of this.libraryUris) uris.delete(u);
      if (uris.size === 0) return library;
      const imported: Iterable<AstNodeDescription> = this.indexManager.allElements(referenceType, uris);
      return new MultiMapScope(imported, library);
    });
  }
}
