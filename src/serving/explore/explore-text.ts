/**
 * Explore results as text a person reads (a table per exploration) and as
 * CSV (one row per frontier or best point). Pure: the CLI prints these.
 */
import type { ExploreResult, FrontierPoint } from '../report.js';
import { fmt } from '../format.js';
import { formatGrouped } from '../../format/quantities.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i < 2 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}

const HEADER = ['strategy', 'gpus', 'tok/s/GPU', 'tok/s/user', 'TTFT ms', 'TPOT ms', 'config'];

function row(p: FrontierPoint): string[] {
  return [
    p.strategy + (p.feasible ? '' : ' (infeasible)'),
    String(p.gpus),
    fmt(p.outputTokensPerSecondPerGpu),
    fmt(p.outputTokensPerSecondPerUser),
    fmt(p.ttftMs),
    fmt(p.tpotMs),
    p.label,
  ];
}

export function exploreSummaryLine(r: ExploreResult): string {
  return `explore ${r.name}: ${formatGrouped(r.candidates)} candidates, ${formatGrouped(r.evaluated)} evaluated, ${formatGrouped(r.pruned ?? 0)} pruned, ${formatGrouped(r.feasible)} feasible in ${fmt(r.elapsedMs)} ms`;
}

export function exploreText(r: ExploreResult): string[] {
  const lines = [exploreSummaryLine(r)];
  if (r.message) lines.push(`  ${r.message}`);
  if (r.bestPerStrategy.length > 0) {
    lines.push('', 'best per strategy:');
    lines.push(...table([HEADER, ...r.bestPerStrategy.map(row)]).map((l) => `  ${l}`));
  }
  if (r.frontier.length > 0) {
    lines.push('', `frontier (tokens/s/GPU vs tokens/s/user, ${r.frontier.length} points):`);
    lines.push(...table([HEADER, ...r.frontier.map(row)]).map((l) => `  ${l}`));
  }
  for (const p of r.bestPerStrategy) {
    lines.push('', `// best ${p.strategy}: ${fmt(p.outputTokensPerSecondPerGpu)} tok/s/GPU at ${fmt(p.outputTokensPerSecondPerUser)} tok/s/user`, p.snippet);
  }
  return lines;
}

function csvCell(v: string | number | boolean | undefined): string {
  const s = v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const EXPLORE_CSV_HEADER = 'explore,set,strategy,gpus,batch,output_tokens_per_s,output_tokens_per_s_per_gpu,output_tokens_per_s_per_user,ttft_ms,tpot_ms,requests_per_s,feasible,label';

export function exploreCsvRows(r: ExploreResult): string[] {
  const rows: string[] = [];
  const emit = (set: string, p: FrontierPoint) => rows.push([
    r.name, set, p.strategy, p.gpus, p.batch, p.outputTokensPerSecond, p.outputTokensPerSecondPerGpu, p.outputTokensPerSecondPerUser,
    p.ttftMs, p.tpotMs, p.requestsPerSecond, p.feasible, p.label,
  ].map(csvCell).join(','));
  for (const p of r.bestPerStrategy) emit('best', p);
  for (const p of r.frontier) emit('frontier', p);
  return rows;
}
