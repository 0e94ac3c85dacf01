/**
 * Draws the per-strategy Pareto frontiers (tokens/s/GPU vs tokens/s/user) of
 * an explore block as an SVG for docs/strategies.md:
 *   node scripts/run-ts.mjs bench/frontier-chart.ts [FILE] [OUT.svg] [--tpot MS]
 * Default: examples/deepseek-v32-h200-64.serve -> docs/images/strategies-frontier.svg.
 * `--tpot` replaces the workload's TPOT objective (to draw a relaxed one).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadScenarioText } from '../src/cli/load.js';
import { engine } from '../src/engine/index.js';
import { runExplore } from '../src/serving/explore/run-explore.js';
import { ParetoArchive } from '../src/serving/explore/pareto.js';
import type { CandidateResult } from '../src/serving/explore/evaluate-candidate.js';
import type { StrategyKind } from '../src/serving/types.js';

const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--tpot');
const file = args[0] ?? 'examples/deepseek-v32-h200-64.serve';
const out = args[1] ?? 'docs/images/strategies-frontier.svg';
const tpotAt = process.argv.indexOf('--tpot');
const loaded = await loadScenarioText(readFileSync(file, 'utf8'), file);
if (!loaded.scenario || loaded.errorCount > 0) throw new Error(`${file} has errors`);
const spec = loaded.scenario.explorations[0]!;
if (tpotAt >= 0) spec.workload = { ...spec.workload, slo: { ...spec.workload.slo, tpotMs: Number(process.argv[tpotAt + 1]) } };

const kinds: StrategyKind[] = ['aggregated', 'disaggregated', 'afd'];
const archives = new Map(kinds.map((k) => [k, new ParetoArchive<CandidateResult>()]));
runExplore(spec, engine, { onCandidate: (r) => { if (r.feasible) archives.get(r.strategy.kind)!.add(r); } });

const colours: Record<StrategyKind, string> = { aggregated: '#1f77b4', disaggregated: '#d62728', afd: '#2ca02c' };
const names: Record<StrategyKind, string> = { aggregated: 'aggregated', disaggregated: 'P/D', afd: 'AFD' };
const W = 680, H = 400, L = 70, R = 20, T = 40, B = 50;
const all = kinds.flatMap((k) => archives.get(k)!.frontier());
const maxX = Math.max(...all.map((p) => p.outputTokensPerSecondPerUser)) * 1.05;
const maxY = Math.max(...all.map((p) => p.outputTokensPerSecondPerGpu)) * 1.08;
const x = (v: number) => L + (v / maxX) * (W - L - R);
const y = (v: number) => H - B - (v / maxY) * (H - T - B);
const niceStep = (max: number) => { const raw = max / 5; const p = 10 ** Math.floor(Math.log10(raw)); return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!; };
const parts: string[] = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${spec.model.name} on ${spec.cluster.name}: frontier per strategy, TPOT ≤ ${spec.workload.slo.tpotMs} ms, TTFT ≤ ${(spec.workload.slo.ttftMs ?? 0) / 1000} s</text>`);
const sx = niceStep(maxX), sy = niceStep(maxY);
for (let v = 0; v <= maxX; v += sx) parts.push(`<line x1="${x(v)}" y1="${T}" x2="${x(v)}" y2="${H - B}" stroke="#eee"/><text x="${x(v)}" y="${H - B + 16}" text-anchor="middle">${v}</text>`);
for (let v = 0; v <= maxY; v += sy) parts.push(`<line x1="${L}" y1="${y(v)}" x2="${W - R}" y2="${y(v)}" stroke="#eee"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
parts.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`);
parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">output tokens/s per user (1000 / TPOT)</text>`);
parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">output tokens/s per GPU (all pools)</text>`);
kinds.forEach((k, i) => {
  const pts = archives.get(k)!.frontier();
  if (pts.length > 0) {
    parts.push(`<polyline fill="none" stroke="${colours[k]}" stroke-width="2" points="${pts.map((p) => `${x(p.outputTokensPerSecondPerUser).toFixed(1)},${y(p.outputTokensPerSecondPerGpu).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) parts.push(`<circle cx="${x(p.outputTokensPerSecondPerUser).toFixed(1)}" cy="${y(p.outputTokensPerSecondPerGpu).toFixed(1)}" r="3" fill="${colours[k]}"/>`);
  }
  parts.push(`<rect x="${W - R - 120}" y="${T + 8 + i * 18}" width="12" height="12" fill="${colours[k]}"/><text x="${W - R - 102}" y="${T + 18 + i * 18}">${names[k]}${pts.length === 0 ? ' (none feasible)' : ''}</text>`);
});
parts.push('</svg>');
writeFileSync(out, parts.join('\n') + '\n');
console.log(`${out}: ${kinds.map((k) => `${names[k]} ${archives.get(k)!.size} points`).join(', ')}`);
