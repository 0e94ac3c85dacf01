/** Shared checks over exported files: decode every ET, check the DAG and the send/recv pairing. */
import { expect } from 'vitest';
import { decodeChakraTrace, NodeType, type ChakraNode, type ExportFile } from '../../src/export/astra/index.js';

export function attr(node: ChakraNode, name: string): unknown {
  const a = node.attr.find((x) => x.name === name);
  if (!a) return undefined;
  return a.boolVal ?? a.int32Val ?? a.int64Val ?? a.uint64Val ?? a.stringVal ?? a.boolList?.values;
}

/** Decodes every `<prefix>.<rank>.et` file; returns nodes by rank. */
export function decodeAll(files: ExportFile[], prefix = 'servescope'): ChakraNode[][] {
  const ets = files.filter((f) => f.name.startsWith(`${prefix}.`) && f.name.endsWith('.et'));
  const byRank: ChakraNode[][] = [];
  for (const f of ets) {
    const rank = Number(f.name.slice(prefix.length + 1, -3));
    byRank[rank] = decodeChakraTrace(f.content as Uint8Array).nodes;
  }
  expect(byRank.length).toBe(ets.length);
  return byRank;
}

/** Ids are 0..n-1 in order and every dependency points at an earlier node (so the graph is acyclic). */
export function expectDag(nodes: ChakraNode[]): void {
  nodes.forEach((n, i) => {
    expect(n.id).toBe(i);
    for (const d of [...n.dataDeps, ...n.ctrlDeps]) expect(d).toBeLessThan(i);
  });
}

/** Every send has exactly one receive with the same src, dst, tag and size, on the right ranks. */
export function expectMatchedTransfers(byRank: ChakraNode[][]): number {
  const key = (n: ChakraNode) => `${attr(n, 'comm_src')}->${attr(n, 'comm_dst')}#${attr(n, 'comm_tag')}:${attr(n, 'comm_size')}`;
  const sends: string[] = [];
  const recvs: string[] = [];
  byRank.forEach((nodes, rank) => {
    for (const n of nodes) {
      if (n.type === NodeType.COMM_SEND_NODE) { expect(attr(n, 'comm_src')).toBe(rank); sends.push(key(n)); }
      if (n.type === NodeType.COMM_RECV_NODE) { expect(attr(n, 'comm_dst')).toBe(rank); recvs.push(key(n)); }
    }
  });
  expect(new Set(sends).size).toBe(sends.length);
  expect([...recvs].sort()).toEqual([...sends].sort());
  return sends.length;
}

/** Transitive data-dependency closure of node `id` (what must finish before it starts, by data_deps). */
export function dataAncestors(nodes: ChakraNode[], id: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...nodes[id]!.dataDeps];
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    stack.push(...nodes[d]!.dataDeps);
  }
  return seen;
}
