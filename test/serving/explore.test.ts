import { describe, expect, it } from 'vitest';
import { estimateDeployment, explore } from '../../src/serving/index.js';
import { runExplore } from '../../src/serving/explore/run-explore.js';
import type { CandidateResult } from '../../src/serving/explore/evaluate-candidate.js';
import { paretoFrontier } from '../../src/serving/explore/pareto.js';
import { deploymentSnippet, candidateLabel } from '../../src/serving/explore/snippet.js';
import { countGrid, gridShape } from '../../src/serving/explore/grid.js';
import type { ExploreSpec, WorkloadSpec } from '../../src/serving/types.js';
import { toyEngine, toyPrecision } from '../fixtures/toy-engine.js';
import { afd, deployment, exploreSpec } from './scenario-fixtures.js';

function feasibleKeys(spec: ExploreSpec): Set<string> {
  const keys = new Set<string>();
  runExplore(spec, toyEngine, { onCandidate: (r) => { if (r.feasible) keys.add(JSON.stringify(r.strategy)); } });
  return keys;
}

function bestThroughput(maxGpus: number, workload: Partial<WorkloadSpec>): number {
  const r = explore(exploreSpec({ maxGpus, objective: 'throughput' }, workload), toyEngine);
  return Math.max(0, ...r.bestPerStrategy.map((p) => p.outputTokensPerSecond ?? 0));
}

describe('explore (toy engine)', () => {
  it('returns a frontier of feasible points, best per strategy and paste-able snippets', () => {
    const r = explore(exploreSpec({}, { slo: { tpotMs: 30, ttftMs: 400 } }), toyEngine);
    expect(r.candidates).toBeGreaterThan(100);
    expect(r.evaluated + (r.pruned ?? 0)).toBe(r.candidates);
    expect(r.feasible).toBeGreaterThan(0);
    expect(r.frontier.length).toBeGreaterThan(0);
    expect(r.frontier.every((p) => p.feasible && p.tpotMs <= 30 && p.ttftMs <= 400)).toBe(true);
    // frontier: per-user strictly falling while per-GPU strictly rising
    for (let i = 1; i < r.frontier.length; i++) {
      expect(r.frontier[i]!.outputTokensPerSecondPerUser).toBeLessThanOrEqual(r.frontier[i - 1]!.outputTokensPerSecondPerUser);
      expect(r.frontier[i]!.outputTokensPerSecondPerGpu).toBeGreaterThan(r.frontier[i - 1]!.outputTokensPerSecondPerGpu);
    }
    expect(r.bestPerStrategy.map((p) => p.strategy)).toEqual(['aggregated', 'disaggregated', 'afd']);
    for (const p of r.bestPerStrategy) {
      expect(p.snippet).toMatch(/^deployment search_\w+ serves toy2 on toycluster for chat \{\n  precision fp8 activations bf16 kv fp8\n/);
      expect(p.gpus).toBeLessThanOrEqual(4);
    }
  });

  it('a candidate scores exactly what estimateDeployment gives its configuration', () => {
    const workload = { slo: { tpotMs: 30, ttftMs: 400 } };
    const seen: CandidateResult[] = [];
    runExplore(exploreSpec({}, workload), toyEngine, { onCandidate: (r) => { if (r.feasible && seen.length < 400) seen.push(r); } });
    expect(seen.length).toBe(400);
    for (const r of seen.filter((_, i) => i % 10 === 0)) {
      const e = estimateDeployment(deployment('x', r.strategy, workload), toyEngine);
      expect(e.feasible).toBe(true);
      expect(e.tpotMs).toBeCloseTo(r.tpotMs, 9);
      expect(e.ttftMs).toBeCloseTo(r.ttftMs, 6);
      expect(e.outputTokensPerSecondPerGpu).toBeCloseTo(r.outputTokensPerSecondPerGpu, 6);
      expect(e.gpus).toBe(r.gpus);
    }
  });

  it('more GPUs never lowers the best feasible throughput', () => {
    const workload = { slo: { tpotMs: 30, ttftMs: 400 } };
    const t2 = bestThroughput(2, workload);
    const t4 = bestThroughput(4, workload);
    const t8 = bestThroughput(8, workload);
    expect(t2).toBeGreaterThan(0);
    expect(t4).toBeGreaterThanOrEqual(t2);
    expect(t8).toBeGreaterThanOrEqual(t4);
  });

  it('loosening an SLO never removes a feasible point', () => {
    const strict = feasibleKeys(exploreSpec({}, { slo: { tpotMs: 9, ttftMs: 200 } }));
    const looseTpot = feasibleKeys(exploreSpec({}, { slo: { tpotMs: 40, ttftMs: 200 } }));
    const looseTtft = feasibleKeys(exploreSpec({}, { slo: { tpotMs: 9, ttftMs: 800 } }));
    expect(strict.size).toBeGreaterThan(0);
    for (const k of strict) {
      expect(looseTpot.has(k)).toBe(true);
      expect(looseTtft.has(k)).toBe(true);
    }
    expect(looseTpot.size).toBeGreaterThan(strict.size);
  });

  it('AFD with one micro-batch is never faster than the same layout without overlap', () => {
    const results: CandidateResult[] = [];
    runExplore(exploreSpec({ strategies: ['afd'] }), toyEngine, { onCandidate: (r) => results.push(r) });
    // the no-overlap step of the same layout and batch: attention, transfer, FFN, transfer, layer by layer
    const single = results.filter((r) => r.strategy.kind === 'afd' && r.strategy.decode.microbatches === 1);
    expect(single.length).toBeGreaterThan(10);
    for (const r of single) {
      const e = estimateDeployment(deployment('x', r.strategy), toyEngine);
      const line = e.notes.find((n) => n.startsWith('AFD pipeline'))!;
      const [, step, noOverlap] = /step ([\d.]+) ms vs ([\d.]+) ms without overlap/.exec(line)!;
      expect(Number(step)).toBeGreaterThanOrEqual(Number(noOverlap));
    }
  });

  it('stops beyond the candidate cap with a message that says how to narrow it', () => {
    const total = countGrid(gridShape(exploreSpec()));
    const r = explore(exploreSpec({ limit: 100 }), toyEngine);
    expect(r.truncated).toBe(true);
    expect(r.evaluated).toBe(0);
    expect(r.candidates).toBe(total);
    expect(r.message).toContain(`${total.toLocaleString('en-US')} candidates exceed the limit of 100`);
  });

  it('reports progress and honours cancellation', () => {
    const calls: [number, number][] = [];
    const full = explore(exploreSpec({ maxGpus: 8 }), toyEngine, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[calls.length - 1]).toEqual([full.candidates, full.candidates]);
    let polls = 0;
    const r = explore(exploreSpec({ maxGpus: 8 }), toyEngine, { isCancelled: () => ++polls > 1 });
    expect(r.cancelled).toBe(true);
    expect(r.evaluated).toBeLessThan(full.evaluated);
    expect(r.message).toMatch(/cancelled after \d+ of \d+ candidates/);
  });

  it('says so when nothing is feasible and shows the best infeasible points', () => {
    const r = explore(exploreSpec({}, { slo: { tpotMs: 1 } }), toyEngine);
    expect(r.feasible).toBe(0);
    expect(r.bestPerStrategy).toEqual([]);
    expect(r.frontier.length).toBeGreaterThan(0);
    expect(r.frontier.every((p) => !p.feasible)).toBe(true);
    expect(r.message).toMatch(/no feasible point among \d+ candidates/);
  });
});

describe('Pareto frontier', () => {
  it('keeps exactly the points nobody beats on both axes', () => {
    const pts = [
      { id: 'a', outputTokensPerSecondPerUser: 100, outputTokensPerSecondPerGpu: 10 },
      { id: 'b', outputTokensPerSecondPerUser: 50, outputTokensPerSecondPerGpu: 40 },
      { id: 'c', outputTokensPerSecondPerUser: 40, outputTokensPerSecondPerGpu: 30 },
      { id: 'd', outputTokensPerSecondPerUser: 20, outputTokensPerSecondPerGpu: 60 },
      { id: 'e', outputTokensPerSecondPerUser: 100, outputTokensPerSecondPerGpu: 5 },
    ];
    expect(paretoFrontier(pts).map((p) => p.id)).toEqual(['a', 'b', 'd']);
  });
});

describe('snippets', () => {
  it('write AFD in the scenario syntax', () => {
    const text = deploymentSnippet({ deployment: 'best', model: 'toy2', cluster: 'toycluster', workload: 'chat' }, toyPrecision, afd, 48);
    expect(text).toBe([
      'deployment best serves toy2 on toycluster for chat {',
      '  precision fp8 activations bf16 kv fp8',
      '  prefill x 1 { gpus 1 tp 1 }',
      '  decode afd { attention 2 gpus attention_dp 2 ffn 1 gpus ep 1 microbatches 2 max_batch 48 }',
      '}',
    ].join('\n'));
    expect(candidateLabel(afd, 48)).toBe('P 1x(tp1) AFD 1x(A2 tp1 F1 k2) batch 48');
  });
});

describe('exploreCandidateCount', () => {
  it('counts the grid and what the cap applies to, as explore does', async () => {
    const { exploreCandidateCount } = await import('../../src/serving/index.js');
    const spec = exploreSpec({ maxGpus: 8 });
    const counted = exploreCandidateCount(spec, toyEngine);
    const r = explore(spec, toyEngine);
    expect(counted.total).toBe(r.candidates);
    expect(counted.afterPruning).toBe(r.evaluated);
    expect(counted.total - counted.afterPruning).toBe(r.pruned);
  });
});

describe('explore with an engine that rejects some layouts', () => {
  it('scores the rest and says how many failed, with the first error', () => {
    const picky = {
      ...toyEngine,
      stepTimeMs: (input: Parameters<typeof toyEngine.stepTimeMs>[0]) => {
        if (input.part === 'ffn') throw new Error('no FFN-only kernels for toygpu');
        return toyEngine.stepTimeMs(input);
      },
    };
    const r = explore(exploreSpec({}, { slo: { tpotMs: 30, ttftMs: 400 } }), picky);
    expect(r.bestPerStrategy.map((p) => p.strategy)).toEqual(['aggregated', 'disaggregated']);
    expect(r.message).toMatch(/^explore search: \d+ candidates could not be evaluated \(first engine error: no FFN-only kernels for toygpu\)/);
    expect(r.evaluated).toBeLessThan(r.candidates);
  });
});
