/**
 * The built-in library (library/*.serve): GPUs, clusters, models and workload
 * presets every document can name without importing. The files are bundled
 * as text (`?raw`), so the CLI and the language server work without the
 * repository folder, and live in the workspace under `builtin:///library/...`.
 */
import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import gpus from '../../library/gpus.serve?raw';
import clusters from '../../library/clusters.serve?raw';
import models from '../../library/models.serve?raw';
import workloads from '../../library/workloads.serve?raw';

export const LIBRARY_SCHEME = 'builtin';

export const LIBRARY_FILES: Readonly<Record<string, string>> = {
  'gpus.serve': gpus,
  'clusters.serve': clusters,
  'models.serve': models,
  'workloads.serve': workloads,
};

export function libraryUri(file: string): URI {
  return URI.parse(`${LIBRARY_SCHEME}:///library/${file}`);
}

export function isLibraryUri(uri: URI | string): boolean {
  return (typeof uri === 'string' ? URI.parse(uri) : uri).scheme === LIBRARY_SCHEME;
}

/** Library documents, created once per workspace (not yet built). */
export function libraryDocuments(shared: LangiumSharedCoreServices): LangiumDocument[] {
  const docs = shared.workspace.LangiumDocuments;
  const factory = shared.workspace.LangiumDocumentFactory;
  return Object.entries(LIBRARY_FILES).map(([file, text]) => {
    const uri = libraryUri(file);
    return docs.getDocument(uri) ?? factory.fromString(text, uri);
  });
}

/** Adds the library to a workspace that does not have it (CLI, tests); returns documents still to be built. */
export function ensureLibrary(shared: LangiumSharedCoreServices): LangiumDocument[] {
  const docs = shared.workspace.LangiumDocuments;
  const added: LangiumDocument[] = [];
  for (const doc of libraryDocuments(shared)) {
    if (!docs.hasDocument(doc.uri)) {
      docs.addDocument(doc);
      added.push(doc);
    }
  }
  return added;
}
