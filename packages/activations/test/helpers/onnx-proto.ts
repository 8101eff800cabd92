import protobuf from 'protobufjs/light.js';
import { OnnxType } from '../../src/onnx/elem-type.js';

/**
 * The test helpers' one ONNX protobuf schema (field numbers from onnx.proto): enough of
 * ModelProto to build small graphs, rewrite exported models (fp16) and move weights out
 * (external data). It is not src/onnx/schema.ts on purpose: that one is the package's lite
 * reader, which leaves tensor payloads and the model's other fields out, while these helpers
 * write whole models; being separate, it also checks the package's field numbers. Decoding
 * drops what it does not list, e.g. `value_info`, on purpose: a rewritten model must not keep
 * float32 annotations on tensors that became float16.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    Entry: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Opset: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
    Tensor: {
      fields: {
        dims: { rule: 'repeated', type: 'int64', id: 1 },
        dataType: { type: 'int32', id: 2 },
        floatData: { rule: 'repeated', type: 'float', id: 4 },
        int32Data: { rule: 'repeated', type: 'int32', id: 5 },
        int64Data: { rule: 'repeated', type: 'int64', id: 7 },
        name: { type: 'string', id: 8 },
        rawData: { type: 'bytes', id: 9 },
        doubleData: { rule: 'repeated', type: 'double', id: 10 },
        docString: { type: 'string', id: 12 },
        externalData: { rule: 'repeated', type: 'Entry', id: 13 },
        dataLocation: { type: 'int32', id: 14 },
      },
    },
    Attribute: {
      fields: {
        name: { type: 'string', id: 1 },
        f: { type: 'float', id: 2 },
        i: { type: 'int64', id: 3 },
        s: { type: 'bytes', id: 4 },
        t: { type: 'Tensor', id: 5 },
        floats: { rule: 'repeated', type: 'float', id: 7 },
        ints: { rule: 'repeated', type: 'int64', id: 8 },
        strings: { rule: 'repeated', type: 'bytes', id: 9 },
        type: { type: 'int32', id: 20 },
      },
    },
    Node: {
      fields: {
        input: { rule: 'repeated', type: 'string', id: 1 },
        output: { rule: 'repeated', type: 'string', id: 2 },
        name: { type: 'string', id: 3 },
        opType: { type: 'string', id: 4 },
        attribute: { rule: 'repeated', type: 'Attribute', id: 5 },
        docString: { type: 'string', id: 6 },
        domain: { type: 'string', id: 7 },
      },
    },
    Dim: { fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } } },
    Shape: { fields: { dim: { rule: 'repeated', type: 'Dim', id: 1 } } },
    TensorType: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'Shape', id: 2 } } },
    Type: { fields: { tensorType: { type: 'TensorType', id: 1 } } },
    ValueInfo: { fields: { name: { type: 'string', id: 1 }, type: { type: 'Type', id: 2 } } },
    Graph: {
      fields: {
        node: { rule: 'repeated', type: 'Node', id: 1 },
        name: { type: 'string', id: 2 },
        initializer: { rule: 'repeated', type: 'Tensor', id: 5 },
        docString: { type: 'string', id: 10 },
        input: { rule: 'repeated', type: 'ValueInfo', id: 11 },
        output: { rule: 'repeated', type: 'ValueInfo', id: 12 },
      },
    },
    Model: {
      fields: {
        irVersion: { type: 'int64', id: 1 },
        producerName: { type: 'string', id: 2 },
        producerVersion: { type: 'string', id: 3 },
        graph: { type: 'Graph', id: 7 },
        opsetImport: { rule: 'repeated', type: 'Opset', id: 8 },
        metadataProps: { rule: 'repeated', type: 'Entry', id: 14 },
      },
    },
  },
});

/** ModelProto. */
export const ModelProto = root.lookupType('Model');
/** TensorProto. */
export const TensorProto = root.lookupType('Tensor');

/** TensorProto.DataType values the tests use: the package's own table (src/onnx/elem-type.ts). */
export const { FLOAT, INT8, INT64, FLOAT16 } = OnnxType;
