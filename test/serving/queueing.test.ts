import { describe, expect, it } from 'vitest';
import { erlangBExact, erlangBNormal, erlangC, maxRateWithin, mdcWaitMs, normalCdf, stationCapacityPerSecond } from '../../src/serving/queueing.js';
import { loadPoint } from '../../src/serving/load-point.js';
import { lengthCv2, lognormalSigma } from '../../src/serving/length-variability.js';

describe('queueing', () => {
  it('Erlang C equals the utilisation for one server and 1/3 for c=2, a=1', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    // B(2,1) = (1/2)/(1 + 1 + 1/2) = 0.2; C = 0.2 / (1 - 0.5 x 0.8) = 1/3
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('Erlang C stays a probability for large pools, and falls as the pool grows at fixed utilisation', () => {
    const small = erlangC(16, 16 * 0.9);
    const large = erlangC(4096, 4096 * 0.9);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(1);
    expect(large).toBeGreaterThanOrEqual(0);
    expect(large).toBeLessThan(small);
  });

  it('the normal approximation of Erlang B is within 10% (or 1e-4) of the exact sum for large pools', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 6);
    for (const c of [250, 500, 1000, 2000, 4000]) {
      for (const rho of [0.8, 0.9, 0.95, 0.99]) {
        const exact = erlangBExact(c, c * rho);
        expect(Math.abs(erlangBNormal(c, c * rho) - exact)).toBeLessThan(0.1 * exact + 1e-4);
      }
    }
  });

  it('M/D/1 wait is the DistServe formula rho D / (2 (1 - rho))', () => {
    // D = 10 ms, 50 req/s -> rho = 0.5 -> 0.5 x 10 / (2 x 0.5) = 5 ms
    expect(mdcWaitMs({ servers: 1, serviceMs: 10 }, 50)).toBeCloseTo(5, 9);
  });

  it('M/D/2 wait by Allen–Cunneen is half the M/M/2 wait', () => {
    // a = 1, c = 2: C = 1/3; M/M/2 Wq = C / (c mu - lambda) = (1/3) / (0.2 - 0.1) ms = 3.333 ms; M/D/2 = 1.667 ms
    expect(mdcWaitMs({ servers: 2, serviceMs: 10 }, 100)).toBeCloseTo(5 / 3, 9);
  });

  it('waits are unbounded at capacity, and capacity is servers / service time', () => {
    expect(stationCapacityPerSecond({ servers: 4, serviceMs: 20 })).toBe(200);
    expect(mdcWaitMs({ servers: 4, serviceMs: 20 }, 200)).toBe(Infinity);
  });

  it('finds the rate where a latency objective breaks', () => {
    // M/D/1, D = 10 ms: TTFT = 10 + 5 rho / (1 - rho) <= 15 -> rho <= 0.5 -> 50 req/s
    const rate = maxRateWithin((r) => 10 + mdcWaitMs({ servers: 1, serviceMs: 10 }, r), 15, 100);
    expect(rate).toBeCloseTo(50, 1);
    expect(maxRateWithin(() => 20, 15, 100)).toBe(0);
  });

  it('operates at goodput under a TTFT objective and at the stated rate otherwise', () => {
    const stations = [{ servers: 1, serviceMs: 10 }];
    const good = loadPoint({ ttftUnqueuedMs: 10, stations, ttftObjectiveMs: 15 });
    expect(good.capacityPerSecond).toBe(100);
    expect(good.ratePerSecond).toBeCloseTo(50, 1);
    expect(good.ttftMs).toBeLessThanOrEqual(15);
    const stated = loadPoint({ ttftUnqueuedMs: 10, stations, arrivalRatePerSecond: 50 });
    expect(stated.ratePerSecond).toBe(50);
    expect(stated.ttftMs).toBeCloseTo(15, 9);
    const over = loadPoint({ ttftUnqueuedMs: 10, stations, arrivalRatePerSecond: 150 });
    expect(over.overloaded).toBe(true);
    expect(over.ratePerSecond).toBe(100);
  });

  it('variable service times wait longer: M/M/1 (c_s² = 1) waits twice the M/D/1', () => {
    // D = 10 ms, rho = 0.5: M/M/1 Wq = rho D / (1 - rho) = 10 ms
    expect(mdcWaitMs({ servers: 1, serviceMs: 10, serviceCv2: 1 }, 50)).toBeCloseTo(10, 9);
  });
});

describe('length variability', () => {
  it('is zero for fixed lengths and reproduces the stated p90 through the lognormal fit', () => {
    expect(lengthCv2({ mean: 2048 })).toBe(0);
    expect(lengthCv2({ mean: 2048, p90: 2048 })).toBe(0);
    const sigma = lognormalSigma(2048, 4096);
    const mu = Math.log(2048) - (sigma * sigma) / 2; // lognormal mean = exp(mu + sigma²/2)
    expect(Math.exp(mu + 1.2815515655446004 * sigma)).toBeCloseTo(4096, 6);
    expect(lengthCv2({ mean: 2048, p90: 4096 })).toBeCloseTo(Math.expm1(sigma * sigma), 12);
    expect(lengthCv2({ mean: 2048, p90: 4096 })).toBeGreaterThan(0.5);
  });
});
