import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { chakraRoot, decodeChakraTrace, encodeChakraTrace, exportAstra, NodeType, CollectiveCommType } from '../../src/export/astra/index.js';
import { encodeChakraTraceReflective } from '../../src/export/astra/chakra-encoder.js';
import { afd, aggregatedMoe, disaggregated, pipelined } from './fixtures/deployments.js';
import { toyEngine } from './fixtures/toy-engine.js';
import { tp2Dense } from './fixtures/deployments.js';
import { attr } from './trace-checks.js';

const golden = (rank: number) => readFileSync(new URL(`./fixtures/tp2-allreduce.${rank}.et.hex`, import.meta.url), 'utf8').trim();

describe('Chakra ET encoding', () => {
  const { files } = exportAstra(tp2Dense, { phase: 'decode', batch: 1, contextTokens: 100 }, toyEngine, '/tmp/tp2');
  const et = (rank: number) => files.find((f) => f.name === `servescope.${rank}.et`)!.content as Uint8Array;

  it('writes the 2-rank TP all-reduce step byte for byte as the committed golden files', () => {
    expect(Buffer.from(et(0)).toString('hex')).toBe(golden(0));
    expect(Buffer.from(et(1)).toString('hex')).toBe(golden(1));
  });

  it('frames the file as varint32 length + GlobalMetadata, then varint32 length + Node', () => {
    const bytes = et(0);
    const reader = protobuf.Reader.create(bytes);
    const metadata = chakraRoot.lookupType('ChakraProtoMsg.GlobalMetadata').decodeDelimited(reader);
    expect((metadata as unknown as { version: string }).version).toBe('0.0.4');
    let nodes = 0;
    const Node = chakraRoot.lookupType('ChakraProtoMsg.Node');
    while (reader.pos < reader.len) { Node.decodeDelimited(reader); nodes++; }
    expect(reader.pos).toBe(bytes.length);
    expect(nodes).toBe(10);
    // First byte: length of GlobalMetadata; its first field is `version` (field 1, wire type 2 = 0x0a) "0.0.4".
    expect(bytes[0]).toBe(0x75);
    const Meta = chakraRoot.lookupType('ChakraProtoMsg.GlobalMetadata');
    expect(Meta.toObject(Meta.decode(bytes.subarray(1, 1 + 0x75)))).toEqual(Meta.toObject(metadata));
    expect(Buffer.from(bytes.subarray(1, 8)).toString('hex')).toBe('0a05302e302e34');
  });

  it('puts each attribute in the oneof slot ASTRA-sim reads (comm_size int64 = field 9, involved_dim bool_list = field 28)', () => {
    const nodes = decodeChakraTrace(et(0)).nodes;
    const ar = nodes.find((n) => n.name.endsWith('attn_all_reduce'))!;
    expect(ar.type).toBe(NodeType.COMM_COLL_NODE);
    expect(ar.attr.find((a) => a.name === 'comm_size')).toEqual({ name: 'comm_size', int64Val: 1048576 });
    expect(ar.attr.find((a) => a.name === 'comm_type')).toEqual({ name: 'comm_type', int64Val: CollectiveCommType.ALL_REDUCE });
    expect(ar.attr.find((a) => a.name === 'pg_name')).toEqual({ name: 'pg_name', stringVal: '1' });
    expect(ar.attr.find((a) => a.name === 'involved_dim')).toEqual({ name: 'involved_dim', boolList: { values: [true] } });
    const hex = Buffer.from(et(0)).toString('hex');
    // name "comm_size" then 0x48 (field 9, varint) 0x80 0x80 0x40 = 1048576.
    expect(hex).toContain(Buffer.from('comm_size').toString('hex') + '48808040');
    // name "involved_dim" then 0xe2 0x01 (field 28, length-delimited) BoolList{ values: [true] } packed.
    expect(hex).toContain(Buffer.from('involved_dim').toString('hex') + 'e201030a0101');
    const compute = nodes.find((n) => n.type === NodeType.COMP_NODE)!;
    expect(compute.attr).toEqual([{ name: 'is_cpu_op', boolVal: false }]);
    expect(attr(compute, 'is_cpu_op')).toBe(false);
  });

  it('round-trips arbitrary nodes, including send/recv attributes and ctrl deps', () => {
    const trace = {
      metadata: { version: '0.0.4', attr: [] },
      nodes: [
        { id: 0, name: 'a', type: NodeType.COMP_NODE, ctrlDeps: [], dataDeps: [], durationMicros: 7, attr: [{ name: 'num_ops', int64Val: 2 ** 40 }, { name: 'tensor_size', uint64Val: 123456789012 }] },
        { id: 1, name: 's', type: NodeType.COMM_SEND_NODE, ctrlDeps: [0], dataDeps: [], durationMicros: 0, attr: [{ name: 'comm_src', int32Val: 3 }, { name: 'comm_dst', int32Val: 5 }, { name: 'comm_tag', int32Val: 9 }] },
      ],
    };
    const back = decodeChakraTrace(encodeChakraTrace(trace));
    expect(back.nodes.map((n) => ({ id: n.id, name: n.name, type: n.type, ctrlDeps: n.ctrlDeps, dataDeps: n.dataDeps, durationMicros: n.durationMicros, attr: n.attr })))
      .toEqual(trace.nodes);
  });

  it('writes the same bytes as protobufjs\' reflection encoder for every node kind', () => {
    const cases = [
      exportAstra(aggregatedMoe, { phase: 'decode', batch: 16, contextTokens: 300 }, toyEngine, '/tmp/x'),
      exportAstra(aggregatedMoe, { phase: 'prefill', batch: 2, contextTokens: 300 }, toyEngine, '/tmp/x', 'servescope', { roofline: true }),
      exportAstra(pipelined, { phase: 'decode', batch: 16, contextTokens: 300 }, toyEngine, '/tmp/x'),
      exportAstra(disaggregated, { phase: 'prefill', batch: 2, contextTokens: 300 }, toyEngine, '/tmp/x'),
      exportAstra(afd, { phase: 'decode', batch: 16, contextTokens: 300 }, toyEngine, '/tmp/x'),
    ];
    let compared = 0;
    for (const { set } of cases) {
      for (const trace of set.traces) {
        const reflective = Buffer.from(encodeChakraTraceReflective(trace));
        expect(Buffer.from(encodeChakraTrace(trace)).equals(reflective)).toBe(true);
        // The bytes the builder streamed while adding nodes are the same file.
        expect(Buffer.from(trace.bytes!).equals(reflective)).toBe(true);
        expect(trace.nodeCount).toBe(trace.nodes.length);
        compared += trace.nodes.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('encodes large and negative integers as protobuf does', () => {
    const trace = {
      metadata: { version: '0.0.4', attr: [{ name: 'note', stringVal: 'héllo' }] },
      nodes: [{ id: 2 ** 40 + 3, name: '', type: NodeType.COMP_NODE, ctrlDeps: [2 ** 35], dataDeps: [0, 127, 128, 16384], durationMicros: 2 ** 33 + 1,
        attr: [{ name: 'a', int64Val: -5 }, { name: 'b', int32Val: -1 }, { name: 'c', uint64Val: 2 ** 52 + 7 }, { name: 'd', boolList: { values: [] } }] }],
    };
    const bytes = encodeChakraTrace(trace);
    expect(Buffer.from(bytes).equals(Buffer.from(encodeChakraTraceReflective(trace)))).toBe(true);
    const back = decodeChakraTrace(bytes);
    expect(back.nodes[0]!.attr.slice(0, 3)).toEqual(trace.nodes[0]!.attr.slice(0, 3));
    expect(back.nodes[0]!.id).toBe(2 ** 40 + 3);
    expect(back.metadata.attr).toEqual(trace.metadata.attr);
  });

  it('streams the same files without keeping node objects (keepNodes: false)', () => {
    const point = { phase: 'decode', batch: 16, contextTokens: 300 } as const;
    const kept = exportAstra(afd, point, toyEngine, '/tmp/x');
    const streamed = exportAstra(afd, point, toyEngine, '/tmp/x', 'servescope', { keepNodes: false });
    expect(streamed.set.traces.every((t) => t.nodes.length === 0)).toBe(true);
    expect(streamed.set.traces.map((t) => t.nodeCount)).toEqual(kept.set.traces.map((t) => t.nodes.length));
    expect(streamed.files.map((f) => [f.name, Buffer.from(f.content).toString('hex')])).toEqual(kept.files.map((f) => [f.name, Buffer.from(f.content).toString('hex')]));
  });
});
