/**
 * Appends the nodes of one rank's trace: ids in issue order, whole-microsecond
 * durations that add up exactly (MicrosClock), and the attributes ASTRA-sim
 * reads for each node type.
 */
import type { OperatorCost } from '../../engine/types.js';
import { CHAKRA_SCHEMA_VERSION, NodeType, type CollectiveCommTypeValue, type NodeTypeValue } from './chakra-schema.js';
import { boolAttr, collectiveAttrs, int64Attr, sendRecvAttrs, stringAttr, uint64Attr, type ChakraAttr, type ChakraNode, type ChakraTrace } from './chakra-node.js';
import { MicrosClock } from './micros-clock.js';
import { ChakraWriter } from './chakra-writer.js';

/** Every replayed kernel carries the same single attribute; one shared array spares 100k small allocations on a large step. */
const GPU_KERNEL_ATTRS: ChakraAttr[] = [boolAttr('is_cpu_op', false)];

/**
 * Nodes are encoded as they are added (the ET file is written in issue
 * order anyway); keeping them as objects too is optional, so that a
 * million-node AFD step only ever holds short-lived objects.
 */
export class RankWriter {
  readonly nodes: ChakraNode[] = [];
  private readonly clock = new MicrosClock();
  private readonly writer = new ChakraWriter();
  private readonly metadata: ChakraTrace['metadata'];
  private count = 0;
  /** Sum of the engine's compute-operator times on this rank, ms (before rounding). */
  computeMs = 0;

  constructor(readonly rank: number, readonly role: string, private readonly roofline: boolean, metadata: Record<string, string>, private readonly keepNodes = true) {
    this.metadata = { version: CHAKRA_SCHEMA_VERSION, attr: Object.entries({ role, ...metadata }).map(([k, v]) => stringAttr(k, v)) };
    this.writer.metadata(this.metadata.version, this.metadata.attr);
  }

  private add(name: string, type: NodeTypeValue, dataDeps: number[], ctrlDeps: number[], durationMicros: number, attr: ChakraAttr[]): number {
    const id = this.count++;
    const ctrl = ctrlDeps.length === 0 ? ctrlDeps : ctrlDeps.filter((d) => !dataDeps.includes(d));
    const node: ChakraNode = { id, name, type, ctrlDeps: ctrl, dataDeps, durationMicros, attr };
    this.writer.node(node);
    if (this.keepNodes) this.nodes.push(node);
    return id;
  }

  /** A GPU kernel: the engine's time, or (roofline mode) its FLOPs and HBM bytes for ASTRA-sim's roofline. */
  compute(op: OperatorCost, name: string, dataDeps: number[], ctrlDeps: number[] = []): number {
    this.computeMs += op.timeMs;
    if (this.roofline) {
      return this.add(name, NodeType.COMP_NODE, dataDeps, ctrlDeps, 0, [
        boolAttr('is_cpu_op', false), int64Attr('num_ops', Math.round(op.flops)), uint64Attr('tensor_size', Math.round(op.bytes)),
      ]);
    }
    return this.add(name, NodeType.COMP_NODE, dataDeps, ctrlDeps, this.clock.next(op.timeMs), GPU_KERNEL_ATTRS);
  }

  collective(name: string, commType: CollectiveCommTypeValue, dataBytes: number, pgName: string, involvedDims: boolean[], dataDeps: number[], ctrlDeps: number[] = []): number {
    return this.add(name, NodeType.COMM_COLL_NODE, dataDeps, ctrlDeps, 0, collectiveAttrs(commType, dataBytes, pgName, involvedDims));
  }

  send(name: string, dst: number, tag: number, bytes: number, dataDeps: number[], ctrlDeps: number[] = []): number {
    return this.add(name, NodeType.COMM_SEND_NODE, dataDeps, ctrlDeps, 0, sendRecvAttrs(this.rank, dst, tag, Math.round(bytes)));
  }

  recv(name: string, src: number, tag: number, bytes: number, dataDeps: number[], ctrlDeps: number[] = []): number {
    return this.add(name, NodeType.COMM_RECV_NODE, dataDeps, ctrlDeps, 0, sendRecvAttrs(src, this.rank, tag, Math.round(bytes)));
  }

  trace(): ChakraTrace {
    return { rank: this.rank, metadata: this.metadata, nodes: this.nodes, nodeCount: this.count, bytes: this.writer.finish() };
  }
}
