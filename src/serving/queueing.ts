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

/** Pools larger than this use the normal approximation of the Erlang-B sum. */
export const EXACT_ERLANG_MAX_SERVERS = 200;

/**
 * Erlang C: probability that an arrival waits in an M/M/c queue with offered
 * load a = lambda / mu (Erlangs), 0 <= a < c, from Erlang B:
 * C = B / (1 - rho (1 - B)). Erlang B is B = p(c) / P(c), the Poisson(a)
 * probability of c over its distribution function at c.
 *  - up to EXACT_ERLANG_MAX_SERVERS servers: exactly, as 1/B = sum_{j=0..c}
 *    prod_{i<j} (c - i) / a (the sum taken from the top);
 *  - beyond (decode pools of thousands of slots): the Poisson terms by the
 *    normal approximation, B ≈ phi(z) / (sqrt(a) Phi(z)),
 *    z = (c + 1/2 - a) / sqrt(a) (the Halfin–Whitt regime; a > ~100 here),
 *    constant time instead of O(sqrt(c)) terms per evaluation; within 10%
 *    of the exact value wherever B > 1e-4 (tested), i.e. wherever the wait
 *    is not negligible.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const c = servers;
  const a = offeredLoad;
  if (a <= 0) return 0;
  if (a >= c) return 1;
  const b = c > EXACT_ERLANG_MAX_SERVERS ? erlangBNormal(c, a) : erlangBExact(c, a);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

export function erlangBExact(c: number, a: number): number {
  let term = 1;
  let inverseB = 1;
  for (let j = 1; j <= c; j++) {
    term *= (c - j + 1) / a;
    inverseB += term;
    // B < 1e-20: an arrival practically never waits (C <= B / (1 - rho)).
    if (inverseB > 1e20) return 0;
    if (term < inverseB * 1e-16 && (c - j + 1) / a < 1) break;
  }
  return 1 / inverseB;
}

export function erlangBNormal(c: number, a: number): number {
  const sd = Math.sqrt(a);
  const z = (c + 0.5 - a) / sd;
  if (z > 9) return 0;
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return density / (sd * normalCdf(z));
}

/** Standard normal distribution function (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? 1 - tail : tail;
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
