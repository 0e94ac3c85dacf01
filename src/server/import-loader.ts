/**
 * Imported files that are neither open nor in a workspace folder (a file
 * opened on its own, importing its siblings) are read from disk and added to
 * the workspace, transitively: after each build, the imports of the documents
 * just built whose targets exist on disk and are not loaded yet are loaded
 * and the workspace is updated (the importing documents relink).
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Document } from '../language/generated/ast.js';
import { resolveImportUri } from '../language/imports.js';

export function loadImportsOnDemand(shared: LangiumSharedServices, log: (message: string) => void): void {
  const { LangiumDocuments, DocumentBuilder, FileSystemProvider, WorkspaceLock } = shared.workspace;
  DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, (built: LangiumDocument[]) => {
    const missing = new Map<string, URI>();
    const importers = new Map<string, URI>();
    for (const document of built) {
      const root = document.parseResult.value as Document;
      for (const imp of root.imports ?? []) {
        if (typeof imp.path !== 'string') continue;
        const target = resolveImportUri(document.uri, imp);
        if (target.scheme !== 'file' || LangiumDocuments.hasDocument(target)) continue;
        missing.set(target.toString(), target);
        importers.set(document.uri.toString(), document.uri);
      }
    }
    if (missing.size === 0) return;
    // After this build: a write action queued now runs when the current one ends.
    void WorkspaceLock.write(async (token) => {
      const added: URI[] = [];
      for (const target of missing.values()) {
        if (LangiumDocuments.hasDocument(target)) continue;
        try {
          if (!(await FileSystemProvider.exists(target))) continue;
          await LangiumDocuments.getOrCreateDocument(target);
          added.push(target);
        } catch (error) {
          log(`servescope: cannot load the imported file ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      // The importers too: their `unresolvedImport` diagnostics are validation, not linking.
      if (added.length > 0) await DocumentBuilder.update([...added, ...importers.values()], [], token);
    }).catch((error: unknown) => log(`servescope: loading imports failed: ${String(error)}`));
  });
}
