/**
 * Queueing: how the arrival process turns into waiting time before the first
 * token. No fixed multipliers: the wait follows from the arrival rate, the
 * number of servers and their service time.
 *
 * Model: requests arrive as a Poisson process (coefficient of variation of
 * inter-arrival times c_a = 1); a server (a prefill lane, a decode slot)
 * serves one request in a mean time D whose squared coefficient of variation
 * c_s² follows the workload's length spread (length-variability.ts; 0 for
 * fixed lengths: M/D/c). The mean wait of this M/G/c queue is taken from the
 * Allen–Cunneen approximation (Allen, "Probability, Statistics and Queueing
 * Theory", 1990, eq. for GI/G/c):
 *     Wq ≈ C(c, a) / (c·mu - lambda) · (c_a² + c_s²) / 2,   a = lambda / mu
 * where C(c, a) is the Erlang-C probability of waiting. For c = 1 it is the
 * exact Pollaczek–Khinchine wait; with c_s² = 0 the M/D/1 wait DistServe
 * uses, rho·D / (2 (1 - rho)).
 */

/**
 * Erlang C: probability that an arrival waits in an M/M/c queue with offered
 * load a = lambda / mu (Erlangs), 0 <= a < c. Computed as 1/B(c,a) =
 * sum_{j=0..c} prod_{i<j} (c - i) / a (the Erlang-B sum taken from the top),
 * stopping once the terms can no longer change the result: O(sqrt(c)) terms
 * near saturation, few far from it, so large decode pools stay cheap.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const c = servers;
  const a = offeredLoad;
  if (a <= 0) return 0;
  if (a >= c) return 1;
  let term = 1;
  let inverseB = 1;
  for (let j = 1; j <= c; j++) {
    term *= (c - j + 1) / a;
    inverseB += term;
    if (inverseB > 1e300) return 0;
    if (term < inverseB * 1e-16 && (c - j + 1) / a < 1) break;
  }
  const b = 1 / inverseB;
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

export interface QueueStation {
  /** Identical servers working in parallel. */
  servers: number;
  /** Mean time one server spends on one request, ms. */
  serviceMs: number;
  /** Squared coefficient of variation of the service time; 0 (deterministic) when absent. */
  serviceCv2?: number;
}

/** Requests per second the station completes when always busy. */
export function stationCapacityPerSecond(s: QueueStation): number {
  return s.serviceMs > 0 ? (s.servers * 1000) / s.serviceMs : Infinity;
}

/**
 * Mean wait in queue (ms) at arrival rate `ratePerSecond` for an M/G/c
 * station (Allen–Cunneen with c_a = 1). Infinity at or past capacity.
 */
export function mdcWaitMs(s: QueueStation, ratePerSecond: number): number {
  if (ratePerSecond <= 0 || s.serviceMs <= 0) return 0;
  const lambdaPerMs = ratePerSecond / 1000;
  const muPerMs = 1 / s.serviceMs;
  const a = lambdaPerMs / muPerMs;
  if (a >= s.servers) return Infinity;
  const variability = (1 + (s.serviceCv2 ?? 0)) / 2;
  return (erlangC(s.servers, a) / (s.servers * muPerMs - lambdaPerMs)) * variability;
}

/**
 * The largest arrival rate (req/s) in [0, capacity) at which `latencyMs(rate)`
 * (non-decreasing in rate) stays within `objectiveMs`; `capacity` when it
 * holds all the way. Bisection to 1e-4 relative.
 */
export function maxRateWithin(latencyMs: (ratePerSecond: number) => number, objectiveMs: number, capacityPerSecond: number): number {
  if (!(capacityPerSecond > 0) || !Number.isFinite(capacityPerSecond)) return capacityPerSecond > 0 ? capacityPerSecond : 0;
  if (latencyMs(0) > objectiveMs) return 0;
  let lo = 0;
  let hi = capacityPerSecond;
  for (let i = 0; i < 40 && hi - lo > capacityPerSecond * 1e-4; i++) {
    const mid = (lo + hi) / 2;
    if (latencyMs(mid) <= objectiveMs) lo = mid; else hi = mid;
  }
  return lo;
}
