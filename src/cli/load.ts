/**
 * Loading a scenario file for the CLI (and for tests of every area): the file,
 * the files it imports (transitively) and the built-in library go into one
 * Langium workspace, are parsed, linked and validated, and — when no document
 * has an error — the file is lowered to a `Scenario`.
 */
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createServescopeCoreServices, type ServescopeCoreServices } from '../language/servescope-module.js';
import type { Document } from '../language/generated/ast.js';
import { ensureLibrary, isLibraryUri } from '../language/library.js';
import { resolveImportUri } from '../language/imports.js';
import { lowerDocument } from '../language/lowering.js';
import type { Scenario } from '../serving/types.js';

export type CliSeverity = 'error' | 'warning' | 'info';

export interface CliDiagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  severity: CliSeverity;
  code: string;
  message: string;
}

export interface LoadResult {
  uri: string;
  document: LangiumDocument<Document>;
  /** Of the file and of the files it imports, in file order. */
  diagnostics: CliDiagnostic[];
  errorCount: number;
  /** Present only when no document has an error. */
  scenario?: Scenario;
}

/** A user error (unreadable file, bad arguments): one line, no stack trace. */
export class CliUserError extends Error {
  constructor(message: string, readonly exitCode = 3) {
    super(message);
    this.name = 'CliUserError';
  }
}

let services: { shared: LangiumSharedCoreServices; Servescope: ServescopeCoreServices } | undefined;

/** The process-wide services for Node (file system access for imports). */
export function nodeServices(): { shared: LangiumSharedCoreServices; Servescope: ServescopeCoreServices } {
  services ??= createServescopeCoreServices({ ...NodeFileSystem });
  return services;
}

// Loads share one workspace; one at a time keeps each load's view consistent.
let queue: Promise<unknown> = Promise.resolve();
function serialize<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export function loadScenarioFile(path: string): Promise<LoadResult> {
  return serialize(async () => {
    const absolute = resolvePath(path);
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      throw new CliUserError(`cannot read ${path}: ${describeFsError(error)}`);
    }
    return loadInto(URI.file(absolute), text, path);
  });
}

/** Loads a document from text (tests, benches); `fileName` only names it in diagnostics; imports resolve relative to it. */
export function loadScenarioText(text: string, fileName = 'scenario.serve'): Promise<LoadResult> {
  return serialize(() => loadInto(URI.file(resolvePath(fileName)), text, fileName));
}

async function loadInto(uri: URI, text: string, displayName: string): Promise<LoadResult> {
  const { shared } = nodeServices();
  const documents = shared.workspace.LangiumDocuments;
  const builder = shared.workspace.DocumentBuilder;
  // Start from the library alone: files of an earlier load may have changed on disk.
  const stale = documents.all.filter((d) => !isLibraryUri(d.uri)).map((d) => d.uri).toArray();
  if (stale.length > 0) await builder.update([], stale);
  const fresh: LangiumDocument[] = ensureLibrary(shared);

  const factory = shared.workspace.LangiumDocumentFactory;
  const root = factory.fromString<Document>(text, uri);
  documents.addDocument(root);
  fresh.push(root);
  // Imports, breadth first; a missing file is left out and reported by the validator.
  const pending: LangiumDocument<Document>[] = [root];
  while (pending.length > 0) {
    const doc = pending.shift()!;
    for (const imp of doc.parseResult.value.imports ?? []) {
      if (typeof imp.path !== 'string') continue;
      const target = resolveImportUri(doc.uri, imp);
      if (target.scheme !== 'file' || documents.hasDocument(target)) continue;
      let importedText: string;
      try {
        importedText = await readFile(fileURLToPath(target.toString()), 'utf8');
      } catch {
        continue;
      }
      const imported = factory.fromString<Document>(importedText, target);
      documents.addDocument(imported);
      fresh.push(imported);
      pending.push(imported);
    }
  }
  await builder.build(fresh, { validation: true });

  const diagnostics: CliDiagnostic[] = [];
  for (const doc of fresh) {
    if (isLibraryUri(doc.uri)) continue;
    const name = doc === root ? displayName : relativeName(doc.uri, uri, displayName);
    const own = (doc.diagnostics ?? []).map((d) => toCliDiagnostic(name, d));
    own.sort((a, b) => a.line - b.line || a.col - b.col);
    diagnostics.push(...own);
  }
  // A broken library is a servescope bug; surface it rather than lowering garbage.
  for (const doc of documents.all.filter((d) => isLibraryUri(d.uri))) {
    for (const d of doc.diagnostics ?? []) {
      if (d.severity === 1) diagnostics.push(toCliDiagnostic(doc.uri.toString(), d));
    }
  }
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const result: LoadResult = { uri: uri.toString(), document: root as LangiumDocument<Document>, diagnostics, errorCount };
  if (errorCount === 0) result.scenario = lowerDocument(root.parseResult.value);
  return result;
}

/** A name for an imported file, relative to how the user named the root file. */
function relativeName(target: URI, root: URI, rootName: string): string {
  const rootPath = fileURLToPath(root.toString());
  const targetPath = fileURLToPath(target.toString());
  const base = rootPath.slice(0, rootPath.length - rootName.replace(/^\.\//, '').length);
  return rootName.startsWith('/') || !targetPath.startsWith(base) ? targetPath : targetPath.slice(base.length);
}

function toCliDiagnostic(file: string, d: Diagnostic): CliDiagnostic {
  const data = d.data as { code?: string } | undefined;
  let code = typeof d.code === 'string' ? d.code : undefined;
  if (!code || code === 'linking-error') {
    code = data?.code === 'linking-error' || d.code === 'linking-error' ? 'unresolvedName' : data?.code === 'lexing-error' || data?.code === 'parsing-error' ? 'syntaxError' : code ?? 'syntaxError';
  }
  const severity: CliSeverity = d.severity === 1 || d.severity === undefined ? 'error' : d.severity === 2 ? 'warning' : 'info';
  return {
    file, line: d.range.start.line + 1, col: d.range.start.character + 1, severity, code,
    message: d.message.replace(/\s*\n\s*/g, ' '),
  };
}

export function formatDiagnostic(d: CliDiagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

