/**
 * The Pareto frontier of tokens/s/GPU (cost) against tokens/s/user
 * (interactivity): the points no other point beats on both. Sort by
 * per-user speed (descending; ties: per-GPU descending), then keep each point
 * whose per-GPU throughput exceeds every faster point's.
 */
export interface ParetoInput {
  outputTokensPerSecondPerUser: number;
  outputTokensPerSecondPerGpu: number;
}

export function paretoFrontier<T extends ParetoInput>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) =>
    b.outputTokensPerSecondPerUser - a.outputTokensPerSecondPerUser
    || b.outputTokensPerSecondPerGpu - a.outputTokensPerSecondPerGpu);
  const out: T[] = [];
  let bestPerGpu = -Infinity;
  for (const p of sorted) {
    if (p.outputTokensPerSecondPerGpu > bestPerGpu) {
      out.push(p);
      bestPerGpu = p.outputTokensPerSecondPerGpu;
    }
  }
  return out;
}
