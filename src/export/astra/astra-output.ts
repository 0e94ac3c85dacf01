/**
 * ASTRA-sim's answer: each simulated NPU logs
 * `sys[N] finished, T cycles, exposed communication E cycles.` when its trace
 * completes (Workload::report). The analytical backend ticks in nanoseconds.
 */
export interface AstraRankResult {
  rank: number;
  finishNs: number;
  /** Finish time minus the time its GPU spent computing: communication not hidden behind compute. */
  exposedCommNs?: number;
}

const FINISHED = /sys\[(\d+)\] finished, (\d+) cycles(?:, exposed communication (\d+) cycles)?/g;

export function parseAstraFinishTimes(output: string): AstraRankResult[] {
  const byRank = new Map<number, AstraRankResult>();
  for (const m of output.matchAll(FINISHED)) {
    const rank = Number(m[1]);
    byRank.set(rank, { rank, finishNs: Number(m[2]), ...(m[3] !== undefined ? { exposedCommNs: Number(m[3]) } : {}) });
  }
  return [...byRank.values()].sort((a, b) => a.rank - b.rank);
}
