/**
 * The status bar item: the active .serve document's verdict (feasible
 * deployments out of all, or its error count); a click opens the results panel.
 */
import * as vscode from 'vscode';
import type { ResultsStore } from './results-store.js';
import { verdictOf } from './verdict.js';
import { LANGUAGE_ID, SHOW_RESULTS_COMMAND } from './ids.js';

export class VerdictStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('servescope.verdict', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: ResultsStore) {
    this.item.name = 'servescope verdict';
    this.item.command = SHOW_RESULTS_COMMAND;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      store.onDidChange((r) => {
        if (r.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    const verdict = verdictOf(this.store.get(document.uri));
    this.item.text = verdict.text;
    this.item.tooltip = new vscode.MarkdownString(verdict.details.map((l) => `- ${l.replace(/([*_`[\]\\])/g, '\\$1')}`).join('\n'));
    this.item.backgroundColor = verdict.level === 'errors' || verdict.level === 'infeasible'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : verdict.level === 'partly' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
