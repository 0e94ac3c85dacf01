/**
 * Fits the collective model (src/engine/comm/collectives.ts) to the measured
 * NCCL (2/4/8 x H100, NVSwitch) and DeepEP low-latency (1-8 nodes) tables in
 * data/reference and writes data/fitted/comm.json. Held-out rows (every 5th by
 * hash) are left out of the fit, for bench/accuracy.ts.
 *   node scripts/run-ts.mjs tools/fit-comm.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CommParams } from '../src/engine/comm/comm-params.js';
import { commHeldOut, DEEPEP_NORMAL_MAX_TOKENS, REFERENCE_LATENCY_SECONDS, isMonotonicityOutlier, parseDeepEpLowLatency, parseDeepEpNormal, parseNccl } from '../src/engine/comm/comm-tables.js';
import { deepEpKey, ncclKey, predictDeepEp, predictDeepEpNormal, predictNccl } from '../src/engine/comm/comm-accuracy.js';
import { nelderMead } from './nelder-mead.js';

const nccl = [...parseNccl(readFileSync('data/reference/h100_nccl_2_4gpu.csv', 'utf8')), ...parseNccl(readFileSync('data/reference/h100_nccl_8gpu.csv', 'utf8'))];
const deepEp = parseDeepEpLowLatency(readFileSync('data/reference/h100_deepep_ll_sglang0.5.6.post2.csv', 'utf8'));
const deepEpNormal = parseDeepEpNormal(readFileSync('data/reference/h100_deepep_normal_sglang0.5.6.csv', 'utf8'));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const fit0 = () => ({ baseMs: 0.01, stepMs: 0.001, efficiency: 0.8 });
const params: CommParams = {
  referenceLatencySeconds: REFERENCE_LATENCY_SECONDS,
  source: 'aic-samples h100_nccl_2_4gpu.csv, h100_nccl_8gpu.csv (NCCL 2.29.2), h100_deepep_ll_sglang0.5.6.post2.csv',
  nccl: { allReduce: fit0(), allGather: fit0(), reduceScatter: fit0(), allToAll: fit0() },
  sendRecv: fit0(),
  deepEp: {
    dispatch: { baseMs: 0.015, scaleOutBaseMs: 0.01, perLog2NodesMs: 0.005, scaleUpEfficiency: 0.6, scaleOutEfficiency: 0.8 },
    combine: { baseMs: 0.012, scaleOutBaseMs: 0.01, perLog2NodesMs: 0.005, scaleUpEfficiency: 0.5, scaleOutEfficiency: 0.8 },
    // FP8 e4m3 payload plus one fp32 scale per 128 elements (DeepEP low-latency dispatch); BF16 combine.
    dispatchBytesPerElement: 1 + 4 / 128,
    combineBytesPerElement: 2,
  },
  split: 'every 5th row by FNV-1a hash of the row key is held out',
};

const mal = (pairs: [number, number][]) => pairs.reduce((s, [p, m]) => s + Math.abs(Math.log(p / m)), 0) / Math.max(1, pairs.length);
const ops = { all_reduce: 'allReduce', all_gather: 'allGather', reduce_scatter: 'reduceScatter', alltoall: 'allToAll' } as const;
for (const [op, key] of Object.entries(ops)) {
  const rows = nccl.filter((r) => r.op === op && !commHeldOut(ncclKey(r)) && !isMonotonicityOutlier(r, nccl));
  const dropped = nccl.filter((r) => r.op === op && isMonotonicityOutlier(r, nccl)).length;
  // NCCL's three protocols (Simple, LL, LL128): each an alpha-beta line, the fastest wins.
  const f = (x: number[]) => {
    params.nccl[key] = {
      baseMs: Math.exp(x[0]), stepMs: Math.exp(x[1]), efficiency: sigmoid(x[2]),
      lowLatency: [
        { baseMs: Math.exp(x[3]), stepMs: Math.exp(x[4]), efficiency: sigmoid(x[5]), maxBytes: Number.MAX_VALUE },
        { baseMs: Math.exp(x[6]), stepMs: Math.exp(x[7]), efficiency: sigmoid(x[8]), maxBytes: Number.MAX_VALUE },
      ],
    };
    if (key === 'allReduce') params.nccl[key].inNetwork = { baseMs: Math.exp(x[9]), efficiency: sigmoid(x[10]) };
    return mal(rows.map((r) => [predictNccl(r, params), r.ms]));
  };
  const x0 = [Math.log(0.015), Math.log(0.0005), 1, Math.log(0.005), Math.log(0.0002), -2, Math.log(0.009), Math.log(0.0003), 0, Math.log(0.02), 0];
  const res0 = nelderMead(f, x0, { step: 0.7, iterations: 6000, restarts: 8 });
  f(res0.x);
  const best = { value: res0.value, fit: params.nccl[key] };
  params.nccl[key] = best.fit;
  const res = best;
  console.log(`nccl ${op}: ${rows.length} rows (${dropped} non-monotonic rows left out), mean |log error| ${(100 * res.value).toFixed(2)}%`);
}
// Send/recv was not measured; NCCL point-to-point uses the same channels as all-gather's steps.
params.sendRecv = { ...params.nccl.allGather };

for (const op of ['dispatch', 'combine'] as const) {
  const rows = deepEp.filter((r) => !commHeldOut(deepEpKey(r)));
  const f = (x: number[]) => {
    params.deepEp[op] = { baseMs: Math.exp(x[0]), perLog2NodesMs: Math.exp(x[1]), scaleUpEfficiency: sigmoid(x[2]), scaleOutEfficiency: sigmoid(x[3]), scaleOutBaseMs: Math.exp(x[4]) };
    return mal(rows.map((r) => [predictDeepEp(r, op, params), op === 'dispatch' ? r.dispatchMs : r.combineMs]));
  };
  const res = nelderMead(f, [Math.log(0.015), Math.log(0.005), 0, 1, Math.log(0.01)], { step: 0.5, iterations: 3000, restarts: 5 });
  f(res.x);
  console.log(`deepep ${op}: ${rows.length} rows, mean |log error| ${(100 * res.value).toFixed(2)}%`);
}
// DeepEP normal: FP8 dispatch (plus scales), BF16 combine.
for (const op of ['dispatch', 'combine'] as const) {
  const rows = deepEpNormal.filter((r) => !commHeldOut(`normal|${deepEpKey(r)}`) && r.tokens <= DEEPEP_NORMAL_MAX_TOKENS);
  const key = op === 'dispatch' ? 'normalDispatch' : 'normalCombine';
  const bytesPerElement = op === 'dispatch' ? 1 + 4 / 128 : 2;
  const f = (x: number[]) => {
    params.deepEp[key] = { baseMs: Math.exp(x[0]), perLog2NodesMs: Math.exp(x[1]), scaleOutEfficiencyByDomains: [[2, sigmoid(x[2])], [4, sigmoid(x[3])], [8, sigmoid(x[4])]], bytesPerElement };
    return mal(rows.map((r) => [predictDeepEpNormal(r, op, params), op === 'dispatch' ? r.dispatchMs : r.combineMs]));
  };
  const res = nelderMead(f, [Math.log(0.02), Math.log(0.005), 1, 1, 1], { step: 0.5, iterations: 3000, restarts: 5 });
  f(res.x);
  console.log(`deepep normal ${op}: ${rows.length} rows, mean |log error| ${(100 * res.value).toFixed(2)}%`);
}
const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);
writeFileSync('data/fitted/comm.json', JSON.stringify(params, round, 1) + '\n');
console.log('wrote data/fitted/comm.json');
