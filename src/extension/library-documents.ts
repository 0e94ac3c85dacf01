/**
 * The built-in library (GPUs, clusters, models, workloads) lives only in the
 * language server, under `builtin:///library/...`; go to definition on
 * `H100_SXM` or `deepseek_v3` lands there. This provider lets VS Code open
 * those URIs: read-only (a content provider's documents cannot be saved),
 * their text asked of the server, shown as the servescope language.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { LIBRARY_DOCUMENT_REQUEST, type LibraryDocumentParams, type LibraryDocumentResult } from '../protocol.js';
import { LANGUAGE_ID, LIBRARY_SCHEME } from './ids.js';

export function registerLibraryDocuments(client: LanguageClient): vscode.Disposable[] {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri, token) {
      // sendRequest waits for the client to have started (a restored editor may ask first).
      const params: LibraryDocumentParams = { uri: uri.toString() };
      const text = await client.sendRequest<LibraryDocumentResult>(LIBRARY_DOCUMENT_REQUEST, params, token);
      return text ?? `// ${uri.toString()}: not in servescope's built-in library\n`;
    },
  };
  const asServescope = (document: vscode.TextDocument) => {
    // The library files end in .serve, so VS Code usually picks the language itself; make sure.
    if (document.uri.scheme === LIBRARY_SCHEME && document.languageId !== LANGUAGE_ID) {
      void vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    }
  };
  vscode.workspace.textDocuments.forEach(asServescope);
  return [
    vscode.workspace.registerTextDocumentContentProvider(LIBRARY_SCHEME, provider),
    vscode.workspace.onDidOpenTextDocument(asServescope),
  ];
}
