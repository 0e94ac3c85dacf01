/**
 * How each engine operator category becomes a trace node: GPU compute, a
 * collective over a process group, a point-to-point transfer the trace
 * builder places itself, or nothing (the engine's modelled idle time, which
 * ASTRA-sim derives from the dependencies instead).
 */
import type { OperatorCost, OpCategory } from '../../engine/types.js';
import { CollectiveCommType, type CollectiveCommTypeValue } from './chakra-schema.js';

export type NodeRole = 'compute' | 'tp_collective' | 'ep_collective' | 'transfer' | 'skip';

const ROLE: Readonly<Record<OpCategory, NodeRole>> = {
  attention: 'compute',
  dense_ffn: 'compute',
  experts: 'compute',
  elementwise: 'compute',
  embedding: 'compute',
  tp_comm: 'tp_collective',
  ep_comm: 'ep_collective',
  // Pipeline, AFD and P/D transfers are placed by the trace builder between
  // pools and stages (send/recv pairs), not where they sit in a layer's list.
  pp_comm: 'transfer',
  afd_transfer: 'transfer',
  kv_transfer: 'transfer',
  bubble: 'skip',
};

export function nodeRole(op: OperatorCost): NodeRole {
  const role = ROLE[op.category];
  // The engine files some TP collectives under their layer's bucket (the vocab-parallel embedding's all-reduce is
  // 'embedding'); messageBytes marks a communication operator whatever its bucket.
  return role === 'compute' && op.messageBytes !== undefined ? 'tp_collective' : role;
}


/** The collective an engine communication operator stands for, from its name (engine names: `*all_gather*`, `*reduce_scatter*`, `*dispatch*`/`*combine*`). */
export function collectiveType(op: OperatorCost): CollectiveCommTypeValue {
  const name = op.name.toLowerCase().replace(/[-\s]/g, '_');
  if (name.includes('all_gather') || name.includes('allgather')) return CollectiveCommType.ALL_GATHER;
  if (name.includes('reduce_scatter') || name.includes('reducescatter')) return CollectiveCommType.REDUCE_SCATTER;
  if (op.category === 'ep_comm' || name.includes('all_to_all') || name.includes('alltoall') || name.includes('dispatch') || name.includes('combine')) {
    return CollectiveCommType.ALL_TO_ALL;
  }
  return CollectiveCommType.ALL_REDUCE;
}

/**
 * ASTRA-sim's comm_size is the collective's data set per NPU: the buffer an
 * all-reduce reduces, the gathered tensor of an all-gather (the input of a
 * reduce-scatter), the send buffer of an all-to-all; its algorithms then move
 * (n-1)/n of it per pass. The engine's `messageBytes` on communication
 * operators is that same buffer (src/engine/ops/comm-ops.ts: tokens x hidden
 * x bytes for the TP all-reduce and the stage all-gather, tokens x top-k x
 * hidden x bytes for EP dispatch/combine), so it passes through unchanged.
 */
export function collectiveCommSize(op: OperatorCost): number {
  return Math.round(op.messageBytes ?? 0);
}
