/**
 * The largest batch that satisfies a feasibility test. Step time, KV use and
 * (for chunked prefill) the number of chunks all grow with the batch, so the
 * feasible batches form a prefix 1..b*: a binary search finds b* in
 * log2(maxBatch) evaluations. Assumption: feasibility is monotone in batch
 * (true of the engine's step times, which never fall when a batch grows).
 */
export function largestFeasibleBatch(maxBatch: number, feasible: (batch: number) => boolean): number {
  const top = Math.max(1, Math.floor(maxBatch));
  if (!feasible(1)) return 0;
  if (feasible(top)) return top;
  let lo = 1; // feasible
  let hi = top; // infeasible
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (feasible(mid)) lo = mid; else hi = mid;
  }
  return lo;
}
