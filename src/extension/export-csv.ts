/**
 * CSV export of an estimate report: one row per deployment, the metrics'
 * names as in docs/metrics.md. RFC 4180 quoting, so spreadsheets read names
 * and violation messages containing commas or quotes. Pure (no vscode import).
 */
import type { DeploymentEstimate, EstimateReport } from '../serving/report.js';

interface Column {
  header: string;
  value: (d: DeploymentEstimate) => string | number | boolean | undefined;
}

const COLUMNS: Column[] = [
  { header: 'deployment', value: (d) => d.name },
  { header: 'strategy', value: (d) => d.strategy },
  { header: 'model', value: (d) => d.model },
  { header: 'cluster', value: (d) => d.cluster },
  { header: 'workload', value: (d) => d.workload },
  { header: 'gpus', value: (d) => d.gpus },
  { header: 'ttft_ms', value: (d) => d.ttftMs },
  { header: 'tpot_ms', value: (d) => d.tpotMs },
  { header: 'output_tokens_per_s', value: (d) => d.outputTokensPerSecond },
  { header: 'output_tokens_per_s_per_gpu', value: (d) => d.outputTokensPerSecondPerGpu },
  { header: 'output_tokens_per_s_per_user', value: (d) => d.outputTokensPerSecondPerUser },
  { header: 'requests_per_s', value: (d) => d.requestsPerSecond },
  { header: 'max_arrival_rate_per_s', value: (d) => d.maxArrivalRatePerSecond },
  { header: 'feasible', value: (d) => d.feasible },
  { header: 'pools', value: (d) => d.pools.map((p) => `${p.role} ${p.replicas}x${p.gpusPerReplica}`).join(' + ') },
  { header: 'violations', value: (d) => d.violations.map((v) => v.message).join('; ') },
];

export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportToCsv(report: EstimateReport): string {
  const lines = [COLUMNS.map((c) => c.header).join(',')];
  for (const d of report.deployments) lines.push(COLUMNS.map((c) => csvField(c.value(d))).join(','));
  return lines.join('\r\n') + '\r\n';
}
