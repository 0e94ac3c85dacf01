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

/**
 * The same frontier kept incrementally, so a search of a million candidates
 * holds only the tens of points that are on it: a point enters unless a
 * kept point is at least as good on both axes, and evicts those it beats.
 */
export class ParetoArchive<T extends ParetoInput> {
  private points: T[] = [];

  add(p: T): void {
    const u = p.outputTokensPerSecondPerUser;
    const g = p.outputTokensPerSecondPerGpu;
    for (const q of this.points) {
      if (q.outputTokensPerSecondPerUser >= u && q.outputTokensPerSecondPerGpu >= g) return;
    }
    this.points = this.points.filter((q) => !(u >= q.outputTokensPerSecondPerUser && g >= q.outputTokensPerSecondPerGpu));
    this.points.push(p);
  }

  get size(): number {
    return this.points.length;
  }

  /** Sorted by per-user speed, fastest first. */
  frontier(): T[] {
    return paretoFrontier(this.points);
  }
}
