/**
 * Runs the serving layer on a lowered scenario. The language server runs it
 * in a worker thread (src/server/engine-worker.ts) so that typing is never
 * blocked; tests and the fallback path run it in process.
 */
import { engine } from '../../engine/index.js';
import { estimateScenario, type EstimateReport, type Scenario } from '../../serving/index.js';
import { withCalibration } from './calibration.js';

export interface EngineRunRequest {
  scenario: Scenario;
  /** The document URI, shown in the report. */
  source: string;
  skipExplore: boolean;
  /** Absolute path of a kernel-timing file (data/calibration format); '' or absent for the fitted efficiencies. */
  calibrationFile?: string;
}

export interface EngineRun {
  result: Promise<EstimateReport>;
  /** Ask the run to stop at its next check; its result is then ignored. */
  cancel(): void;
}

export interface EngineRunner {
  start(request: EngineRunRequest): EngineRun;
  dispose(): void;
}

/** Thrown (as the rejection of `result`) when a run stopped because it was cancelled. */
export class EngineRunCancelled extends Error {
  constructor() {
    super('engine run cancelled');
  }
}

export function runEstimate(request: EngineRunRequest, isCancelled: () => boolean): EstimateReport {
  const { scenario, note } = withCalibration(request.scenario, request.calibrationFile || undefined);
  const report = estimateScenario(scenario, engine, {
    source: request.source,
    skipExplore: request.skipExplore,
    isCancelled,
  });
  if (note) for (const d of report.deployments) d.notes = [...(d.notes ?? []), note];
  return report;
}

/** Runs on the caller's thread, after the current turn of the event loop. */
export class InProcessEngineRunner implements EngineRunner {
  start(request: EngineRunRequest): EngineRun {
    let cancelled = false;
    const result = new Promise<EstimateReport>((resolve, reject) => {
      setImmediate(() => {
        if (cancelled) return reject(new EngineRunCancelled());
        try {
          const report = runEstimate(request, () => cancelled);
          if (cancelled) reject(new EngineRunCancelled());
          else resolve(report);
        } catch (error) {
          reject(error);
        }
      });
    });
    return { result, cancel: () => { cancelled = true; } };
  }

  dispose(): void {
    // nothing held
  }
}
