/**
 * Name resolution: a reference sees, in order, the names of its own document,
 * then those of the documents it imports (transitively), then the built-in
 * library. Other files of the workspace are not visible without an import,
 * so a document means the same in the editor and on the command line.
 *
 * All named elements are top-level, so one name -> element map per document
 * and reference type serves every reference of that document (Langium's
 * default scans the document's symbols linearly for each reference, which is
 * quadratic in a 2,000-line file).
 */
import type { AstNodeDescription, LangiumCoreServices, LangiumDocuments, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultScopeProvider, DocumentState, MultiMapScope, WorkspaceCache } from 'langium';
import type { Document } from './generated/ast.js';
import { importedUris } from './imports.js';
import { LIBRARY_FILES, libraryUri } from './library.js';

export class ServescopeScopeProvider extends DefaultScopeProvider {
  private readonly documents: LangiumDocuments;
  /** Rebuilt at every build's linking phase: imports, imported documents and the document itself may have changed. */
  private readonly scopes: WorkspaceCache<string, Scope>;
  private readonly libraryUris = new Set(Object.keys(LIBRARY_FILES).map((f) => libraryUri(f).toString()));

  constructor(services: LangiumCoreServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
    this.scopes = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
  }

  override getScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    const document = AstUtils.getDocument(context.container);
    return this.scopes.get(`${document.uri.toString()}\n${referenceType}`, () => {
      const root = document.parseResult.value;
      const local: Iterable<AstNodeDescription> = document.localSymbols?.has(root)
        ? document.localSymbols.getStream(root).filter((d) => this.reflection.isSubtype(d.type, referenceType))
        : [];
      return new MultiMapScope(local, this.getGlobalScope(referenceType, context));
    });
  }

  protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
    const library = this.globalScopeCache.get(referenceType, () =>
      new MultiMapScope(this.indexManager.allElements(referenceType, this.libraryUris)));
    const document = AstUtils.getDocument(context.container);
    const uris = importedUris(this.documents, document.uri, document.parseResult.value as Document);
    uris.delete(document.uri.toString());
    for (const u of this.libraryUris) uris.delete(u);
    if (uris.size === 0) return library;
    return new MultiMapScope(this.indexManager.allElements(referenceType, uris), library);
  }
}
