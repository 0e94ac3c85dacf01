import { describe, expect, it } from 'vitest';
import { exportAstra, NodeType, type ChakraNode } from '../../src/export/astra/index.js';
import { afd, aggregatedMoe, disaggregated, pipelined, tp2Dense } from './fixtures/deployments.js';
import { toyEngine } from './fixtures/toy-engine.js';
import { decodeAll } from './trace-checks.js';
import { replay } from './replay.js';

const computeMs = (nodes: ChakraNode[]) => nodes.filter((n) => n.type === NodeType.COMP_NODE).reduce((t, n) => t + n.durationMicros / 1000, 0);

describe('replaying the exported traces (dependencies are consistent across ranks)', () => {
  for (const [deployment, phase] of [[tp2Dense, 'decode'], [aggregatedMoe, 'decode'], [aggregatedMoe, 'prefill'], [pipelined, 'decode'], [disaggregated, 'prefill'], [disaggregated, 'decode'], [afd, 'decode'], [afd, 'prefill']] as const) {
    it(`${deployment.name} ${phase}: every rank finishes, no cyclic wait`, () => {
      const { files } = exportAstra(deployment, { phase, batch: 8, contextTokens: 256 }, toyEngine, '/tmp/replay');
      const ranks = decodeAll(files);
      const { finishMs } = replay(ranks, { pointToPointMs: 0.01, collectiveMs: 0.02 });
      ranks.forEach((nodes, r) => expect(finishMs[r]!).toBeGreaterThanOrEqual(computeMs(nodes)));
    });
  }

  it('an aggregated step with free communication takes exactly its compute time', () => {
    const { set, files } = exportAstra(aggregatedMoe, { phase: 'decode', batch: 8, contextTokens: 256 }, toyEngine, '/tmp/replay');
    const { makespanMs } = replay(decodeAll(files), { pointToPointMs: 0, collectiveMs: 0 });
    // Durations are whole microseconds: within half a microsecond of the engine's figure.
    expect(Math.abs(makespanMs - set.computeMsByRank[0]!)).toBeLessThanOrEqual(0.0005 + 1e-9);
  });

  it('AFD micro-batches hide the attention <-> FFN transfers behind the other side\'s compute', () => {
    const { set, files } = exportAstra(afd, { phase: 'decode', batch: 32, contextTokens: 1000 }, toyEngine, '/tmp/replay');
    const ranks = decodeAll(files);
    const transferMs = 0.2;
    const { makespanMs } = replay(ranks, { pointToPointMs: transferMs, collectiveMs: 0 });
    const attention = computeMs(ranks[0]!);
    const ffn = computeMs(ranks[4]!);
    // Two exchanged layers x two micro-batches x there and back.
    const exchanges = 2 * set.plan.microbatches;
    const serial = attention + ffn + exchanges * 2 * transferMs;
    expect(makespanMs).toBeLessThan(serial - 0.5);
    expect(makespanMs).toBeGreaterThanOrEqual(Math.max(attention, ffn));
  });
});
