/**
 * Runs inside VS Code's extension host (test-electron): the scenarios of the
 * e2e suite through the VS Code API instead of the DOM, with the same example,
 * edits and expectations (test/e2e/steps.mjs). A tiny sequential runner, so
 * the suite needs no test framework in the extension host.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServescopeApi } from '../../src/extension/main.js';
import {
  ESTIMATE_PATTERNS, EXAMPLE, HOVER_GPU, IMPOSSIBLE_TPOT_MS,
  deploymentNames, locate, tpDividesHeads, tpEdit, tpOnLine, tpotObjective,
} from '../e2e/steps.mjs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

interface Context {
  api: ServescopeApi;
  document: vscode.TextDocument;
  editor: vscode.TextEditor;
}

async function openExample(): Promise<Context> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with examples/ as the workspace');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, EXAMPLE));
  const editor = await vscode.window.showTextDocument(document);
  const extension = vscode.extensions.getExtension<ServescopeApi>('servescope.servescope');
  assert.ok(extension, 'the servescope extension is installed');
  const api = await waitFor(() => extension.isActive ? extension.exports : undefined, 'activation on a .serve file');
  await api.serverReady;
  await waitFor(() => api.results(document.uri), 'the first results notification', 30_000);
  return { api, document, editor };
}

async function revertAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

async function replace(document: vscode.TextDocument, line: number, column: number, length: number, text: string): Promise<void> {
  const start = new vscode.Position(line - 1, column - 1);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(start, start.translate(0, length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

const scenarios: Record<string, () => Promise<void>> = {
  async 'estimates on every deployment, no errors'() {
    const { api, document } = await openExample();
    console.log(`activation ${api.activationMs.toFixed(1)} ms`);
    assert.deepEqual(errorsOf(document.uri).map((d) => d.message), []);
    const range = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range)) ?? [];
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100)) ?? [];
    const text = [
      ...hints.map((h) => typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')),
      ...lenses.map((l) => l.command?.title ?? ''),
    ].join('\n');
    for (const [what, re] of Object.entries(ESTIMATE_PATTERNS)) assert.match(text, re, `no ${what} in hints/lenses`);
    const names = deploymentNames(document.getText());
    assert.ok((text.match(/TTFT/g) ?? []).length >= names.length, `TTFT on each of ${names.length} deployments`);
    await revertAll();
  },

  async 'a TP that does not divide the heads is an error there; the quick fix restores it'() {
    const { document } = await openExample();
    const edit = tpEdit(document.getText());
    await replace(document, edit.line, edit.column, edit.length, edit.replacement);
    const t0 = Date.now();
    const error = await waitFor(() => errorsOf(document.uri).find((d) => d.range.start.line === edit.line - 1 && /\btp\b|tensor|head/i.test(d.message)), 'an error on the tp line', 2000);
    console.log(`diagnostic after ${Date.now() - t0} ms: ${error.message}`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, error.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions?.find((a) => a.isPreferred && a.edit && new RegExp(`tp to ${edit.tp}\\b`).test(a.title));
    assert.ok(fix?.edit, `a preferred quick fix "Set tp to ${edit.tp}" for "${error.message}" (have ${actions?.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(() => !errorsOf(document.uri).some((d) => d.range.start.line === edit.line - 1), 'the error to go');
    const fixed = tpOnLine(document.getText(), edit.line);
    assert.ok(fixed !== undefined && tpDividesHeads(fixed));
    assert.equal(fixed, edit.tp, 'the preferred quick fix restores the original degree');
    await revertAll();
  },

  async 'Show Results opens the panel; an SLO edit and save change the verdict'() {
    const { api, document } = await openExample();
    await vscode.commands.executeCommand('servescope.showResults');
    await waitFor(() => api.panelVisible(), 'the results panel');
    const before = api.results(document.uri)!;
    const slo = tpotObjective(document.getText());
    await replace(document, slo.line, slo.column, slo.length, String(IMPOSSIBLE_TPOT_MS));
    await document.save();
    const after = await waitFor(() => {
      const r = api.results(document.uri);
      return r && r.version > before.version && r.report ? r : undefined;
    }, 'results of the saved document', 10_000);
    assert.ok(after.report!.deployments.every((d) => !d.feasible), 'a 1 ms TPOT objective is met by no deployment');
    await replace(document, slo.line, slo.column, String(IMPOSSIBLE_TPOT_MS).length, String(slo.value));
    await document.save();
    await revertAll();
  },

  async 'hover on a library GPU shows its datasheet'() {
    const { document } = await openExample();
    const hit = locate(document.getText(), HOVER_GPU.name)[0];
    assert.ok(hit, 'the example names an H100');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(hit.line - 1, hit.column));
    const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => typeof c === 'string' ? c : c.value)).join('\n');
    for (const re of HOVER_GPU.figures) assert.match(text, re);
    await revertAll();
  },
};

/** Called by @vscode/test-electron in the extension host. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, scenario] of Object.entries(scenarios)) {
    const t0 = Date.now();
    try {
      await scenario();
      console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failures.push(name);
      console.log(`  FAIL ${name}: ${e instanceof Error ? e.stack : e}`);
      await revertAll().catch(() => undefined);
    }
  }
  console.log(`${Object.keys(scenarios).length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`failed: ${failures.join(', ')}`);
}
