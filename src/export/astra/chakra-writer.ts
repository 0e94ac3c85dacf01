/**
 * A direct protobuf writer for the Chakra messages servescope emits (Node,
 * AttributeProto, GlobalMetadata): field numbers and wire types of
 * chakra-schema.ts, fields in declaration order, present fields written even
 * when zero, repeated scalars packed, which is what protobufjs' reflection
 * encoder writes for the same objects (a test compares the two byte for
 * byte). It exists for speed: a large AFD step is a million nodes, and
 * building per-field writer objects for each made encoding GC-bound.
 */
import type { ChakraAttr, ChakraNode } from './chakra-node.js';

const encoder = new TextEncoder();

export class ProtoSink {
  buf = new Uint8Array(1 << 12);
  len = 0;

  reset(): void {
    this.len = 0;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Unsigned varint of a non-negative integer up to 2^53. */
  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  /** int32/int64 field value: negatives are ten-byte two's complement varints. */
  signedVarint(value: number): void {
    if (value >= 0) return this.varint(value);
    // Two's complement over 64 bits: 2^64 + value, split to stay exact.
    const lo = (value % 0x100000000 + 0x100000000) % 0x100000000;
    const hi = Math.floor(value / 0x100000000) + 0x100000000;
    this.ensure(10);
    let l = lo, h = hi;
    for (let i = 0; i < 9; i++) {
      this.buf[this.len++] = (l & 0x7f) | 0x80;
      l = (l >>> 7) | ((h & 0x7f) << 25);
      h >>>= 7;
    }
    this.buf[this.len++] = l & 0x01;
  }

  tag(field: number, wireType: 0 | 2): void {
    this.varint(field * 8 + wireType);
  }

  bytes(data: Uint8Array): void {
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  string(text: string): void {
    // Node names are ASCII: write them in place; anything else goes through TextEncoder.
    const n = text.length;
    let ascii = true;
    for (let i = 0; i < n && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
    if (!ascii) return this.bytes(encoder.encode(text));
    this.varint(n);
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.len++] = text.charCodeAt(i);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function packed(out: ProtoSink, field: number, values: readonly number[], scratch: ProtoSink): void {
  if (values.length === 0) return;
  scratch.reset();
  for (const v of values) scratch.varint(v);
  out.tag(field, 2);
  out.bytes(scratch.buf.subarray(0, scratch.len));
}

/** AttributeProto fields: name = 1, int32_val = 7, int64_val = 9, uint64_val = 13, bool_val = 27, bool_list = 28, string_val = 29. */
function writeAttr(out: ProtoSink, attr: ChakraAttr, scratch: ProtoSink, list: ProtoSink): void {
  out.tag(1, 2);
  out.string(attr.name);
  if (attr.int32Val !== undefined) { out.tag(7, 0); out.signedVarint(attr.int32Val); }
  else if (attr.int64Val !== undefined) { out.tag(9, 0); out.signedVarint(attr.int64Val); }
  else if (attr.uint64Val !== undefined) { out.tag(13, 0); out.varint(attr.uint64Val); }
  else if (attr.boolVal !== undefined) { out.tag(27, 0); out.varint(attr.boolVal ? 1 : 0); }
  else if (attr.boolList !== undefined) {
    // BoolList { repeated bool values = 1 } (packed)
    list.reset();
    packed(list, 1, attr.boolList.values.map((b) => (b ? 1 : 0)), scratch);
    out.tag(28, 2);
    out.bytes(list.buf.subarray(0, list.len));
  } else if (attr.stringVal !== undefined) { out.tag(29, 2); out.string(attr.stringVal); }
}

/** Writes `message` (built by `fill` into a scratch sink) as a length-delimited field or top-level record. */
function delimited(out: ProtoSink, scratch: ProtoSink, fill: (s: ProtoSink) => void): void {
  scratch.reset();
  fill(scratch);
  out.bytes(scratch.buf.subarray(0, scratch.len));
}

export class ChakraWriter {
  private readonly out = new ProtoSink();
  private readonly message = new ProtoSink();
  private readonly nested = new ProtoSink();
  private readonly deps = new ProtoSink();
  private readonly list = new ProtoSink();

  /** GlobalMetadata { string version = 1; repeated AttributeProto attr = 2 }, varint32-length-delimited. */
  metadata(version: string, attrs: readonly ChakraAttr[]): void {
    delimited(this.out, this.message, (m) => {
      m.tag(1, 2);
      m.string(version);
      for (const a of attrs) {
        m.tag(2, 2);
        delimited(m, this.nested, (n) => writeAttr(n, a, this.deps, this.list));
      }
    });
  }

  /** Node: id = 1, name = 2, type = 3, ctrl_deps = 4, data_deps = 5, duration_micros = 7, attr = 10; varint32-length-delimited. */
  node(node: ChakraNode): void {
    delimited(this.out, this.message, (m) => {
      m.tag(1, 0); m.varint(node.id);
      m.tag(2, 2); m.string(node.name);
      m.tag(3, 0); m.varint(node.type);
      packed(m, 4, node.ctrlDeps, this.deps);
      packed(m, 5, node.dataDeps, this.deps);
      m.tag(7, 0); m.varint(node.durationMicros);
      for (const a of node.attr) {
        m.tag(10, 2);
        delimited(m, this.nested, (n) => writeAttr(n, a, this.deps, this.list));
      }
    });
  }

  finish(): Uint8Array {
    return this.out.finish();
  }
}
