/**
 * Chakra durations are whole microseconds (uint64 duration_micros). Rounding
 * each operator on its own would drift by up to 0.5 us per node over a
 * thousand-node step; instead each node gets round(sum so far) minus
 * round(sum before it), so one rank's durations add up to its compute time
 * rounded once.
 */
export class MicrosClock {
  private exactMicros = 0;
  private emittedMicros = 0;

  /** Whole microseconds for the next operator of `ms` milliseconds. */
  next(ms: number): number {
    this.exactMicros += ms * 1000;
    const target = Math.round(this.exactMicros);
    const micros = Math.max(0, target - this.emittedMicros);
    this.emittedMicros += micros;
    return micros;
  }

  get totalMicros(): number {
    return this.emittedMicros;
  }
}
