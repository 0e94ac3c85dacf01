/**
 * The one-line verdict of a document's results, for the status bar: how many
 * deployments meet their SLOs, or why the engine did not run. Pure, so that it
 * is unit-tested without VS Code.
 */
import type { ResultsParams } from '../protocol.js';
import { formatFixed } from '../format/quantities.js';

export type VerdictLevel = 'pending' | 'errors' | 'feasible' | 'partly' | 'infeasible' | 'empty';

export interface Verdict {
  level: VerdictLevel;
  /** Status bar text; `$(icon)` codicons as VS Code renders them. */
  text: string;
  /** One line per deployment (or error). */
  details: string[];
}

/**
 * Fixed decimals without grouping ("2000 tok/s/GPU"): the status-bar tooltip
 * is a terse line per deployment, pinned by test/extension/verdict.test.ts.
 */
const round = (x: number, digits = 0): string => formatFixed(x, digits);

export function verdictOf(results: ResultsParams | undefined): Verdict {
  if (!results) return { level: 'pending', text: '$(sync~spin) servescope', details: ['waiting for the engine'] };
  if (!results.report) {
    const n = results.errors.length;
    return {
      level: 'errors',
      text: `$(error) servescope: ${n} error${n === 1 ? '' : 's'}`,
      details: n > 0 ? results.errors : ['the engine did not run'],
    };
  }
  const deployments = results.report.deployments;
  if (deployments.length === 0) {
    const explorations = results.report.explorations.length;
    return {
      level: 'empty',
      text: '$(info) servescope: no deployments',
      details: [explorations > 0 ? `${explorations} explore block(s): run "servescope: Explore"` : 'add a deployment block to get estimates'],
    };
  }
  const feasible = deployments.filter((d) => d.feasible).length;
  const level: VerdictLevel = feasible === deployments.length ? 'feasible' : feasible === 0 ? 'infeasible' : 'partly';
  const icon = level === 'feasible' ? '$(pass)' : level === 'partly' ? '$(warning)' : '$(error)';
  return {
    level,
    text: `${icon} servescope: ${feasible}/${deployments.length} feasible`,
    details: deployments.map((d) =>
      `${d.feasible ? 'meets SLOs' : 'misses SLOs'}: ${d.name} - TTFT ${round(d.ttftMs)} ms, TPOT ${round(d.tpotMs, 1)} ms, ` +
      `${round(d.outputTokensPerSecondPerGpu)} tok/s/GPU on ${d.gpus} GPUs` +
      (d.violations.length > 0 ? ` (${d.violations.map((v) => v.message).join('; ')})` : ''),
    ),
  };
}
