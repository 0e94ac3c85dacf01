/**
 * Starts the language server (out/server.cjs) over Node IPC, rust-analyzer
 * style: the server does all language work; the client forwards settings and
 * collects the results notifications.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { RESULTS_NOTIFICATION, SETTINGS_SECTION, type ResultsParams } from '../protocol.js';
import { LANGUAGE_ID } from './ids.js';
import type { ResultsStore } from './results-store.js';
import { readSettings } from './settings.js';

export function createClient(context: vscode.ExtensionContext, store: ResultsStore, output: vscode.OutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'out', 'server.cjs').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // F5 debugging of the server: attach to 6009.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    initializationOptions: readSettings(),
  };
  const client = new LanguageClient('servescope', 'servescope language server', serverOptions, clientOptions);
  client.onNotification(RESULTS_NOTIFICATION, (params: ResultsParams) => store.set(params));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION) || !client.isRunning()) return;
      void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SETTINGS_SECTION]: readSettings() } });
    }),
    vscode.workspace.onDidCloseTextDocument((d) => store.delete(d.uri.toString())),
  );
  return client;
}
