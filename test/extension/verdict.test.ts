import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../src/extension/verdict.js';
import { report } from './report-fixture.js';

const uri = 'file:///w/a.serve';

describe('status bar verdict', () => {
  it('is pending before the first results', () => {
    expect(verdictOf(undefined).level).toBe('pending');
  });

  it('counts errors when the engine did not run', () => {
    const v = verdictOf({ uri, version: 3, report: null, errors: ['tp 3 does not divide 128 heads', 'unknown unit'], engineMs: 0 });
    expect(v.level).toBe('errors');
    expect(v.text).toBe('$(error) servescope: 2 errors');
    expect(v.details).toEqual(['tp 3 does not divide 128 heads', 'unknown unit']);
  });

  it('says how many deployments meet their SLOs, with each one in the details', () => {
    const v = verdictOf({ uri, version: 1, report, errors: [], engineMs: 4 });
    expect(v.level).toBe('partly');
    expect(v.text).toBe('$(warning) servescope: 1/2 feasible');
    expect(v.details[0]).toBe('meets SLOs: agg - TTFT 412 ms, TPOT 38.3 ms, 2000 tok/s/GPU on 32 GPUs');
    expect(v.details[1]).toMatch(/^misses SLOs: pd - .*\(TPOT 63 ms > 50 ms objective/);
  });

  it('is feasible when all are, infeasible when none is', () => {
    const all = { ...report, deployments: report.deployments.map((d) => ({ ...d, feasible: true, violations: [] })) };
    const none = { ...report, deployments: report.deployments.map((d) => ({ ...d, feasible: false })) };
    expect(verdictOf({ uri, version: 1, report: all, errors: [], engineMs: 1 }).text).toBe('$(pass) servescope: 2/2 feasible');
    expect(verdictOf({ uri, version: 1, report: none, errors: [], engineMs: 1 }).level).toBe('infeasible');
  });

  it('points to Explore when a document has only explore blocks', () => {
    const v = verdictOf({ uri, version: 1, report: { ...report, deployments: [], explorations: [{ name: 'e', candidates: 1, evaluated: 1, feasible: 1, elapsedMs: 1, frontier: [], bestPerStrategy: [] }] }, errors: [], engineMs: 1 });
    expect(v.level).toBe('empty');
    expect(v.details[0]).toContain('servescope: Explore');
  });
});
