/**
 * `import "./fleet.serve"`: paths are relative to the importing document.
 * Imports are followed transitively; cycles are harmless.
 */
import type { LangiumDocuments } from 'langium';
import { URI, UriUtils } from 'langium';
import type { Document, Import } from './generated/ast.js';

export function importPath(imp: Import): string {
  const s = imp.path;
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") ? s.slice(1, -1) : s;
}

export function resolveImportUri(documentUri: URI, imp: Import): URI {
  return UriUtils.resolvePath(UriUtils.dirname(documentUri), importPath(imp));
}

/** URIs (as strings) of the documents `root` imports, directly or through others, that the workspace holds. */
export function importedUris(documents: LangiumDocuments, rootUri: URI, root: Document): Set<string> {
  const seen = new Set<string>();
  const queue: Array<[URI, Document]> = [[rootUri, root]];
  while (queue.length > 0) {
    const [uri, doc] = queue.pop()!;
    for (const imp of doc.imports ?? []) {
      if (typeof imp.path !== 'string') continue;
      const target = resolveImportUri(uri, imp);
      const key = target.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const loaded = documents.getDocument(target);
      if (loaded) queue.push([target, loaded.parseResult.value as Document]);
    }
  }
  return seen;
}
