/**
 * Chakra trace nodes as plain data, and attribute constructors that put each
 * value in the oneof slot ASTRA-sim's reader takes it from (a value in any
 * other slot is silently read as 0 there).
 */
import type { CollectiveCommTypeValue, NodeTypeValue } from './chakra-schema.js';

export interface ChakraAttr {
  name: string;
  boolVal?: boolean;
  int32Val?: number;
  int64Val?: number;
  uint64Val?: number;
  stringVal?: string;
  boolList?: { values: boolean[] };
}

export interface ChakraNode {
  id: number;
  name: string;
  type: NodeTypeValue;
  /** Edges that only order execution (newer readers). */
  ctrlDeps: number[];
  /** Edges every reader honours: the node starts after these finish. */
  dataDeps: number[];
  durationMicros: number;
  attr: ChakraAttr[];
}

export interface ChakraTrace {
  /** The NPU (rank) id this trace is for: file `<prefix>.<rank>.et`. */
  rank: number;
  metadata: { version: string; attr: ChakraAttr[] };
  /** The nodes as data (empty when the builder streamed them straight to `bytes`). */
  nodes: ChakraNode[];
  nodeCount: number;
  /** The encoded ET file, when the builder wrote it as it went. */
  bytes?: Uint8Array;
}

export const boolAttr = (name: string, value: boolean): ChakraAttr => ({ name, boolVal: value });
export const int32Attr = (name: string, value: number): ChakraAttr => ({ name, int32Val: value });
export const int64Attr = (name: string, value: number): ChakraAttr => ({ name, int64Val: value });
export const uint64Attr = (name: string, value: number): ChakraAttr => ({ name, uint64Val: value });
export const stringAttr = (name: string, value: string): ChakraAttr => ({ name, stringVal: value });
export const boolListAttr = (name: string, values: boolean[]): ChakraAttr => ({ name, boolList: { values } });

/** The attributes of a collective, as ASTRA-sim's Workload::issue_coll_comm reads them. */
export function collectiveAttrs(commType: CollectiveCommTypeValue, commSizeBytes: number, pgName: string, involvedDims: boolean[]): ChakraAttr[] {
  return [
    boolAttr('is_cpu_op', false),
    int64Attr('comm_type', commType),
    int64Attr('comm_size', commSizeBytes),
    stringAttr('pg_name', pgName),
    boolListAttr('involved_dim', involvedDims),
  ];
}

const ON_GPU: ChakraAttr = boolAttr('is_cpu_op', false);

/** The attributes of one side of a point-to-point transfer (issue_send_comm / issue_recv_comm). */
export function sendRecvAttrs(srcRank: number, dstRank: number, tag: number, commSizeBytes: number): ChakraAttr[] {
  return [
    ON_GPU,
    int32Attr('comm_src', srcRank),
    int32Attr('comm_dst', dstRank),
    int32Attr('comm_tag', tag),
    int64Attr('comm_size', commSizeBytes),
  ];
}
