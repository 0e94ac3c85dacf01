import { describe, expect, test } from 'vitest';
import { parseStepArgs, runStep, stepTargets, type ScenarioLoader } from '../../src/cli/commands/step.js';
import { CliUserError } from '../../src/cli/load.js';
import type { DeploymentSpec, Scenario, WorkloadSpec } from '../../src/serving/types.js';
import * as m from '../fixtures/models.js';
import { bf16, fp8, hgx1, hgx8, layout } from './helpers.js';

const workload: WorkloadSpec = { name: 'chat', inputTokens: { mean: 2000 }, outputTokens: { mean: 200 }, prefixReuse: 0, slo: {} };
const agg: DeploymentSpec = {
  name: 'llama70', model: m.llama3_70b, cluster: hgx1, workload, precision: bf16,
  strategy: { kind: 'aggregated', replicas: 1, instance: { gpus: 8, layout: layout(8) }, chunkTokens: 2048 },
};
const pd: DeploymentSpec = {
  name: 'ds-pd', model: m.deepseekV3, cluster: hgx8, workload, precision: fp8,
  strategy: {
    kind: 'disaggregated',
    prefill: { replicas: 1, instance: { gpus: 32, layout: layout(1, { ep: 32, attentionDp: 32 }) } },
    decode: { replicas: 1, instance: { gpus: 64, layout: layout(1, { ep: 64, attentionDp: 64 }) } },
  },
};
const afd: DeploymentSpec = {
  name: 'ds-afd', model: m.deepseekV3, cluster: hgx8, workload, precision: fp8,
  strategy: {
    kind: 'afd',
    prefill: { replicas: 1, instance: { gpus: 16, layout: layout(1, { ep: 16, attentionDp: 16 }) } },
    decode: { replicas: 1, attention: { gpus: 16, attentionDp: 16, tp: 1 }, ffn: { gpus: 32, ep: 32 }, microbatches: 3 },
  },
};
const scenario: Scenario = { deployments: [agg, pd, afd], explorations: [] };
const load: ScenarioLoader = async () => ({ scenario, diagnostics: [], errorCount: 0 });

async function run(args: string[], loader: ScenarioLoader = load) {
  const out: string[] = [], err: string[] = [];
  const code = await runStep(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, loader);
  return { code, out, err };
}

describe('servescope step arguments', () => {
  test('decode and prefill points', () => {
    expect(parseStepArgs(['f.serve', '--phase', 'decode', '--batch', '8', '--context', '4096'])).toMatchObject({ file: 'f.serve', phase: 'decode', batch: 8, context: 4096, json: false });
    expect(parseStepArgs(['f.serve', '--phase', 'prefill', '--batch', '1', '--tokens', '8000', '--cached', '2000', '--json'])).toMatchObject({ tokens: 8000, cached: 2000, json: true });
  });
  test.each([
    [['f', '--phase', 'decode', '--batch', '8'], /decode needs --context/],
    [['f', '--phase', 'prefill', '--batch', '8', '--tokens', '9', '--context', '5'], /--context is for decode/],
    [['f', '--phase', 'middle', '--batch', '8'], /--phase must be decode or prefill/],
    [['f', '--phase', 'decode', '--batch', '0', '--context', '5'], /--batch must be an integer >= 1/],
    [['--phase', 'decode', '--batch', '1', '--context', '5'], /missing FILE/],
    [['f', '--phase', 'prefill', '--batch', '1', '--tokens', '10', '--cached', '10'], /must be below --tokens/],
    [['f', '--frobnicate'], /unknown option/],
  ])('%j is a usage error', async (args, msg) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(msg);
  });
});

describe('servescope step output', () => {
  test('text: layer kinds, top operators with bound and provenance, and a memory verdict', async () => {
    const r = await run(['f.serve', '--deployment', 'llama70', '--phase', 'decode', '--batch', '16', '--context', '4096']);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/step time \d+\.\d+ ms/);
    expect(text).toMatch(/dense\s+80/);
    expect(text).toContain('attn_decode');
    expect(text).toMatch(/memory\s+fitted/);
    expect(text).toMatch(/memory: FITS - weights 17\.\d GB/);
  });
  test('json: the breakdown tree and the memory verdict, for one pool', async () => {
    const r = await run(['f.serve', '--deployment', 'ds-pd', '--phase', 'prefill', '--batch', '2', '--tokens', '4096', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out.join('\n'));
    expect(j.deployment).toBe('ds-pd');
    expect(j.steps).toHaveLength(1);
    expect(j.steps[0].pool).toBe('prefill');
    expect(j.steps[0].layout.ep).toBe(32);
    expect(j.steps[0].breakdown.layers.map((l: { kind: string }) => l.kind)).toEqual(['embedding', 'dense', 'moe', 'lm_head']);
    expect(typeof j.steps[0].memory.fits).toBe('boolean');
    expect(j.steps[0].timeMs).toBeCloseTo(j.steps[0].breakdown.timeMs, 12);
  });
  test('AFD decode shows both sides; --part picks one', async () => {
    const both = JSON.parse((await run(['f', '--deployment', 'ds-afd', '--phase', 'decode', '--batch', '512', '--context', '4000', '--json'])).out.join('\n'));
    expect(both.steps.map((s: { part: string }) => s.part)).toEqual(['attention', 'ffn']);
    const ffn = JSON.parse((await run(['f', '--deployment', 'ds-afd', '--phase', 'decode', '--batch', '512', '--context', '4000', '--part', 'ffn', '--json'])).out.join('\n'));
    expect(ffn.steps).toHaveLength(1);
    expect(stepTargets(afd, 'decode', 'ffn')[0].layout).toEqual({ tp: 1, pp: 1, ep: 32, attentionDp: 32 });
  });
  test('a point that does not fit still gets a time, with the verdict saying so', async () => {
    const one: DeploymentSpec = { ...agg, name: 'tiny', strategy: { kind: 'aggregated', replicas: 1, instance: { gpus: 1, layout: layout(1) }, chunkTokens: 2048 } };
    const r = await run(['f', '--phase', 'decode', '--batch', '1', '--context', '100'], async () => ({ scenario: { deployments: [one], explorations: [] }, diagnostics: [], errorCount: 0 }));
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/memory: DOES NOT FIT/);
  });
  test('errors: unknown deployment, ambiguous file, invalid layout, file with errors, unreadable file', async () => {
    expect((await run(['f', '--deployment', 'nope', '--phase', 'decode', '--batch', '1', '--context', '1'])).err[0]).toMatch(/no deployment 'nope'.*have: llama70, ds-pd, ds-afd/);
    expect((await run(['f', '--phase', 'decode', '--batch', '1', '--context', '1'])).err[0]).toMatch(/choose one with --deployment/);
    const bad: DeploymentSpec = { ...agg, name: 'bad', strategy: { kind: 'aggregated', replicas: 1, instance: { gpus: 3, layout: layout(3) }, chunkTokens: 1 } };
    const r = await run(['f', '--phase', 'decode', '--batch', '1', '--context', '1'], async () => ({ scenario: { deployments: [bad], explorations: [] }, diagnostics: [], errorCount: 0 }));
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/bad: tp 3 must divide the 64 attention heads/);
    const withErrors = await run(['f', '--phase', 'decode', '--batch', '1', '--context', '1'], async () => ({ diagnostics: [{ file: 'f', line: 3, col: 1, severity: 'error', code: 'x', message: 'unknown model' }], errorCount: 1 }));
    expect(withErrors.code).toBe(1);
    expect(withErrors.err[0]).toBe('f:3:1 error x unknown model');
    const missing = await run(['nope.serve', '--phase', 'decode', '--batch', '1', '--context', '1'], async () => { throw new CliUserError('cannot read nope.serve: no such file'); });
    expect(missing.code).toBe(3);
    expect(missing.err).toEqual(['servescope step: cannot read nope.serve: no such file']);
  });
});
