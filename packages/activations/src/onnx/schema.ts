import protobuf from 'protobufjs/light.js';

/**
 * The subset of onnx.proto (field numbers from the ONNX IR spec) this package reads and writes.
 *
 * Reading uses "lite" messages that leave out tensor payloads (raw_data, float_data, …) so a
 * multi-hundred-megabyte model decodes without touching its weights. Writing only ever encodes
 * new nodes and outputs that get spliced into the original bytes, which is why nothing here has
 * to model every field: unknown fields are never decoded into objects we re-encode.
 */
const descriptor = {
  nested: {
    onnx: {
      nested: {
        StringStringEntryProto: {
          fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
        TensorInfo: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            externalData: { rule: 'repeated', type: 'StringStringEntryProto', id: 13 },
            dataLocation: { type: 'int32', id: 14 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorInfo', id: 5 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            domain: { type: 'string', id: 7 },
          },
        },
        Dimension: {
          fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } },
        },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        TensorTypeProto: {
          fields: {
            elemType: { type: 'int32', id: 1 },
            shape: { type: 'TensorShapeProto', id: 2 },
          },
        },
        TypeProto: { fields: { tensorType: { type: 'TensorTypeProto', id: 1 } } },
        ValueInfoProto: {
          fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorInfo', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
            valueInfo: { rule: 'repeated', type: 'ValueInfoProto', id: 13 },
          },
        },
        // ModelProto without its graph (field 7), which is located and decoded separately.
        ModelHeader: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const ModelHeaderType = root.lookupType('onnx.ModelHeader');
export const GraphProtoType = root.lookupType('onnx.GraphProto');
export const NodeProtoType = root.lookupType('onnx.NodeProto');
export const ValueInfoProtoType = root.lookupType('onnx.ValueInfoProto');

/** ModelProto.graph and GraphProto.node / GraphProto.output field numbers, for splicing. */
export const MODEL_GRAPH_FIELD = 7;
export const GRAPH_NODE_FIELD = 1;
export const GRAPH_OUTPUT_FIELD = 12;

/** protobufjs gives int64 as a number or a long.js Long depending on the environment. */
export type Int64 = number | { toNumber(): number };

export function int64ToNumber(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
