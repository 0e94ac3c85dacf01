/**
 * The serving layer's public surface: estimate every deployment of a
 * scenario and run its explorations. Pure: no Langium, no vscode.
 */
import type { Engine } from '../engine/types.js';
import type { EstimateReport, ExploreResult } from './report.js';
import { REPORT_SCHEMA_VERSION } from './report.js';
import type { ExploreSpec, Scenario } from './types.js';
import { estimateDeployment } from './estimate-deployment.js';
import { runExplore } from './explore/run-explore.js';

export * from './types.js';
export * from './report.js';
export { estimateDeployment } from './estimate-deployment.js';
export { DEFAULT_CANDIDATE_LIMIT, exploreCandidateCount } from './explore/run-explore.js';

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
  const deployments = scenario.deployments.map((d) => estimateDeployment(d, engine));
  const explorations = options.skipExplore ? [] : scenario.explorations.map((e) => explore(e, engine, options));
  return { schemaVersion: REPORT_SCHEMA_VERSION, source: options.source ?? '', deployments, explorations };
}

export function explore(spec: ExploreSpec, engine: Engine, options: EstimateOptions = {}): ExploreResult {
  return runExplore(spec, engine, { onProgress: options.onProgress, isCancelled: options.isCancelled });
}
