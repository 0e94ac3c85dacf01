/**
 * The Chakra execution-trace schema (MLCommons Chakra `et_def.proto`,
 * package ChakraProtoMsg, proto3), written from the facts ASTRA-sim's reader
 * relies on: the Node fields it reads, the node and collective enums, and the
 * AttributeProto value kinds (`is_cpu_op` bool_val, `num_ops` int64_val,
 * `tensor_size` uint64_val, `comm_type`/`comm_size` int64_val,
 * `comm_src`/`comm_dst`/`comm_tag` int32_val, `pg_name` string_val,
 * `involved_dim` bool_list). Attribute field numbers follow et_def.proto's
 * `oneof value` so the bytes we write are what Chakra's own encoder writes.
 *
 * A protobufjs reflection object (no .proto parsing at run time), so the CLI
 * bundle needs only protobufjs' runtime.
 */
import protobuf from 'protobufjs';

/** Chakra NodeType (et_def.proto). */
export const NodeType = {
  INVALID_NODE: 0,
  METADATA_NODE: 1,
  MEM_LOAD_NODE: 2,
  MEM_STORE_NODE: 3,
  COMP_NODE: 4,
  COMM_SEND_NODE: 5,
  COMM_RECV_NODE: 6,
  COMM_COLL_NODE: 7,
} as const;
export type NodeTypeValue = (typeof NodeType)[keyof typeof NodeType];

/** Chakra CollectiveCommType (et_def.proto); ASTRA-sim simulates the four we emit. */
export const CollectiveCommType = {
  ALL_REDUCE: 0,
  REDUCE: 1,
  ALL_GATHER: 2,
  GATHER: 3,
  SCATTER: 4,
  BROADCAST: 5,
  ALL_TO_ALL: 6,
  REDUCE_SCATTER: 7,
  REDUCE_SCATTER_BLOCK: 8,
  BARRIER: 9,
} as const;
export type CollectiveCommTypeValue = (typeof CollectiveCommType)[keyof typeof CollectiveCommType];

/** The file format version written into GlobalMetadata (Chakra's current schema). */
export const CHAKRA_SCHEMA_VERSION = '0.0.4';

const list = (type: string) => ({ fields: { values: { rule: 'repeated', type, id: 1 } } });

/** protobufjs JSON descriptor of the subset of et_def.proto servescope writes and reads. */
export const chakraDescriptor = {
  nested: {
    ChakraProtoMsg: {
      nested: {
        NodeType: { values: NodeType },
        CollectiveCommType: { values: CollectiveCommType },
        DoubleList: list('double'),
        FloatList: list('float'),
        Int32List: list('int32'),
        Int64List: list('int64'),
        Uint32List: list('uint32'),
        Uint64List: list('uint64'),
        Sint32List: list('sint32'),
        Sint64List: list('sint64'),
        Fixed32List: list('fixed32'),
        Fixed64List: list('fixed64'),
        Sfixed32List: list('sfixed32'),
        Sfixed64List: list('sfixed64'),
        BoolList: list('bool'),
        StringList: list('string'),
        BytesList: list('bytes'),
        AttributeProto: {
          oneofs: {
            value: {
              oneof: [
                'doubleVal', 'doubleList', 'floatVal', 'floatList', 'int32Val', 'int32List',
                'int64Val', 'int64List', 'uint32Val', 'uint32List', 'uint64Val', 'uint64List',
                'sint32Val', 'sint32List', 'sint64Val', 'sint64List', 'fixed32Val', 'fixed32List',
                'fixed64Val', 'fixed64List', 'sfixed32Val', 'sfixed32List', 'sfixed64Val', 'sfixed64List',
                'boolVal', 'boolList', 'stringVal', 'stringList', 'bytesVal', 'bytesList',
              ],
            },
          },
          fields: {
            name: { type: 'string', id: 1 },
            docString: { type: 'string', id: 2 },
            doubleVal: { type: 'double', id: 3 },
            doubleList: { type: 'DoubleList', id: 4 },
            floatVal: { type: 'float', id: 5 },
            floatList: { type: 'FloatList', id: 6 },
            int32Val: { type: 'int32', id: 7 },
            int32List: { type: 'Int32List', id: 8 },
            int64Val: { type: 'int64', id: 9 },
            int64List: { type: 'Int64List', id: 10 },
            uint32Val: { type: 'uint32', id: 11 },
            uint32List: { type: 'Uint32List', id: 12 },
            uint64Val: { type: 'uint64', id: 13 },
            uint64List: { type: 'Uint64List', id: 14 },
            sint32Val: { type: 'sint32', id: 15 },
            sint32List: { type: 'Sint32List', id: 16 },
            sint64Val: { type: 'sint64', id: 17 },
            sint64List: { type: 'Sint64List', id: 18 },
            fixed32Val: { type: 'fixed32', id: 19 },
            fixed32List: { type: 'Fixed32List', id: 20 },
            fixed64Val: { type: 'fixed64', id: 21 },
            fixed64List: { type: 'Fixed64List', id: 22 },
            sfixed32Val: { type: 'sfixed32', id: 23 },
            sfixed32List: { type: 'Sfixed32List', id: 24 },
            sfixed64Val: { type: 'sfixed64', id: 25 },
            sfixed64List: { type: 'Sfixed64List', id: 26 },
            boolVal: { type: 'bool', id: 27 },
            boolList: { type: 'BoolList', id: 28 },
            stringVal: { type: 'string', id: 29 },
            stringList: { type: 'StringList', id: 30 },
            bytesVal: { type: 'bytes', id: 31 },
            bytesList: { type: 'BytesList', id: 32 },
          },
        },
        GlobalMetadata: {
          fields: {
            version: { type: 'string', id: 1 },
            attr: { rule: 'repeated', type: 'AttributeProto', id: 2 },
          },
        },
        Tensor: {
          fields: {
            tensorId: { type: 'uint64', id: 1 },
            storageId: { type: 'uint64', id: 2 },
            offset: { type: 'uint64', id: 3 },
            numElem: { type: 'uint64', id: 4 },
            elemBytes: { type: 'uint64', id: 5 },
            deviceId: { type: 'int64', id: 6 },
          },
        },
        IOInfo: {
          fields: {
            values: { type: 'string', id: 1 },
            shapes: { type: 'string', id: 2 },
            types: { type: 'string', id: 3 },
          },
        },
        Node: {
          fields: {
            id: { type: 'uint64', id: 1 },
            name: { type: 'string', id: 2 },
            type: { type: 'NodeType', id: 3 },
            ctrlDeps: { rule: 'repeated', type: 'uint64', id: 4 },
            dataDeps: { rule: 'repeated', type: 'uint64', id: 5 },
            startTimeMicros: { type: 'uint64', id: 6 },
            durationMicros: { type: 'uint64', id: 7 },
            inputs: { type: 'IOInfo', id: 8 },
            outputs: { type: 'IOInfo', id: 9 },
            attr: { rule: 'repeated', type: 'AttributeProto', id: 10 },
          },
        },
      },
    },
  },
};

export const chakraRoot: protobuf.Root = protobuf.Root.fromJSON(chakraDescriptor as protobuf.INamespace);
export const NodeMessage: protobuf.Type = chakraRoot.lookupType('ChakraProtoMsg.Node');
export const GlobalMetadataMessage: protobuf.Type = chakraRoot.lookupType('ChakraProtoMsg.GlobalMetadata');
