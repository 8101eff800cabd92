import protobuf from 'protobufjs/light.js';
import { toHalf } from './external-data.js';

/**
 * Test helper: a blunt fp32 → fp16 conversion of a torch.onnx export (weights, constants, Casts
 * and float outputs become float16), enough to get a real fp16 model of a fixture without Python.
 * It decodes and re-encodes the whole model with a schema that covers every field such exports
 * use. Not a general converter: ops without fp16 kernels or fp32-only constants are not handled.
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
      },
    },
  },
});
const Model = root.lookupType('Model');
const FLOAT = 1;
const FLOAT16 = 10;

interface Tensor {
  dataType: number;
  rawData?: Uint8Array;
  floatData?: number[];
}

function halve(t: Tensor): void {
  if (t.dataType !== FLOAT) return;
  const floats = t.rawData?.length
    ? new Float32Array(Uint8Array.from(t.rawData).buffer)
    : Float32Array.from(t.floatData ?? []);
  const half = toHalf(floats);
  t.rawData = new Uint8Array(half.buffer);
  t.floatData = [];
  t.dataType = FLOAT16;
}

export function convertToFp16(bytes: Uint8Array): Uint8Array {
  const model = Model.toObject(Model.decode(bytes), { longs: Number, defaults: false }) as {
    graph: {
      node: Array<{ opType: string; attribute?: Array<{ name: string; i?: number; t?: Tensor }> }>;
      initializer?: Tensor[];
      output: Array<{ type?: { tensorType?: { elemType?: number } } }>;
    };
  };
  for (const init of model.graph.initializer ?? []) halve(init);
  for (const node of model.graph.node) {
    for (const attr of node.attribute ?? []) {
      if (attr.t) halve(attr.t);
      if (node.opType === 'Cast' && attr.name === 'to' && attr.i === FLOAT) attr.i = FLOAT16;
    }
  }
  for (const out of model.graph.output) {
    if (out.type?.tensorType?.elemType === FLOAT) out.type.tensorType.elemType = FLOAT16;
  }
  return Model.encode(Model.fromObject(model)).finish();
}
