/**
 * From a deployment's service stations to the load it serves.
 *
 * A request waits twice at most: for a prefill server (a prefill lane or
 * attention-DP rank) and for a decode slot; both are M/G/c stations
 * (queueing.ts). TTFT(rate) = unqueued TTFT + both waits. Capacity is the
 * smaller station capacity.
 *
 * The operating rate:
 *  - the workload's `arrival` rate when it states one (capped at capacity);
 *  - otherwise the highest rate whose TTFT meets the objective (goodput, as
 *    DistServe defines it, on the mean request);
 *  - without a TTFT objective, the capacity itself; the queue is unstable
 *    there, so TTFT is then reported without waiting (a note says so).
 * `maxArrivalRatePerSecond` is the rate where TTFT reaches its objective, or
 * the capacity when there is none.
 */
import { mdcWaitMs, maxRateWithin, stationCapacityPerSecond, type QueueStation } from './queueing.js';

export interface LoadInput {
  ttftUnqueuedMs: number;
  stations: QueueStation[];
  ttftObjectiveMs?: number;
  arrivalRatePerSecond?: number;
}

export interface LoadPoint {
  capacityPerSecond: number;
  maxArrivalRatePerSecond: number;
  ratePerSecond: number;
  ttftMs: number;
  queueWaitMs: number;
  /** The stated arrival rate is at or past capacity. */
  overloaded: boolean;
  /** TTFT is reported without waiting because the rate is the capacity. */
  waitOmitted: boolean;
}

export function waitMs(stations: QueueStation[], ratePerSecond: number): number {
  let w = 0;
  for (const s of stations) w += mdcWaitMs(s, ratePerSecond);
  return w;
}

export function loadPoint(input: LoadInput): LoadPoint {
  let capacity = Infinity;
  for (const s of input.stations) capacity = Math.min(capacity, stationCapacityPerSecond(s));
  if (!Number.isFinite(capacity)) capacity = 0;
  const ttftAt = (rate: number) => input.ttftUnqueuedMs + waitMs(input.stations, rate);
  const objective = input.ttftObjectiveMs;
  const maxRate = objective !== undefined ? maxRateWithin(ttftAt, objective, capacity) : capacity;
  if (input.arrivalRatePerSecond !== undefined && input.arrivalRatePerSecond > 0) {
    const offered = input.arrivalRatePerSecond;
    const overloaded = offered >= capacity;
    const rate = Math.min(offered, capacity);
    const wait = overloaded ? 0 : waitMs(input.stations, rate);
    return {
      capacityPerSecond: capacity, maxArrivalRatePerSecond: maxRate, ratePerSecond: rate,
      ttftMs: input.ttftUnqueuedMs + wait, queueWaitMs: wait, overloaded, waitOmitted: overloaded,
    };
  }
  if (objective !== undefined && maxRate > 0) {
    const wait = waitMs(input.stations, maxRate);
    return {
      capacityPerSecond: capacity, maxArrivalRatePerSecond: maxRate, ratePerSecond: maxRate,
      ttftMs: input.ttftUnqueuedMs + wait, queueWaitMs: wait, overloaded: false, waitOmitted: false,
    };
  }
  // No objective, or the objective is missed even with no queue: report the capacity.
  return {
    capacityPerSecond: capacity, maxArrivalRatePerSecond: maxRate, ratePerSecond: capacity,
    ttftMs: input.ttftUnqueuedMs, queueWaitMs: 0, overloaded: false, waitOmitted: true,
  };
}
