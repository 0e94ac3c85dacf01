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
  // The server receives the `servescope` section as readSettings() makes it
  // (defaults filled, calibration path absolute) on all three paths: the
  // initializationOptions, its workspace/configuration pulls, and the
  // didChangeConfiguration notifications it registers for (Langium does).
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    initializationOptions: readSettings(),
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => item.section === SETTINGS_SECTION ? readSettings() : answers[i]);
        },
        didChangeConfiguration: async (sections, next) => {
          if (!sections?.includes(SETTINGS_SECTION)) return next(sections);
          await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SETTINGS_SECTION]: readSettings() } });
        },
      },
    },
  };
  const client = new LanguageClient('servescope', 'servescope language server', serverOptions, clientOptions);
  client.onNotification(RESULTS_NOTIFICATION, (params: ResultsParams) => store.set(params));
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => store.delete(d.uri.toString())));
  return client;
}
