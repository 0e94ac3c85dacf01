import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { allGatherTimeMs, allReduceTimeMs, allToAllTimeMs, expertAllToAllTimeMs, reduceScatterTimeMs, sendRecvTimeMs, tierIndexFor } from '../../src/engine/comm/collectives.js';
import type { CommParams } from '../../src/engine/comm/comm-params.js';
import { commAccuracy } from '../../src/engine/comm/comm-accuracy.js';
import { parseDeepEpLowLatency, parseDeepEpNormal, parseNccl } from '../../src/engine/comm/comm-tables.js';
import { engine } from '../../src/engine/index.js';
import { fittedComm } from '../../src/engine/comm/fitted-comm.js';
import type { ClusterSpec } from '../../src/engine/types.js';
import { hgx1, hgx8 } from './helpers.js';

/** Round numbers so the formulas can be checked by hand. */
const simple: CommParams = {
  source: 'test', split: 'none',
  nccl: {
    allReduce: { baseMs: 0.01, stepMs: 0.001, efficiency: 0.5 },
    allGather: { baseMs: 0.01, stepMs: 0.001, efficiency: 0.5 },
    reduceScatter: { baseMs: 0.01, stepMs: 0.001, efficiency: 0.5 },
    allToAll: { baseMs: 0.01, stepMs: 0.001, efficiency: 0.5 },
  },
  sendRecv: { baseMs: 0.005, stepMs: 0.001, efficiency: 0.5 },
  deepEp: {
    dispatch: { baseMs: 0.02, scaleOutBaseMs: 0.004, perLog2NodesMs: 0.01, scaleUpEfficiency: 0.5, scaleOutEfficiency: 0.5 },
    combine: { baseMs: 0.02, scaleOutBaseMs: 0.004, perLog2NodesMs: 0.01, scaleUpEfficiency: 0.5, scaleOutEfficiency: 0.5 },
    dispatchBytesPerElement: 1, combineBytesPerElement: 2,
  },
};
const cluster: ClusterSpec = {
  name: 'test', gpu: hgx1.gpu, nodes: 4, gpusPerNode: 8,
  tiers: [
    { name: 'nvlink', domainGpus: 8, bandwidthBytesPerSecond: 400e9, latencySeconds: 0 },
    { name: 'ib', domainGpus: 32, bandwidthBytesPerSecond: 50e9, latencySeconds: 5e-6 },
  ],
};
const o = { params: simple };

describe('alpha-beta collectives', () => {
  test('tier choice: the innermost domain that holds the group', () => {
    expect(tierIndexFor(cluster, 8)).toBe(0);
    expect(tierIndexFor(cluster, 16)).toBe(1);
  });
  test('ring all-reduce inside a node: base + 2(n-1) steps + 2(n-1)/n S / (bw x eff)', () => {
    const S = 64e6;
    const ring = 0.01 + 14 * 0.001 + ((2 * 7 / 8) * S / (400e9 * 0.5)) * 1e3;
    const tree = 0.01 + 6 * 0.001 + ((2 * S) / (400e9 * 0.5)) * 1e3;
    expect(Math.abs(allReduceTimeMs(cluster, S, 8, o) - Math.min(ring, tree))).toBeLessThan(1e-9);
  });
  test('tree wins for tiny messages (fewer steps), ring for large ones (less volume)', () => {
    const S = 1e3;
    const tree = 0.01 + 6 * 0.001 + ((2 * S) / (400e9 * 0.5)) * 1e3;
    expect(Math.abs(allReduceTimeMs(cluster, S, 8, o) - tree)).toBeLessThan(1e-9);
  });
  test('in-network reduction moves the buffer once', () => {
    const sharp: ClusterSpec = { ...cluster, tiers: [{ ...cluster.tiers[0], inNetworkReduction: true }, cluster.tiers[1]] };
    const S = 256e6;
    const viaSwitch = 0.01 + (S / (400e9 * 0.5)) * 1e3;
    expect(Math.abs(allReduceTimeMs(sharp, S, 8, o) - viaSwitch)).toBeLessThan(1e-9);
  });
  test('hierarchical all-reduce across nodes: inner reduce-scatter + outer all-reduce of S/8 + inner all-gather', () => {
    const S = 64e6;
    const inner = 0.01 + 7 * 0.001 + ((7 / 8) * S / (400e9 * 0.5)) * 1e3;
    const s = S / 8;
    const ring = 0.01 + 6 * (0.001 + 0.005) + ((2 * 3 / 4) * s / (50e9 * 0.5)) * 1e3;
    const tree = 0.01 + 4 * (0.001 + 0.005) + ((2 * s) / (50e9 * 0.5)) * 1e3;
    expect(Math.abs(allReduceTimeMs(cluster, S, 32, o) - (2 * inner + Math.min(ring, tree)))).toBeLessThan(1e-9);
    expect(reduceScatterTimeMs(cluster, S, 8, o)).toBeCloseTo(inner, 12);
    expect(allGatherTimeMs(cluster, S, 8, o)).toBeCloseTo(inner, 12);
  });
  test('all-to-all across nodes: the scale-out share bounds', () => {
    const S = 32e6;
    const inner = (S * 7) / 32, outer = (S * 24) / 32;
    const t = 0.01 + 31 * 0.001 + 0.005 + Math.max(inner / (400e9 * 0.5), outer / (50e9 * 0.5)) * 1e3;
    expect(Math.abs(allToAllTimeMs(cluster, S, 32, o) - t)).toBeLessThan(1e-9);
  });
  test('send/recv and engine.transferTimeMs: base + one step + bytes / bandwidth of the tier', () => {
    expect(Math.abs(sendRecvTimeMs(cluster, 1e9, 1, o) - (0.005 + 0.001 + 0.005 + (1e9 / (50e9 * 0.5)) * 1e3))).toBeLessThan(1e-9);
    const fitted = engine.transferTimeMs(cluster, 1e9, 0);
    expect(fitted).toBe(sendRecvTimeMs(cluster, 1e9, 0));
    expect(engine.transferTimeMs(cluster, 1e9, 1)).toBeGreaterThan(fitted);
  });
  test('EP dispatch: routes inside the node over NVLink, the rest over scale-out', () => {
    const tokens = 128, h = 7168, k = 8;
    const bytes = tokens * k * h;
    const t = 0.02 + 0.004 + 0.01 * Math.log2(4) + Math.max((bytes * 7) / 32 / (400e9 * 0.5), (bytes * 24) / 32 / (50e9 * 0.5) + 5e-6) * 1e3;
    expect(Math.abs(expertAllToAllTimeMs(cluster, 'dispatch', tokens, h, k, 32, o) - t)).toBeLessThan(1e-9);
  });
  test('DeepEP normal (prefill) sends each token once per remote domain its experts live in', () => {
    const fit = fittedComm.deepEp.normalDispatch!;
    const remote = 7 * (1 - Math.pow(7 / 8, 8));
    const eff = fit.scaleOutEfficiencyByDomains.find(([d]) => d === 8)![1];
    const t = fit.baseMs + fit.perLog2NodesMs * 3 + ((4096 * remote * 7168 * fit.bytesPerElement) / (50e9 * eff)) * 1e3;
    expect(Math.abs(expertAllToAllTimeMs(hgx8, 'dispatch', 4096, 7168, 8, 64, { mode: 'normal' }) - t)).toBeLessThan(1e-9);
    // inside one domain there is no scale-out traffic: the low-latency model applies
    expect(expertAllToAllTimeMs(hgx1, 'dispatch', 512, 7168, 8, 8, { mode: 'normal' })).toBe(expertAllToAllTimeMs(hgx1, 'dispatch', 512, 7168, 8, 8));
  });
  test('one GPU or nothing to send costs nothing', () => {
    expect(allReduceTimeMs(cluster, 1e6, 1)).toBe(0);
    expect(allToAllTimeMs(cluster, 0, 8)).toBe(0);
  });
});

describe('fitted collectives against the measured tables (aic-samples, H100)', () => {
  const nccl = [...parseNccl(readFileSync('data/reference/h100_nccl_2_4gpu.csv', 'utf8')), ...parseNccl(readFileSync('data/reference/h100_nccl_8gpu.csv', 'utf8'))];
  const deepEp = parseDeepEpLowLatency(readFileSync('data/reference/h100_deepep_ll_sglang0.5.6.post2.csv', 'utf8'));
  const normal = parseDeepEpNormal(readFileSync('data/reference/h100_deepep_normal_sglang0.5.6.csv', 'utf8'));
  test('sanity points of MODELING-NOTES: 8 x H100 all-reduce 32 MB ~0.20 ms, 256 MB ~1.09 ms', () => {
    expect(allReduceTimeMs(hgx1, 32 * 2 ** 20, 8)).toBeGreaterThan(0.15);
    expect(allReduceTimeMs(hgx1, 32 * 2 ** 20, 8)).toBeLessThan(0.25);
    expect(allReduceTimeMs(hgx1, 256 * 2 ** 20, 8)).toBeGreaterThan(0.9);
    expect(allReduceTimeMs(hgx1, 256 * 2 ** 20, 8)).toBeLessThan(1.3);
  });
  test('tier latency counts only above the reference the fits include (no double counting)', () => {
    const slow: ClusterSpec = { ...hgx1, tiers: [{ ...hgx1.tiers[0], latencySeconds: 10e-6 }, hgx1.tiers[1]] };
    expect(hgx1.tiers[0].latencySeconds).toBe(2e-6);
    // 8 x H100 all-reduce of 256 KB: measured 0.019 ms (NCCL 2.29, aic-samples)
    expect(allReduceTimeMs(hgx1, 262144, 8)).toBeGreaterThan(0.015);
    expect(allReduceTimeMs(hgx1, 262144, 8)).toBeLessThan(0.023);
    expect(allReduceTimeMs(slow, 262144, 8)).toBeGreaterThan(allReduceTimeMs(hgx1, 262144, 8));
  });
  test('every kind predicts its held-out rows, and all rows, within 10% geomean', () => {
    for (const s of [...commAccuracy(nccl, deepEp, 'held-out', undefined, true, normal), ...commAccuracy(nccl, deepEp, 'all', undefined, true, normal)]) {
      expect(s.rows, s.kind).toBeGreaterThan(0);
      expect(s.geomeanError, s.kind).toBeLessThan(0.10);
    }
  });
});
