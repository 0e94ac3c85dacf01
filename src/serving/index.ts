/**
 * The serving layer's public surface. Placeholder until serving lands: the
 * signatures are the contract used by the CLI and the language server.
 */
import type { Engine } from '../engine/types.js';
import type { EstimateReport, ExploreResult } from './report.js';
import { REPORT_SCHEMA_VERSION } from './report.js';
import type { ExploreSpec, Scenario } from './types.js';

export * from './types.js';
export * from './report.js';

export interface EstimateOptions {
  /** Shown in the report (`source`): the file or URI the scenario came from. */
  source?: string;
  /** Skip `explore` blocks (the language server runs them on demand). */
  skipExplore?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Checked between candidates; return true to stop early. */
  isCancelled?: () => boolean;
}

export function estimateScenario(scenario: Scenario, engine: Engine, options: EstimateOptions = {}): EstimateReport {
  void scenario; void engine;
  return { schemaVersion: REPORT_SCHEMA_VERSION, source: options.source ?? '', deployments: [], explorations: [] };
}

export function explore(spec: ExploreSpec, engine: Engine, options: EstimateOptions = {}): ExploreResult {
  void engine; void options;
  return { name: spec.name, candidates: 0, evaluated: 0, feasible: 0, elapsedMs: 0, frontier: [], bestPerStrategy: [] };
}
