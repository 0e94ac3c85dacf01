/**
 * The servescope VS Code extension: a thin client. It starts the language
 * server, registers the commands, the status bar verdict and the results
 * panel, and measures its own activation time (logged to the "servescope"
 * output channel and returned in the API for tests).
 */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { ResultsParams } from '../protocol.js';
import { createClient } from './client.js';
import { registerCommands } from './commands.js';
import { registerLibraryDocuments } from './library-documents.js';
import { ResultsPanel } from './results-panel.js';
import { ResultsStore } from './results-store.js';
import { VerdictStatusBar } from './status-bar.js';
import { formatFixed } from '../format/quantities.js';

/** Module evaluation time: activation is measured from here (bundle load included). */
const loadedAt = performance.now();

/** What `activate` returns: used by the test-electron suite. */
export interface ServescopeApi {
  /** Milliseconds from bundle load to the end of activate(). */
  activationMs: number;
  /** Resolves once the language server answered `initialize`. */
  serverReady: Promise<void>;
  /** The latest results the server sent for a document. */
  results(uri: vscode.Uri): ResultsParams | undefined;
  onDidChangeResults: vscode.Event<ResultsParams>;
  panelVisible(): boolean;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ServescopeApi {
  const output = vscode.window.createOutputChannel('servescope');
  const store = new ResultsStore();
  const panel = new ResultsPanel(context.extensionUri, store, output);
  client = createClient(context, store, output);
  context.subscriptions.push(
    output, store, panel, new VerdictStatusBar(store),
    ...registerCommands({ client, store, panel, output }),
    ...registerLibraryDocuments(client),
  );

  const startedAt = performance.now();
  const serverReady = client.start().then(
    () => output.appendLine(`language server ready in ${formatFixed(performance.now() - startedAt, 0)} ms`),
    (e: unknown) => {
      output.appendLine(`language server failed to start: ${String(e)}`);
      throw e;
    },
  );
  // The client reports the failure to the user itself; tests await serverReady.
  serverReady.catch(() => undefined);
  const activationMs = performance.now() - loadedAt;
  output.appendLine(`servescope activated in ${formatFixed(activationMs, 1)} ms`);
  return {
    activationMs,
    serverReady,
    results: (uri) => store.get(uri),
    onDidChangeResults: store.onDidChange,
    panelVisible: () => panel.visible,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
