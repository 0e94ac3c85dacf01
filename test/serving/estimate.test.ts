import { describe, expect, it } from 'vitest';
import { estimateDeployment, estimateScenario } from '../../src/serving/index.js';
import { failingEngine, toyEngine } from '../fixtures/toy-engine.js';
import { aggregated1, afd, deployment, one, pd11 } from './scenario-fixtures.js';

describe('deployment estimates (toy engine)', () => {
  it('aggregated: picks the largest batch that fits memory when no objective binds', () => {
    // 60,000 weights + (batch + 1) x 2,200 KV <= 100,000 -> batch <= 17
    const e = estimateDeployment(deployment('agg', aggregated1), toyEngine);
    expect(e.pools[0]!.batch).toBe(17);
    expect(e.feasible).toBe(true);
    expect(e.gpus).toBe(1);
    expect(e.outputTokensPerSecondPerUser).toBeCloseTo(1000 / e.tpotMs, 9);
    expect(e.outputTokensPerSecondPerGpu).toBeCloseTo(e.outputTokensPerSecond, 9);
    expect(e.notes.some((n) => n.includes('chunked prefill'))).toBe(true);
    expect(e.notes).toContain('batch 17 per decode replica: the largest within max_batch meeting memory; limited by memory: KV capacity of the aggregated pool at batch 18');
  });

  it('aggregated: a TPOT objective lowers the batch to the largest that meets it', () => {
    // batch 4: TPOT 16.8 (hand-computed in strategies.test.ts). Batch 5: decode 2 x (7 + 2) = 18;
    // 499-token chunks, 3 per prompt, past 499: mixed 2 x (8 + 7) = 30; f = 0.15 -> 0.85 x 18 + 0.15 x 30 = 19.8
    const e = estimateDeployment(deployment('agg', aggregated1, { slo: { tpotMs: 16.8 } }), toyEngine);
    expect(e.pools[0]!.batch).toBe(4);
    expect(e.tpotMs).toBeCloseTo(16.8, 9);
    expect(e.notes.some((n) => n.endsWith('limited by TPOT 19.8 ms > 16.8 ms at batch 5'))).toBe(true);
    expect(e.feasible).toBe(true);
  });

  it('reports a TPOT miss at batch 1 naming the bound and the dominant operator', () => {
    const e = estimateDeployment(deployment('agg', aggregated1, { slo: { tpotMs: 5 } }), toyEngine);
    expect(e.feasible).toBe(false);
    expect(e.pools[0]!.batch).toBe(1);
    const v = e.violations.find((x) => x.metric === 'tpot')!;
    expect(v.objective).toBe(5);
    expect(v.message).toMatch(/^TPOT [\d.]+ ms > 5 ms objective: decode is memory-bound on attention even at batch 1$/);
  });

  it('P/D: TTFT = prefill + exposed KV transfer + queueing; goodput under a TTFT objective', () => {
    // unqueued TTFT = 26 + 49.5 = 75.5 ms (strategies.test.ts)
    const e = estimateDeployment(deployment('pd', pd11, { slo: { ttftMs: 100 } }), toyEngine);
    expect(e.ttftUnqueuedMs).toBeCloseTo(75.5, 9);
    expect(e.ttftMs).toBeLessThanOrEqual(100 + 1e-6);
    expect(e.ttftMs).toBeGreaterThan(75.5);
    expect(e.queueWaitMs).toBeCloseTo(e.ttftMs - 75.5, 6);
    expect(e.requestsPerSecond).toBeCloseTo(e.maxArrivalRatePerSecond!, 9);
    expect(e.requestsPerSecond).toBeLessThan(e.capacityRequestsPerSecond!);
    expect(e.pools.map((p) => p.role)).toEqual(['prefill', 'decode']);
    expect(e.gpus).toBe(2);
    expect(e.feasible).toBe(true);
  });

  it('P/D: an unreachable TTFT names the prefill; an arrival past capacity names the bottleneck', () => {
    const slow = estimateDeployment(deployment('pd', pd11, { slo: { ttftMs: 50 } }), toyEngine);
    expect(slow.violations[0]!.message).toMatch(/^TTFT 75.5 ms > 50 ms objective: prefill alone takes 75.5 ms, compute-bound on the experts$/);
    const busy = estimateDeployment(deployment('pd', pd11, { arrivalRatePerSecond: 1000 }), toyEngine);
    expect(busy.violations[0]!.message).toMatch(/^arrival 1,000 req\/s >= capacity [\d.]+ req\/s \((prefill|decode) pool bound\)/);
  });

  it('AFD: pools for prefill, attention and FFN; TPOT is the pipelined step', () => {
    const e = estimateDeployment(deployment('afd', afd), toyEngine);
    expect(e.pools.map((p) => p.role)).toEqual(['prefill', 'attention', 'ffn']);
    expect(e.gpus).toBe(1 + 2 + 1);
    expect(e.decode.timeMs).toBe(e.tpotMs);
    expect(e.decode.layers.some((l) => l.kind === 'afd_pipeline')).toBe(true);
    expect(e.notes.some((n) => n.startsWith('AFD pipeline'))).toBe(true);
  });

  it('an engine error for one deployment becomes a config violation and spares the others', () => {
    const report = estimateScenario({ deployments: [deployment('a', aggregated1)], explorations: [] }, failingEngine);
    expect(report.deployments[0]!.feasible).toBe(false);
    expect(report.deployments[0]!.violations[0]).toEqual({ metric: 'config', message: 'cannot evaluate: no kernel data for toygpu' });
    const dense = { ...deployment('afd-dense', afd), model: { ...deployment('x', afd).model, moe: undefined } };
    const mixed = estimateScenario({ deployments: [dense, deployment('pd', pd11)], explorations: [] }, toyEngine);
    expect(mixed.deployments[0]!.violations[0]!.metric).toBe('config');
    expect(mixed.deployments[1]!.feasible).toBe(true);
  });

  it('a batch that cannot fit even at 1 is a memory violation naming weights and KV', () => {
    // input 10,000 + output 100 tokens: (1 + 1) x 10,100 x 2 layers = 40,400 KV + 60,000 weights > 100,000
    const e = estimateDeployment(deployment('agg', { kind: 'aggregated', replicas: 1, chunkTokens: 10_004, instance: { gpus: 1, layout: one, maxBatch: 64 } }, { inputTokens: { mean: 10_000 } }), toyEngine);
    expect(e.feasible).toBe(false);
    expect(e.violations.map((v) => v.metric)).toEqual(['memory']);
    expect(e.violations[0]!.message).toBe('memory 100.4 kB > 100 kB per GPU on the aggregated pool at batch 1: weights 60 kB, KV 40.4 kB, activations 0 B');
  });

  it('reports are plain JSON (no Infinity or NaN)', () => {
    const report = estimateScenario({ deployments: [deployment('a', aggregated1), deployment('p', pd11), deployment('f', afd)], explorations: [] }, toyEngine);
    const text = JSON.stringify(report);
    expect(JSON.parse(text)).toEqual(report);
  });
});
