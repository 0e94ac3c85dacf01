/**
 * The palette commands: show results, explore, export as JSON or CSV. Each
 * acts on the active .serve document (or the one the panel follows).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { EXPLORE_REQUEST, type ExploreRequestParams, type ExploreRequestResult } from '../protocol.js';
import { listBlocks } from './blocks.js';
import { reportToCsv } from './export-csv.js';
import { EXPLORE_COMMAND, EXPORT_CSV_COMMAND, EXPORT_JSON_COMMAND, LANGUAGE_ID, SHOW_LOG_COMMAND, SHOW_RESULTS_COMMAND } from './ids.js';
import type { ResultsPanel } from './results-panel.js';
import type { ResultsStore } from './results-store.js';

interface CommandDeps {
  client: LanguageClient;
  store: ResultsStore;
  panel: ResultsPanel;
  output: vscode.OutputChannel;
}

/** The .serve document a command acts on: the active editor's, else the last visible one. */
function targetDocument(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === LANGUAGE_ID) return active;
  return vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.languageId === LANGUAGE_ID);
}

function requireDocument(): vscode.TextDocument | undefined {
  const document = targetDocument();
  if (!document) void vscode.window.showWarningMessage('servescope: open a .serve file first');
  return document;
}

async function explore(deps: CommandDeps): Promise<void> {
  const document = requireDocument();
  if (!document) return;
  const names = listBlocks(document.getText(), 'explore').map((b) => b.name);
  if (names.length === 0) {
    void vscode.window.showWarningMessage('servescope: this document has no explore block (explore NAME serves MODEL on CLUSTER for WORKLOAD { ... })');
    return;
  }
  let name: string | undefined;
  if (names.length > 1) {
    const all = 'all explore blocks';
    const pick = await vscode.window.showQuickPick([all, ...names], { placeHolder: 'Which explore block to run' });
    if (!pick) return;
    name = pick === all ? undefined : pick;
  }
  const params: ExploreRequestParams = { uri: document.uri.toString(), name };
  let results: ExploreRequestResult | undefined;
  let cancelled = false;
  try {
    results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `servescope: exploring ${name ?? names.join(', ')}`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => { cancelled = true; });
        return deps.client.sendRequest<ExploreRequestResult>(EXPLORE_REQUEST, params, token);
      },
    );
  } catch (e) {
    // Cancelling is the user's choice, not an error; a server error (e.g. a document with errors) is said in one line.
    if (!cancelled) void vscode.window.showWarningMessage(`servescope: explore failed: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!results) return;
  deps.store.setExplorations(params.uri, results);
  deps.panel.show(document.uri);
  const summary = results.map((r) =>
    `${r.name}: ${r.feasible} of ${r.evaluated} configurations feasible, ${r.frontier.length} on the frontier (${Math.round(r.elapsedMs)} ms)`);
  void vscode.window.showInformationMessage(`servescope: ${summary.join('; ')}`);
}

async function exportResults(deps: CommandDeps, format: 'json' | 'csv'): Promise<void> {
  const document = requireDocument();
  if (!document) return;
  const results = deps.store.get(document.uri);
  if (!results?.report) {
    const why = results ? `the document has errors (${results.errors[0] ?? 'see Problems'})` : 'no results yet; save the document to run the engine';
    void vscode.window.showWarningMessage(`servescope: nothing to export: ${why}`);
    return;
  }
  const base = document.uri.path.replace(/\.serve$/, '');
  const target = await vscode.window.showSaveDialog({
    defaultUri: document.uri.with({ path: `${base}.results.${format}` }),
    filters: format === 'json' ? { 'JSON': ['json'] } : { 'CSV': ['csv'] },
    title: `Export servescope results as ${format.toUpperCase()}`,
  });
  if (!target) return;
  const text = format === 'json' ? JSON.stringify(results.report, null, 2) + '\n' : reportToCsv(results.report);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`servescope: results written to ${vscode.workspace.asRelativePath(target)}`);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SHOW_RESULTS_COMMAND, () => {
      const document = requireDocument();
      if (document) deps.panel.show(document.uri);
    }),
    vscode.commands.registerCommand(EXPLORE_COMMAND, () => explore(deps)),
    vscode.commands.registerCommand(EXPORT_JSON_COMMAND, () => exportResults(deps, 'json')),
    vscode.commands.registerCommand(EXPORT_CSV_COMMAND, () => exportResults(deps, 'csv')),
    vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => deps.output.show(true)),
  ];
}
