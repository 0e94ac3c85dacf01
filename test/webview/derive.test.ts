import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StepBreakdown } from '../../src/engine/types.js';
import type { EstimateReport } from '../../src/serving/report.js';
import {
  barScale, breakdownStack, comparisonGroups, feasibilityRows, formatMs, formatSi, frontierView,
  chartValues, formatMsOrUnbounded, memoryStack, operatorRows, paretoEnvelope, reportSlo, shownTtftMs, sloOf, sortRows,
} from '../../webview/derive.js';

// The hand-made report (test/fixtures/gen-sample-report.ts): it has every case these tests name.
const report = JSON.parse(readFileSync(new URL('../fixtures/synthetic-report.json', import.meta.url), 'utf8')) as EstimateReport;
const GIB = 1024 ** 3;

function step(timeMs: number, layers: { kind: string; count: number; ops: [string, StepBreakdown['layers'][0]['ops'][0]['category'], number][] }[]): StepBreakdown {
  return {
    phase: 'decode', timeMs, flops: 0, bytes: 0,
    memory: { weightsBytes: 0, kvCacheBytes: 0, activationBytes: 0, capacityBytes: 1, freeBytes: 1, fits: true },
    layers: layers.map((l) => ({
      kind: l.kind, count: l.count, timeMs: l.ops.reduce((t, o) => t + o[2], 0),
      ops: l.ops.map(([name, category, t]) => ({ name, category, timeMs: t, flops: 1, bytes: 1, bound: 'memory' as const, provenance: 'fitted' as const })),
    })),
  };
}

describe('SLO objectives', () => {
  it('takes the report field, else the objectives the violations name', () => {
    expect(sloOf({ slo: { ttftMs: 900, tpotMs: 40 }, violations: [] })).toEqual({ ttftMs: 900, tpotMs: 40 });
    expect(sloOf({ violations: [{ metric: 'tpot', value: 60, objective: 50, message: '' }, { metric: 'memory', message: '' }] }))
      .toEqual({ tpotMs: 50 });
    expect(reportSlo(report)).toEqual({ ttftMs: 2000, tpotMs: 50 });
  });

  it('fills a row\'s unstated objectives from the deployments of its workload', () => {
    // Without the slo field only missed objectives are known: agg_dp2 misses both, pd_1p1d none.
    const bare = structuredClone(report);
    for (const d of bare.deployments) delete d.slo;
    for (const e of bare.explorations) delete e.slo;
    const rows = feasibilityRows(bare);
    expect(rows.find((r) => r.name === 'pd_1p1d')!.slo).toEqual({ ttftMs: 2000, tpotMs: 50 });
    expect(rows.find((r) => r.origin === 'explore')!.slo).toEqual({ ttftMs: 2000, tpotMs: 50 });
    const none = structuredClone(bare);
    none.deployments = none.deployments.filter((d) => d.violations.every((v) => v.objective === undefined));
    expect(feasibilityRows(none)[0]!.slo).toEqual({});
  });
});

describe('feasibility rows', () => {
  const rows = feasibilityRows(report);

  it('has one row per deployment and per explored best, with verdicts from the report', () => {
    const bests = report.explorations.reduce((n, e) => n + e.bestPerStrategy.length, 0);
    expect(rows).toHaveLength(report.deployments.length + bests);
    expect(rows.map((r) => r.key).slice(0, 4)).toEqual(report.deployments.map((d) => `d:${d.name}`));
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('agg_dp2')!.verdict).toBe('misses');
    expect(byName.get('pd_1p1d')!.verdict).toBe('meets');
    expect(byName.get('agg_tp8_x4')!.verdict).toBe('does not fit');
    expect(byName.get('agg_tp8_x4')!.memoryFits).toBe(false);
    expect(byName.get('agg_tp8_x4')!.memoryUse).toBeGreaterThan(1);
    const explored = rows.filter((r) => r.origin === 'explore');
    expect(explored.map((r) => r.strategy)).toEqual(report.explorations[0]!.bestPerStrategy.map((p) => p.strategy));
    expect(explored.every((r) => r.block === 'best_for_chat')).toBe(true);
    const queued = feasibilityRows({ ...report, deployments: [{ ...report.deployments[0]!, queueWaitMs: 120 }], explorations: [] })[0]!;
    expect(queued.queueWaitMs).toBe(120);
    expect('queueWaitMs' in rows[0]!).toBe(false);
    expect(Number.isNaN(explored[0]!.memoryUse)).toBe(true);
  });

  it('marks a deployment the engine could not evaluate, whatever its placeholder numbers', () => {
    const broken = structuredClone(report.deployments[1]!);
    broken.name = 'broken';
    broken.feasible = false;
    broken.pools = broken.pools.map((p) => ({ ...p, memory: { weightsBytes: 0, kvCacheBytes: 0, activationBytes: 0, capacityBytes: 0, freeBytes: 0, fits: false } }));
    broken.violations = [{ metric: 'config', message: 'tp 3 does not divide 16 GPUs' }];
    const row = feasibilityRows({ ...report, deployments: [broken], explorations: [] })[0]!;
    expect(row.verdict).toBe('not evaluated');
    expect(Number.isNaN(row.memoryUse)).toBe(true);
    expect(row.detail).toEqual(['tp 3 does not divide 16 GPUs']);
  });

  it('sorts by a column both ways, stably, unknown values last', () => {
    const asc = sortRows(rows, { key: 'tpotMs', descending: false });
    expect(asc.map((r) => r.tpotMs)).toEqual([...rows.map((r) => r.tpotMs)].sort((a, b) => a - b));
    const desc = sortRows(rows, { key: 'tokensPerSecondPerGpu', descending: true });
    expect(desc[0]!.name).toBe('afd_4a12f');
    const mem = sortRows(rows, { key: 'memoryUse', descending: true });
    expect(mem[0]!.name).toBe('agg_tp8_x4');
    expect(mem.slice(-3).every((r) => r.origin === 'explore')).toBe(true);
    const verdict = sortRows(rows, { key: 'verdict', descending: false });
    expect(verdict.at(-1)!.verdict).toBe('does not fit');
    expect(sortRows(rows, undefined)).toEqual(rows);
  });

  it('scales meters so the value and the objective both fit', () => {
    const s = barScale(50, 100, 80);
    expect(s.value).toBeCloseTo(50 / 110);
    expect(s.objective).toBeCloseTo(100 / 110);
    expect(barScale(120, 100, 120).value).toBeCloseTo(120 / 132);
    expect(barScale(3, undefined, 0).objective).toBeUndefined();
  });
});

describe('frontier', () => {
  const explore = report.explorations[0]!;
  const view = frontierView(report, 0)!;

  it('splits the points by strategy, ordered by tokens/s/user, indices back into the frontier', () => {
    expect(view.series.map((s) => s.strategy)).toEqual(['aggregated', 'disaggregated', 'afd']);
    expect(view.series.reduce((n, s) => n + s.points.length, 0)).toBe(explore.frontier.length);
    for (const s of view.series) {
      const xs = s.points.map((p) => p.x);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      for (const p of s.points) {
        const src = explore.frontier[p.index]!;
        expect(src.strategy).toBe(s.strategy);
        expect([p.x, p.y, p.feasible]).toEqual([src.outputTokensPerSecondPerUser, src.outputTokensPerSecondPerGpu, src.feasible]);
      }
    }
  });

  it('draws the frontier line through the points no other point beats on both axes', () => {
    expect(paretoEnvelope([{ x: 1, y: 10 }, { x: 2, y: 8 }, { x: 2, y: 5 }, { x: 3, y: 9 }, { x: 4, y: 1 }, { x: 0.5, y: 9 }]))
      .toEqual([{ x: 1, y: 10 }, { x: 3, y: 9 }, { x: 4, y: 1 }]);
    const all = view.series.flatMap((s) => s.points);
    for (const p of view.envelope) expect(all.some((q) => q.x > p.x && q.y > p.y)).toBe(false);
    expect(view.envelope.length).toBeGreaterThan(3);
  });

  it('shades tokens/s/user >= 1000 / TPOT objective and marks bests and deployments', () => {
    expect(view.minTokensPerSecondPerUser).toBeCloseTo(1000 / 50);
    expect(view.chosen.filter((c) => c.kind === 'best')).toHaveLength(explore.bestPerStrategy.length);
    expect(view.chosen.filter((c) => c.kind === 'deployment').map((c) => c.name)).toEqual(report.deployments.map((d) => d.name));
    expect(frontierView(report, 5)).toBeUndefined();
    expect(frontierView({ ...report, explorations: [{ ...explore, slo: undefined }], deployments: [] }, 0)!.minTokensPerSecondPerUser).toBeUndefined();
  });
});

describe('per-layer breakdown', () => {
  const s = step(10, [
    { kind: 'embedding', count: 1, ops: [['embed', 'embedding', 0.5]] },
    { kind: 'moe', count: 4, ops: [['attn', 'attention', 1], ['experts', 'experts', 0.5], ['dispatch', 'ep_comm', 0.25]] },
  ]);

  it('stacks op time × repeat count per layer kind and category, idle step time as a bubble bar', () => {
    const b = breakdownStack(s, 'ms');
    expect(b.labels).toEqual(['embedding', 'moe ×4', 'idle']);
    const by = Object.fromEntries(b.datasets.map((d) => [d.category, d.data]));
    expect(Object.keys(by)).toEqual(['attention', 'experts', 'embedding', 'ep_comm', 'bubble']);
    expect(by.attention).toEqual([0, 4, 0]);
    expect(by.experts).toEqual([0, 2, 0]);
    expect(by.ep_comm).toEqual([0, 1, 0]);
    expect(by.embedding).toEqual([0.5, 0, 0]);
    expect(by.bubble).toEqual([0, 0, 2.5]);
    const total = b.datasets.reduce((t, d) => t + d.data.reduce((a, v) => a + v, 0), 0);
    expect(total).toBeCloseTo(10);
  });

  it('in share mode makes every bar 100 %', () => {
    const b = breakdownStack(s, 'share');
    for (let i = 0; i < b.labels.length; i++) {
      expect(b.datasets.reduce((t, d) => t + d.data[i]!, 0)).toBeCloseTo(100);
    }
    expect(b.datasets.find((d) => d.category === 'attention')!.data[1]).toBeCloseTo(100 * 4 / 7);
  });

  it('draws no idle bar when the layers account for the step', () => {
    const d = report.deployments[0]!.decode;
    const b = breakdownStack(d, 'ms');
    expect(b.labels).toEqual(d.layers.map((l) => (l.count > 1 ? `${l.kind} ×${l.count}` : l.kind)));
    const total = b.datasets.reduce((t, x) => t + x.data.reduce((a, v) => a + v, 0), 0);
    expect(total).toBeCloseTo(d.timeMs, 1);
  });

  it('lists every operator with its share of the step', () => {
    const rows = operatorRows(s);
    expect(rows.map((r) => `${r.layer}/${r.name}`)).toEqual(['embedding/embed', 'moe/attn', 'moe/experts', 'moe/dispatch']);
    expect(rows[1]!.stepShare).toBeCloseTo(0.4);
    expect(rows.reduce((t, r) => t + r.stepShare, 0)).toBeCloseTo(0.75);
  });
});

describe('memory', () => {
  it('has one per-GPU bar per pool, GiB, with what exceeds capacity', () => {
    const m = memoryStack(report);
    const pools = report.deployments.flatMap((d) => d.pools.map((p) => ({ d, p })));
    expect(m.labels).toEqual(pools.map(({ d, p }) => `${d.name} · ${p.role}`));
    pools.forEach(({ p }, i) => {
      expect(m.weights[i]).toBeCloseTo(p.memory.weightsBytes / GIB);
      expect(m.weights[i]! + m.kvCache[i]! + m.activations[i]! + m.free[i]! - m.over[i]!).toBeCloseTo(p.memory.capacityBytes / GIB);
    });
    const tight = m.labels.indexOf('agg_tp8_x4 · aggregated');
    expect(m.over[tight]).toBeGreaterThan(0);
    expect(m.free[tight]).toBe(0);
    expect(m.fits[tight]).toBe(false);
  });
});

describe('strategy comparison', () => {
  it('groups deployments by model, cluster and workload, strategies in order, then explored bests', () => {
    const groups = comparisonGroups(report);
    expect(groups.map((g) => g.title)).toEqual(['deepseek_v3 on h100_x32 for chat_4k_1k', 'explore best_for_chat: best per strategy']);
    expect(groups[0]!.entries.map((e) => e.strategy)).toEqual(['aggregated', 'aggregated', 'disaggregated', 'afd']);
    expect(groups[0]!.slo).toEqual({ ttftMs: 2000, tpotMs: 50 });
    const other = { ...report.deployments[0]!, name: 'other', workload: 'long' };
    expect(comparisonGroups({ ...report, deployments: [...report.deployments, other], explorations: [] })).toHaveLength(2);
  });
});

describe('formatting', () => {
  it('uses SI prefixes and size-dependent precision', () => {
    expect(formatSi(3.2e12)).toBe('3.20 T');
    expect(formatSi(999)).toBe('999');
    expect(formatMs(1234.4)).toBe('1234 ms');
    expect(formatMs(34.07)).toBe('34.1 ms');
    expect(formatMs(0.0123)).toBe('0.012 ms');
    expect(formatMs(NaN)).toBe('–');
  });
});

describe('unbounded queues', () => {
  it('shows TTFT as unbounded when the arrival rate is at or past capacity, and draws it at the edge', () => {
    expect(shownTtftMs({ ttftMs: 133, queueUnbounded: true })).toBe(Number.POSITIVE_INFINITY);
    expect(shownTtftMs({ ttftMs: 133 })).toBe(133);
    expect(formatMsOrUnbounded(Number.POSITIVE_INFINITY)).toBe('unbounded');
    expect(formatMsOrUnbounded(1234.4)).toBe('1234 ms');
    // Edge: 15% past the largest finite value or objective.
    expect(chartValues([100, Number.POSITIVE_INFINITY, 300], [2000, 2000, undefined])).toEqual([100, 2300, 300]);
    expect(chartValues([Number.POSITIVE_INFINITY], [undefined])).toEqual([1]);
  });
});
