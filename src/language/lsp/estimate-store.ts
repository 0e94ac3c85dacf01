/**
 * The latest engine results per document, shared by the engine scheduler
 * (writer) and the inlay hint, hover and diagnostics code (readers).
 * Results are keyed by deployment name, so that they stay attached to the
 * right block while the user edits around it until the next run.
 */
import { Emitter, type Event } from 'langium';
import type { DeploymentEstimate, EstimateReport, Scenario } from '../../serving/index.js';
import type { ResultsParams } from '../../protocol.js';

export interface DocumentResults extends ResultsParams {
  /** The scenario the report was computed from (absent when lowering did not run). */
  scenario?: Scenario;
}

export class EstimateStore {
  private readonly byUri = new Map<string, DocumentResults>();
  /** The last results that carried a report, kept while the document has errors. */
  private readonly lastGood = new Map<string, DocumentResults>();
  private readonly onUpdateEmitter = new Emitter<DocumentResults>();

  get onUpdate(): Event<DocumentResults> {
    return this.onUpdateEmitter.event;
  }

  get(uri: string): DocumentResults | undefined {
    return this.byUri.get(uri);
  }

  set(results: DocumentResults): void {
    const previous = this.byUri.get(results.uri);
    // Keep the explorations of an earlier explore run: estimate runs skip them.
    if (previous?.report && results.report && results.report.explorations.length === 0) {
      results = { ...results, report: { ...results.report, explorations: previous.report.explorations } };
    }
    this.byUri.set(results.uri, results);
    if (results.report) this.lastGood.set(results.uri, results);
    this.onUpdateEmitter.fire(results);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
    this.lastGood.delete(uri);
  }

  /** The latest results with a report, even if the document has errors now (hints stay while typing). */
  lastReport(uri: string): DocumentResults | undefined {
    return this.lastGood.get(uri);
  }

  deployment(uri: string, name: string): DeploymentEstimate | undefined {
    return this.lastGood.get(uri)?.report?.deployments.find((d) => d.name === name);
  }

  report(uri: string): EstimateReport | null | undefined {
    return this.get(uri)?.report;
  }
}
