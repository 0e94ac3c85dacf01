/**
 * ASTRA-sim's finish times beside servescope's analytical numbers for the
 * same step. Per rank: the engine's compute time on that rank (what the
 * trace's compute nodes carry), the engine's step time of its pool, and
 * ASTRA-sim's finish time and exposed communication.
 */
import type { AstraSimReport } from '../../serving/report.js';
import type { AstraRankResult } from './astra-output.js';
import type { AstraManifest } from './export-files.js';

export interface RankComparison {
  rank: number;
  role: string;
  computeMs: number;
  /** The engine's step time for this rank's pool (AFD decode: one micro-batch's step of its side). */
  servescopeStepMs?: number;
  astraMs?: number;
  astraExposedCommMs?: number;
}

export interface AstraComparison {
  ranks: RankComparison[];
  /** The slowest rank's finish: ASTRA-sim's step time. */
  astraStepMs?: number;
  /** servescope's step time (StepPlan.servescopeStepMs: AFD decode is src/serving's ping-pong pipeline). */
  servescopeStepMs: number;
}

export function compareWithAstra(manifest: AstraManifest, results: AstraRankResult[]): AstraComparison {
  const byRank = new Map(results.map((r) => [r.rank, r]));
  const ranks: RankComparison[] = [];
  for (let rank = 0; rank < manifest.simulatedNpus; rank++) {
    const pool = manifest.pools.find((p) => rank >= p.firstRank && rank < p.firstRank + p.gpus);
    const r = byRank.get(rank);
    ranks.push({
      rank,
      role: pool ? (pool.receiveOnly ? `${pool.role} (receives)` : pool.role) : 'idle',
      computeMs: manifest.computeMsByRank[rank] ?? 0,
      ...(pool && !pool.receiveOnly ? { servescopeStepMs: pool.stepMs } : {}),
      ...(r ? { astraMs: r.finishNs / 1e6, ...(r.exposedCommNs !== undefined ? { astraExposedCommMs: r.exposedCommNs / 1e6 } : {}) } : {}),
    });
  }
  const finishes = results.map((r) => r.finishNs / 1e6);
  return {
    ranks,
    ...(finishes.length > 0 ? { astraStepMs: Math.max(...finishes) } : {}),
    servescopeStepMs: manifest.servescopeStepMs,
  };
}

/** The comparison in the report's shape (DeploymentEstimate.astra), for the results panel. */
export function astraSimReport(manifest: AstraManifest, c: AstraComparison): AstraSimReport {
  return {
    phase: manifest.phase,
    batch: manifest.batch,
    contextTokens: manifest.contextTokens,
    stepMs: c.astraStepMs ?? 0,
    servescopeStepMs: c.servescopeStepMs,
    ranks: c.ranks.map((r) => ({
      rank: r.rank, role: r.role, computeMs: r.computeMs,
      ...(r.astraMs !== undefined ? { finishMs: r.astraMs } : {}),
      ...(r.astraExposedCommMs !== undefined ? { exposedCommMs: r.astraExposedCommMs } : {}),
    })),
  };
}

const f3 = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(3));

export function comparisonTable(c: AstraComparison): string[] {
  const header = ['rank', 'role', 'compute ms', 'pool step ms', 'ASTRA-sim finish ms', 'exposed comm ms'];
  const rows = c.ranks.map((r) => [String(r.rank), r.role, f3(r.computeMs), f3(r.servescopeStepMs), f3(r.astraMs), f3(r.astraExposedCommMs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const diff = c.astraStepMs !== undefined && c.servescopeStepMs > 0 ? ` (${(((c.astraStepMs - c.servescopeStepMs) / c.servescopeStepMs) * 100).toFixed(1)}%)` : '';
  return [
    line(header),
    ...rows.map(line),
    '',
    `step: ASTRA-sim ${f3(c.astraStepMs)} ms vs servescope ${f3(c.servescopeStepMs)} ms${diff}`,
  ];
}
