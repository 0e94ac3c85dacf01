import type { Command } from '../command.js';
import { CliUserError, formatDiagnostic, loadScenarioFile } from '../load.js';
import { engine } from '../../engine/index.js';
import { estimateScenario, REPORT_SCHEMA_VERSION } from '../../serving/index.js';
import type { DeploymentEstimate, EstimateReport, ExploreResult } from '../../serving/report.js';
import type { Scenario } from '../../serving/types.js';
import { formatGrouped } from '../../format/quantities.js';

/** One failure of the engine or the serving layer on one element, as one line. */
export interface EstimateFailure {
  name: string;
  message: string;
}

/**
 * Evaluates each deployment and explore block on its own, so that one the
 * engine cannot evaluate yields a one-line message and the others still run.
 */
export function estimateEach(scenario: Scenario, source: string): { report: EstimateReport; failures: EstimateFailure[] } {
  const report: EstimateReport = { schemaVersion: REPORT_SCHEMA_VERSION, source, deployments: [], explorations: [] };
  const failures: EstimateFailure[] = [];
  for (const d of scenario.deployments) {
    try {
      report.deployments.push(...estimateScenario({ deployments: [d], explorations: [] }, engine, { source }).deployments);
    } catch (error) {
      failures.push({ name: d.name, message: oneLine(error) });
    }
  }
  for (const e of scenario.explorations) {
    try {
      report.explorations.push(...estimateScenario({ deployments: [], explorations: [e] }, engine, { source }).explorations);
    } catch (error) {
      failures.push({ name: e.name, message: oneLine(error) });
    }
  }
  return { report, failures };
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * A table cell: grouped, with the column's fixed decimals so figures line up
 * ("1,998", "20.7"); '-' for a figure the report does not have, where the
 * shared formatter would print '∞'/'NaN' (a column of dashes reads as "none").
 */
const num = (v: number | undefined, digits = 0): string =>
  v === undefined || !Number.isFinite(v) ? '-' : formatGrouped(v, digits);

const STRATEGY: Record<string, string> = { aggregated: 'aggregated', disaggregated: 'P/D', afd: 'AFD' };

/** One line per distinct model / cluster / workload: what the rows below are measured against. */
export function formatContext(scenario: Scenario): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const d of [...scenario.deployments, ...scenario.explorations]) {
    const key = `${d.model.name}\n${d.cluster.name}\n${d.workload.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const w = d.workload;
    const c = d.cluster;
    const slo = [w.slo.ttftMs !== undefined ? `TTFT ${num(w.slo.ttftMs)} ms` : '', w.slo.tpotMs !== undefined ? `TPOT ${num(w.slo.tpotMs)} ms` : ''].filter(Boolean).join(', ');
    lines.push(`${d.model.name} on ${c.name} (${c.nodes * c.gpusPerNode} x ${c.gpu.name}) for ${w.name}: input ${num(w.inputTokens.mean)}, output ${num(w.outputTokens.mean)} tokens${w.prefixReuse > 0 ? `, ${num(w.prefixReuse * 100)}% prefix reuse` : ''}${slo ? `; SLO ${slo}` : ''}${w.arrivalRatePerSecond !== undefined ? `; ${num(w.arrivalRatePerSecond, 1)} req/s offered` : ''}`);
  }
  return lines;
}

/** The human-readable table: one row per deployment, then the SLOs each one violates. */
export function formatEstimateTable(report: EstimateReport, failures: EstimateFailure[] = [], scenario?: Scenario): string[] {
  const lines: string[] = scenario ? formatContext(scenario) : [];
  if (lines.length > 0) lines.push('');
  // TTFT is judged at the operating rate (req/s), queueing included; the idle column is the same request with no queue.
  const header = ['deployment', 'strategy', 'GPUs', 'req/s', 'TTFT ms', 'idle TTFT', 'TPOT ms', 'tok/s', 'tok/s/GPU', 'tok/s/user', 'verdict'];
  const rows: string[][] = report.deployments.map((d: DeploymentEstimate) => [
    // An arrival rate at or past capacity: the queue, and so TTFT, grows without bound.
    d.name, STRATEGY[d.strategy] ?? d.strategy, String(d.gpus), num(d.requestsPerSecond, 1), d.queueUnbounded ? 'unbounded' : num(d.ttftMs),
    d.ttftUnqueuedMs === undefined ? '-' : num(d.ttftUnqueuedMs), num(d.tpotMs, 1),
    num(d.outputTokensPerSecond), num(d.outputTokensPerSecondPerGpu), num(d.outputTokensPerSecondPerUser, 1),
    d.feasible ? 'meets SLOs' : `violates ${[...new Set(d.violations.map((v) => v.metric.toUpperCase()))].join(', ')}`,
  ]);
  for (const f of failures) {
    if (report.explorations.some((e) => e.name === f.name)) continue;
    rows.push([f.name, '-', '-', '-', '-', '-', '-', '-', '-', '-', 'not evaluated']);
  }
  if (rows.length > 0) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const numeric = (i: number): boolean => i >= 2 && i <= 9;
    const fmt = (r: string[]): string => r.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
    lines.push(fmt(header), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) lines.push(fmt(r));
  }
  const notes: string[] = [];
  for (const d of report.deployments) for (const v of d.violations) notes.push(`  ${d.name}: ${v.message}`);
  for (const f of failures) notes.push(`  ${f.name}: not evaluated: ${f.message}`);
  if (rows.length > 0) notes.unshift('  TTFT at the rate in req/s (the highest that meets the TTFT objective, or the workload\'s `arrival`), queueing included; idle TTFT without a queue.');
  if (notes.length > 0) lines.push('', ...notes);
  for (const e of report.explorations) lines.push('', ...formatExplore(e));
  return lines;
}

function formatExplore(e: ExploreResult): string[] {
  const lines = [`explore ${e.name}: ${num(e.evaluated)} of ${num(e.candidates)} candidates evaluated, ${num(e.feasible)} meet the SLOs (${num(e.elapsedMs)} ms)`];
  if (e.message) lines.push(`  ${e.message}`);
  for (const p of e.bestPerStrategy) {
    lines.push(`  best ${STRATEGY[p.strategy] ?? p.strategy}: ${p.label}: ${p.gpus} GPUs, ${num(p.outputTokensPerSecondPerGpu)} tok/s/GPU, ${num(p.outputTokensPerSecondPerUser, 1)} tok/s/user, TTFT ${num(p.ttftMs)} ms, TPOT ${num(p.tpotMs, 1)} ms${p.feasible ? '' : ' (misses SLOs)'}`);
  }
  return lines;
}

/** `estimate FILE [--json]`: evaluates every deployment (and explore block) of a valid file. */
export const estimateCommand: Command = {
  name: 'estimate',
  usage: 'estimate FILE [--json]',
  summary: 'evaluate every deployment: TTFT, TPOT, throughput, SLO verdicts',
  async run(args, io) {
    const json = args.includes('--json');
    const files = args.filter((a) => !a.startsWith('-'));
    const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
    if (unknown.length > 0 || files.length !== 1) {
      io.err(unknown.length > 0 ? `servescope estimate: unknown option ${unknown[0]}` : 'usage: servescope estimate FILE [--json]');
      return 2;
    }
    const file = files[0];
    let result;
    try {
      result = await loadScenarioFile(file);
    } catch (error) {
      if (error instanceof CliUserError) {
        io.err(`servescope estimate: ${error.message}`);
        return error.exitCode;
      }
      throw error;
    }
    if (!result.scenario) {
      for (const d of result.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d));
      io.err(`servescope estimate: ${file} has ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}; run servescope check ${file}`);
      return 1;
    }
    const { report, failures } = estimateEach(result.scenario, file);
    if (json) io.out(JSON.stringify(report, null, 2));
    else {
      const lines = formatEstimateTable(report, failures, result.scenario);
      if (lines.length === 0) io.out(`${file}: no deployment or explore block to evaluate`);
      for (const l of lines) io.out(l);
    }
    if (json) for (const f of failures) io.err(`servescope estimate: ${f.name}: not evaluated: ${f.message}`);
    return failures.length > 0 ? 1 : 0;
  },
};
