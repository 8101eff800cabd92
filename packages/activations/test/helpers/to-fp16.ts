import { toHalf } from './external-data.js';
import { FLOAT, FLOAT16, ModelProto as Model } from './onnx-proto.js';

/**
 * Test helper: a blunt fp32 → fp16 conversion of a torch.onnx export (weights, constants, Casts
 * and float outputs become float16), enough to get a real fp16 model of a fixture without Python.
 * It decodes and re-encodes the whole model with the tests' ONNX schema, which covers every
 * field such exports use. Not a general converter: ops without fp16 kernels or fp32-only
 * constants are not handled.
 */
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
