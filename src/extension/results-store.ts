/**
 * The latest results per document, as the server's `servescope/results`
 * notifications deliver them. Status bar, panel and exports read from here.
 */
import * as vscode from 'vscode';
import type { ResultsParams } from '../protocol.js';
import type { ExploreResult } from '../serving/report.js';

export class ResultsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, ResultsParams>();
  private readonly changed = new vscode.EventEmitter<ResultsParams>();
  /** Fires after the results of a document changed. */
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri | string): ResultsParams | undefined {
    return this.byUri.get(typeof uri === 'string' ? uri : uri.toString());
  }

  set(results: ResultsParams): void {
    const previous = this.byUri.get(results.uri);
    // A notification for an older version can arrive after a newer one.
    if (previous && previous.version > results.version) return;
    // Explore results come by request and are dearer than an estimate: keep
    // them across later estimates that carry none.
    if (previous?.report && results.report && results.report.explorations.length === 0 && previous.report.explorations.length > 0) {
      results = { ...results, report: { ...results.report, explorations: previous.report.explorations } };
    }
    this.byUri.set(results.uri, results);
    this.changed.fire(results);
  }

  /** Merges the answer of an explore request into the document's results. */
  setExplorations(uri: string, explorations: ExploreResult[]): void {
    const previous = this.byUri.get(uri);
    if (!previous?.report) return;
    const byName = new Map(previous.report.explorations.map((e) => [e.name, e]));
    for (const e of explorations) byName.set(e.name, e);
    const next = { ...previous, report: { ...previous.report, explorations: [...byName.values()] } };
    this.byUri.set(uri, next);
    this.changed.fire(next);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
