import { describe, expect, it } from 'vitest';
import type { OperatorCost, StepBreakdown } from '../../src/engine/types.js';
import { exportAstra, NodeType, type AstraManifest, type ChakraNode } from '../../src/export/astra/index.js';
import { afd, aggregatedMoe, disaggregated, pipelined } from './fixtures/deployments.js';
import { toyEngine } from './fixtures/toy-engine.js';
import { attr, decodeAll } from './trace-checks.js';

const COMPUTE = new Set(['attention', 'dense_ffn', 'experts', 'elementwise', 'embedding']);
/** Kernels: operators of the compute buckets that are not communication (the engine puts messageBytes on those). */
const isKernel = (o: OperatorCost) => COMPUTE.has(o.category) && o.messageBytes === undefined;
/** The engine's compute time of one step: every kernel of every layer, `count` times. */
const engineComputeMs = (b: StepBreakdown) => b.layers.reduce((t, l) => t + l.count * l.ops.filter(isKernel).reduce((s, o) => s + o.timeMs, 0), 0);
const traceComputeMicros = (nodes: ChakraNode[]) => nodes.filter((n) => n.type === NodeType.COMP_NODE).reduce((t, n) => t + n.durationMicros, 0);

describe('per-rank compute time in the trace equals the engine\'s step compute time', () => {
  it('aggregated: every rank carries the whole step\'s compute', () => {
    const { set, files } = exportAstra(aggregatedMoe, { phase: 'decode', batch: 64, contextTokens: 2000 }, toyEngine, '/tmp/a');
    const expectedMs = engineComputeMs(set.plan.pools[0]!.breakdown);
    for (const nodes of decodeAll(files)) expect(Math.abs(traceComputeMicros(nodes) - expectedMs * 1000)).toBeLessThanOrEqual(0.5);
    const manifest = JSON.parse(files.find((f) => f.name === 'servescope.json')!.content as string) as AstraManifest;
    for (const ms of manifest.computeMsByRank) expect(ms).toBeCloseTo(expectedMs, 12);
  });

  it('pipeline: the stages together carry the step\'s compute', () => {
    const { set, files } = exportAstra(pipelined, { phase: 'prefill', batch: 1, contextTokens: 4096 }, toyEngine, '/tmp/p');
    const ranks = decodeAll(files);
    const expectedMs = engineComputeMs(set.plan.pools[0]!.breakdown);
    expect(Math.abs(traceComputeMicros(ranks[0]!) + traceComputeMicros(ranks[2]!) - expectedMs * 1000)).toBeLessThanOrEqual(1);
  });

  it('AFD: attention GPUs carry k micro-batches of the attention part, FFN GPUs k of the FFN part', () => {
    const { set, files } = exportAstra(afd, { phase: 'decode', batch: 32, contextTokens: 1000 }, toyEngine, '/tmp/f');
    const ranks = decodeAll(files);
    const [attention, ffn] = set.plan.pools;
    expect(Math.abs(traceComputeMicros(ranks[1]!) - 2 * engineComputeMs(attention!.breakdown) * 1000)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(traceComputeMicros(ranks[6]!) - 2 * engineComputeMs(ffn!.breakdown) * 1000)).toBeLessThanOrEqual(0.5);
  });

  it('P/D prefill: the decode GPUs only receive', () => {
    const { files } = exportAstra(disaggregated, { phase: 'prefill', batch: 1, contextTokens: 1000 }, toyEngine, '/tmp/d');
    expect(traceComputeMicros(decodeAll(files)[5]!)).toBe(0);
  });

  it('roofline mode carries FLOPs and HBM bytes instead of durations, and turns on ASTRA-sim\'s roofline', () => {
    const { set, files } = exportAstra(aggregatedMoe, { phase: 'decode', batch: 8, contextTokens: 100 }, toyEngine, '/tmp/r', 'servescope', { roofline: true });
    const nodes = decodeAll(files)[0]!;
    const kernels = nodes.filter((n) => n.type === NodeType.COMP_NODE);
    const ops = set.plan.pools[0]!.breakdown.layers.flatMap((l) => Array.from({ length: l.count }, () => l.ops.filter(isKernel))).flat();
    expect(kernels.map((n) => [n.durationMicros, attr(n, 'num_ops'), attr(n, 'tensor_size')])).toEqual(ops.map((o) => [0, Math.round(o.flops), Math.round(o.bytes)]));
    const system = JSON.parse(files.find((f) => f.name === 'system.json')!.content as string) as Record<string, unknown>;
    expect(system['roofline-enabled']).toBe(1);
    expect(system['peak-perf']).toBe(989);
    expect(system['local-mem-bw']).toBe(3350);
  });
});
