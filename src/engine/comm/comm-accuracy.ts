/** Predicts the measured collective tables with the fitted comm model (bench/accuracy.ts, tests). */
import { errorStats, type ErrorStats } from '../efficiency/accuracy.js';
import { allGatherTimeMs, allReduceTimeMs, allToAllTimeMs, expertAllToAllTimeMs, reduceScatterTimeMs } from './collectives.js';
import type { CommParams } from './comm-params.js';
import { commHeldOut, DEEPEP_NORMAL_MAX_TOKENS, h100ReferenceCluster, isMonotonicityOutlier, type DeepEpNormalRow, type DeepEpRow, type NcclRow } from './comm-tables.js';

export function predictNccl(r: NcclRow, params?: CommParams): number {
  const c = h100ReferenceCluster(1);
  const o = { params };
  switch (r.op) {
    case 'all_reduce': return allReduceTimeMs(c, r.bytes, r.gpus, o);
    case 'all_gather': return allGatherTimeMs(c, r.bytes, r.gpus, o);
    case 'reduce_scatter': return reduceScatterTimeMs(c, r.bytes, r.gpus, o);
    case 'alltoall': return allToAllTimeMs(c, r.bytes, r.gpus, o);
  }
}

export function predictDeepEp(r: DeepEpRow, op: 'dispatch' | 'combine', params?: CommParams): number {
  return expertAllToAllTimeMs(h100ReferenceCluster(r.nodes), op, r.tokens, r.hidden, r.topK, 8 * r.nodes, { params });
}

export function predictDeepEpNormal(r: DeepEpNormalRow, op: 'dispatch' | 'combine', params?: CommParams): number {
  return expertAllToAllTimeMs(h100ReferenceCluster(r.nodes), op, r.tokens, r.hidden, r.topK, 8 * r.nodes, { params, mode: 'normal' });
}

export const ncclKey = (r: NcclRow) => `${r.op}|${r.gpus}|${r.bytes}`;
export const deepEpKey = (r: DeepEpRow) => `${r.nodes}|${r.tokens}|${r.hidden}|${r.topK}`;

/** `filtered`: leave out the NCCL rows that break monotonicity in message size (isMonotonicityOutlier) and DeepEP normal rows beyond DEEPEP_NORMAL_MAX_TOKENS. */
export function commAccuracy(nccl: NcclRow[], deepEp: DeepEpRow[], which: 'held-out' | 'all', params?: CommParams, filtered = true, deepEpNormal: DeepEpNormalRow[] = []): ErrorStats[] {
  const keep = (k: string) => which === 'all' || commHeldOut(k);
  const out: ErrorStats[] = [];
  for (const op of ['all_reduce', 'all_gather', 'reduce_scatter', 'alltoall'] as const) {
    const rows = nccl.filter((r) => r.op === op && keep(ncclKey(r)) && !(filtered && isMonotonicityOutlier(r, nccl)));
    out.push(errorStats(`nccl ${op}`, rows.map((r) => ({ predicted: predictNccl(r, params), measured: r.ms }))));
  }
  for (const op of ['dispatch', 'combine'] as const) {
    const rows = deepEp.filter((r) => keep(deepEpKey(r)));
    out.push(errorStats(`deepep ll ${op}`, rows.map((r) => ({ predicted: predictDeepEp(r, op, params), measured: op === 'dispatch' ? r.dispatchMs : r.combineMs }))));
  }
  if (deepEpNormal.length > 0) {
    for (const op of ['dispatch', 'combine'] as const) {
      const rows = deepEpNormal.filter((r) => keep(`normal|${deepEpKey(r)}`) && (!filtered || r.tokens <= DEEPEP_NORMAL_MAX_TOKENS));
      out.push(errorStats(`deepep normal ${op}`, rows.map((r) => ({ predicted: predictDeepEpNormal(r, op, params), measured: op === 'dispatch' ? r.dispatchMs : r.combineMs }))));
    }
  }
  return out;
}
