import { describe, expect, it } from 'vitest';
import { afdNoOverlapStepMs, afdPipeline } from '../../src/serving/strategies/afd-pipeline.js';
import { expectedDestinations, tokenHitProbability } from '../../src/serving/strategies/afd-dispatch.js';

describe('AFD ping-pong pipeline', () => {
  const stages = { attentionMs: 2, toFfnMs: 1, ffnMs: 3, toAttentionMs: 1 };

  it('with enough micro-batches the slowest stage runs back to back after one fill', () => {
    // R = 7, S = 3, L = 2, k = 3: k L S + R - S = 18 + 4 = 22; L R + (k-1) S = 14 + 6 = 20
    const p = afdPipeline(stages, 2, 3);
    expect(p.stepMs).toBe(22);
    expect(p.roundTripMs).toBe(7);
    expect(p.slowestStage).toBe('ffnMs');
    expect(p.microbatchesToHide).toBe(3);
    // FFN busy 3 x 2 x 3 = 18 of 22 ms; attention 12 of 22
    expect(p.ffnIdle).toBeCloseTo(4 / 22, 12);
    expect(p.attentionIdle).toBeCloseTo(10 / 22, 12);
  });

  it('with too few micro-batches each waits for its own round trip', () => {
    // k = 2: max(12 + 4, 14 + 3) = 17
    expect(afdPipeline(stages, 2, 2).stepMs).toBe(17);
  });

  it('one micro-batch is exactly the no-overlap time', () => {
    expect(afdPipeline(stages, 2, 1).stepMs).toBe(14);
    expect(afdNoOverlapStepMs(stages, 2)).toBe(14);
  });

  it('one micro-batch is never faster than no overlap, for any stage times', () => {
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return 1 + (seed % 20); };
    for (let i = 0; i < 200; i++) {
      const s = { attentionMs: rand(), toFfnMs: rand(), ffnMs: rand(), toAttentionMs: rand() };
      const layers = rand();
      expect(afdPipeline(s, layers, 1).stepMs).toBeGreaterThanOrEqual(afdNoOverlapStepMs(s, layers));
    }
  });

  it('a token reaches every FFN GPU when there is one, and k of E/N-sized groups otherwise', () => {
    expect(tokenHitProbability(8, 2, 1)).toBe(1);
    // E = 8 over N = 2 (4 each), top-2: miss = (4/8)(3/7) = 3/14
    expect(tokenHitProbability(8, 2, 2)).toBeCloseTo(11 / 14, 12);
    // one expert per GPU: exactly k destinations
    expect(expectedDestinations(8, 2, 8)).toBeCloseTo(2, 12);
  });
});
