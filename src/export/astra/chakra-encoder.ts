/**
 * Chakra ET file encoding: varint32 length + GlobalMetadata, then varint32
 * length + Node for each node; no header, uncompressed (the framing Chakra's
 * protolib `encodeMessage` writes and ASTRA-sim's ETFeeder reads).
 */
import protobuf from 'protobufjs';
import { GlobalMetadataMessage, NodeMessage } from './chakra-schema.js';
import type { ChakraAttr, ChakraNode, ChakraTrace } from './chakra-node.js';
import { ChakraWriter } from './chakra-writer.js';

export function encodeChakraTrace(trace: Pick<ChakraTrace, 'metadata' | 'nodes'>): Uint8Array {
  const writer = new ChakraWriter();
  writer.metadata(trace.metadata.version, trace.metadata.attr);
  for (const node of trace.nodes) writer.node(node);
  return writer.finish();
}

/** The same bytes through protobufjs' reflection encoder (the reference the direct writer is tested against). */
export function encodeChakraTraceReflective(trace: Pick<ChakraTrace, 'metadata' | 'nodes'>): Uint8Array {
  const writer = protobuf.Writer.create();
  GlobalMetadataMessage.encodeDelimited(trace.metadata, writer);
  for (const node of trace.nodes) NodeMessage.encodeDelimited(node, writer);
  return writer.finish();
}

/** Decodes a whole ET file back to plain data (tests, `export-astra --check`). */
export function decodeChakraTrace(bytes: Uint8Array): Pick<ChakraTrace, 'metadata' | 'nodes'> {
  const reader = protobuf.Reader.create(bytes);
  const asObject = { longs: Number, enums: Number, defaults: true, arrays: true, oneofs: true } as const;
  const metadata = GlobalMetadataMessage.toObject(GlobalMetadataMessage.decodeDelimited(reader), asObject) as ChakraTrace['metadata'];
  const nodes: ChakraNode[] = [];
  while (reader.pos < reader.len) {
    const node = NodeMessage.toObject(NodeMessage.decodeDelimited(reader), asObject) as ChakraNode & { attr: ChakraAttr[] };
    nodes.push({ ...node, attr: node.attr.map(keepSetValue) });
  }
  return { metadata: { version: metadata.version, attr: metadata.attr.map(keepSetValue) }, nodes };
}

/** `defaults: true` fills every oneof member; keep only the member the bytes carried. */
function keepSetValue(attr: ChakraAttr): ChakraAttr {
  const all = attr as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { name: attr.name };
  const set = all.value;
  if (typeof set === 'string') out[set] = all[set];
  return out as unknown as ChakraAttr;
}
