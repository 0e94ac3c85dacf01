/**
 * When the engine runs: after validation, for documents without errors, on
 * save (or after a quiet time following a change), never twice at once for a
 * document, and a run whose document changed meanwhile is cancelled and its
 * result dropped. Results go to the EstimateStore and out through `onResults`.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type CancellationToken } from 'vscode-languageserver';
import { lowerDocument } from '../lowering.js';
import type { Document } from '../generated/ast.js';
import type { Scenario } from '../../serving/index.js';
import { DEFAULT_SETTINGS, type ResultsParams, type ServescopeSettings } from '../../protocol.js';
import { EngineRunCancelled, type EngineRun, type EngineRunner } from './engine-runner.js';
import type { EstimateStore } from './estimate-store.js';
import { ENGINE_DIAGNOSTIC_SOURCE } from './engine-findings.js';

export interface EngineSchedulerOptions {
  shared: LangiumSharedServices;
  store: EstimateStore;
  runner: EngineRunner;
  settings?: () => ServescopeSettings;
  /** Called with every result that is not superseded (to notify the client and republish diagnostics). */
  onResults?: (results: ResultsParams) => void;
  log?: (message: string) => void;
}

export class EngineScheduler {
  private readonly generation = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Map<string, EngineRun>();

  constructor(private readonly options: EngineSchedulerOptions) {}

  private get settings(): ServescopeSettings {
    return this.options.settings?.() ?? DEFAULT_SETTINGS;
  }

  /** A newer text arrived: whatever ran or waited for the old one is stale. */
  documentChanged(uri: string): void {
    this.supersede(uri);
    if (this.settings.engine.runOn === 'change') {
      const timer = setTimeout(() => { this.timers.delete(uri); void this.run(uri); }, Math.max(0, this.settings.engine.debounceMs));
      this.timers.set(uri, timer);
    }
  }

  documentSaved(uri: string): void {
    this.supersede(uri);
    void this.run(uri);
  }

  documentClosed(uri: string): void {
    this.supersede(uri);
    this.options.store.delete(uri);
  }

  /** Runs the document's `explore` blocks (all, or the one named); resolves with the merged results. */
  async explore(uri: string, name?: string, cancellation?: CancellationToken): Promise<ResultsParams> {
    const document = await this.validatedDocument(uri, this.generation.get(uri) ?? 0);
    if (!document) return { uri, version: 0, report: null, errors: ['the document is not open'], engineMs: 0 };
    const prepared = this.prepare(document);
    if ('errors' in prepared) return prepared.errors;
    const scenario: Scenario = {
      deployments: [],
      explorations: prepared.scenario.explorations.filter((e) => name === undefined || e.name === name),
    };
    const started = performance.now();
    const generation = this.generation.get(uri) ?? 0;
    const run = this.options.runner.start({ scenario, source: uri, skipExplore: false, calibrationFile: this.settings.calibrationFile });
    // The client's cancel stops the search itself (the run rejects with EngineRunCancelled).
    const subscription = cancellation?.onCancellationRequested(() => run.cancel());
    let report;
    try {
      report = await run.result;
    } finally {
      subscription?.dispose();
    }
    const previous = this.options.store.get(uri);
    // Running one block replaces that block's results only; the others stay.
    const byName = new Map((previous?.report?.explorations ?? []).map((e) => [e.name, e]));
    for (const e of report.explorations) byName.set(e.name, e);
    const explorations = prepared.scenario.explorations.flatMap((e) => byName.get(e.name) ?? []);
    const merged = previous?.report ? { ...previous.report, explorations } : { ...report, deployments: [], explorations };
    const results: ResultsParams = { uri, version: prepared.version, report: merged, errors: [], engineMs: performance.now() - started };
    // An edit while the search ran makes these results stale: answer the request, but do not publish them over newer ones.
    if ((this.generation.get(uri) ?? 0) !== generation) return results;
    this.options.store.set({ ...results, scenario: prepared.scenario });
    this.options.onResults?.(results);
    return results;
  }

  dispose(): void {
    for (const uri of [...this.timers.keys(), ...this.inFlight.keys()]) this.supersede(uri);
    this.options.runner.dispose();
  }

  private supersede(uri: string): void {
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.inFlight.get(uri)?.cancel();
    this.inFlight.delete(uri);
  }

  /** Resolves when the document's current text is validated, or undefined if it was superseded or closed. */
  private async validatedDocument(uri: string, generation: number): Promise<LangiumDocument | undefined> {
    const { LangiumDocuments, DocumentBuilder, TextDocuments } = this.options.shared.workspace;
    const parsed = URI.parse(uri);
    // The builder picks up a change asynchronously: wait until the validated
    // document carries the version the client last sent.
    const deadline = Date.now() + 30_000;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if ((this.generation.get(uri) ?? 0) !== generation) return undefined;
      const document = LangiumDocuments.getDocument(parsed);
      const expectedVersion = TextDocuments?.get(uri)?.version;
      if (!document) {
        // Just opened: the builder has not created the document yet.
        if (expectedVersion === undefined) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      if (document.state >= DocumentState.Validated && (expectedVersion === undefined || document.textDocument.version === expectedVersion)) {
        return document;
      }
      try {
        await DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
      } catch {
        // the document went away or its build was cancelled; look again
      }
      await new Promise((resolve) => setTimeout(resolve, attempt < 10 ? 0 : 10));
    }
    return undefined;
  }

  private prepare(document: LangiumDocument): { scenario: Scenario; version: number } | { errors: ResultsParams } {
    const uri = document.uri.toString();
    const version = document.textDocument.version;
    const errors = (document.diagnostics ?? [])
      .filter((d) => d.severity === DiagnosticSeverity.Error && d.source !== ENGINE_DIAGNOSTIC_SOURCE)
      .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    if (errors.length > 0) return { errors: { uri, version, report: null, errors, engineMs: 0 } };
    try {
      return { scenario: lowerDocument(document.parseResult.value as Document), version };
    } catch (error) {
      return { errors: { uri, version, report: null, errors: [`lowering failed: ${messageOf(error)}`], engineMs: 0 } };
    }
  }

  private async run(uri: string): Promise<void> {
    const generation = this.generation.get(uri) ?? 0;
    const current = () => (this.generation.get(uri) ?? 0) === generation;
    try {
      const document = await this.validatedDocument(uri, generation);
      if (!document || !current()) return;
      const started = performance.now();
      const prepared = this.prepare(document);
      if ('errors' in prepared) {
        this.publish(prepared.errors);
        return;
      }
      const run = this.options.runner.start({
        scenario: prepared.scenario, source: uri, skipExplore: true, calibrationFile: this.settings.calibrationFile,
      });
      this.inFlight.set(uri, run);
      let results: ResultsParams;
      try {
        const report = await run.result;
        results = { uri, version: prepared.version, report, errors: [], engineMs: performance.now() - started };
      } catch (error) {
        if (error instanceof EngineRunCancelled || !current()) return;
        results = { uri, version: prepared.version, report: null, errors: [`engine failed: ${messageOf(error)}`], engineMs: performance.now() - started };
      } finally {
        if (this.inFlight.get(uri) === run) this.inFlight.delete(uri);
      }
      if (!current()) return;
      this.publish(results, prepared.scenario);
    } catch (error) {
      this.options.log?.(`servescope: engine run for ${uri} failed: ${messageOf(error)}`);
    }
  }

  private publish(results: ResultsParams, scenario?: Scenario): void {
    this.options.store.set({ ...results, scenario });
    this.options.onResults?.(results);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
