/**
 * A reference replay of exported traces, for tests: ASTRA-sim's semantics
 * reduced to what the checks need. A node starts when its data and ctrl
 * dependencies have finished; a rank runs one kernel at a time, in id order;
 * a send/recv pair finishes `pointToPointMs` after both sides started; a
 * collective finishes `collectiveMs` after every member started its matching
 * node (the k-th use of a group on each member). Finish times are computed
 * by recursion over the global graph, so a cyclic wait across ranks (a trace
 * ASTRA-sim would hang on) throws.
 */
import { NodeType, type ChakraNode } from '../../src/export/astra/index.js';
import { attr } from './trace-checks.js';

export interface ReplayCosts {
  pointToPointMs: number;
  collectiveMs: number;
}

export function replay(ranks: ChakraNode[][], costs: ReplayCosts): { finishMs: number[]; makespanMs: number } {
  const key = (r: number, id: number) => `${r}:${id}`;
  const finish = new Map<string, number>();
  const visiting = new Set<string>();
  // Partners: send <-> recv by (src, dst, tag); collective members by (pg, occurrence).
  const partner = new Map<string, string>();
  const sendAt = new Map<string, string>();
  const collMembers = new Map<string, string[]>();
  const prevKernel = new Map<string, string>();
  ranks.forEach((nodes, r) => {
    const uses = new Map<string, number>();
    let lastKernel: string | undefined;
    for (const n of nodes) {
      const k = key(r, n.id);
      if (n.type === NodeType.COMP_NODE) { if (lastKernel) prevKernel.set(k, lastKernel); lastKernel = k; }
      if (n.type === NodeType.COMM_SEND_NODE) sendAt.set(`${attr(n, 'comm_src')}>${attr(n, 'comm_dst')}#${attr(n, 'comm_tag')}`, k);
      if (n.type === NodeType.COMM_COLL_NODE) {
        const pg = attr(n, 'pg_name') as string;
        const i = uses.get(pg) ?? 0;
        uses.set(pg, i + 1);
        const list = collMembers.get(`${pg}/${i}`) ?? [];
        list.push(k);
        collMembers.set(`${pg}/${i}`, list);
      }
    }
  });
  ranks.forEach((nodes, r) => {
    for (const n of nodes) {
      if (n.type !== NodeType.COMM_RECV_NODE) continue;
      const s = sendAt.get(`${attr(n, 'comm_src')}>${attr(n, 'comm_dst')}#${attr(n, 'comm_tag')}`);
      if (!s) throw new Error(`recv ${key(r, n.id)} has no matching send`);
      partner.set(key(r, n.id), s);
      partner.set(s, key(r, n.id));
    }
  });
  const collOf = new Map<string, string[]>();
  for (const members of collMembers.values()) for (const m of members) collOf.set(m, members);

  const node = (k: string): ChakraNode => {
    const [r, id] = k.split(':').map(Number);
    return ranks[r!]![id!]!;
  };
  // Earliest start from the node's own rank: its deps and, for a kernel, the previous kernel.
  const ready = (k: string): number => {
    const n = node(k);
    const r = k.split(':')[0];
    const deps = [...n.dataDeps, ...n.ctrlDeps].map((d) => finishOf(`${r}:${d}`));
    const prev = prevKernel.get(k);
    return Math.max(0, ...deps, ...(prev ? [finishOf(prev)] : []));
  };
  const finishOf = (k: string): number => {
    const known = finish.get(k);
    if (known !== undefined) return known;
    if (visiting.has(k)) throw new Error(`cyclic wait at ${k} (${node(k).name})`);
    visiting.add(k);
    const n = node(k);
    let t: number;
    if (n.type === NodeType.COMP_NODE) t = ready(k) + n.durationMicros / 1000;
    else if (n.type === NodeType.COMM_SEND_NODE || n.type === NodeType.COMM_RECV_NODE) t = Math.max(ready(k), ready(partner.get(k)!)) + costs.pointToPointMs;
    else if (n.type === NodeType.COMM_COLL_NODE) t = Math.max(...collOf.get(k)!.map(ready)) + costs.collectiveMs;
    else t = ready(k);
    visiting.delete(k);
    finish.set(k, t);
    return t;
  };
  const finishMs = ranks.map((nodes, r) => Math.max(0, ...nodes.map((n) => finishOf(key(r, n.id)))));
  return { finishMs, makespanMs: Math.max(...finishMs) };
}
