import { OnnxType } from './elem-type.js';
import type { OnnxGraph } from './graph.js';

// Ops whose output type is fixed regardless of their inputs.
const FIXED_OUTPUT_TYPE: Record<string, number> = {
  Shape: OnnxType.INT64,
  Size: OnnxType.INT64,
  ArgMax: OnnxType.INT64,
  ArgMin: OnnxType.INT64,
  NonZero: OnnxType.INT64,
  Equal: OnnxType.BOOL,
  Less: OnnxType.BOOL,
  LessOrEqual: OnnxType.BOOL,
  Greater: OnnxType.BOOL,
  GreaterOrEqual: OnnxType.BOOL,
  Not: OnnxType.BOOL,
  And: OnnxType.BOOL,
  Or: OnnxType.BOOL,
  IsNaN: OnnxType.BOOL,
  DynamicQuantizeLinear: OnnxType.UINT8,
  MatMulInteger: OnnxType.INT32,
  ConvInteger: OnnxType.INT32,
};

/**
 * The element type of a tensor: declared (value_info, inputs, outputs, constants) or inferred by
 * walking back through producers (most ops keep their first input's type). 0 when unknown.
 * Exporters often omit value_info for intermediate tensors, so declaration alone is not enough.
 */
export function inferElemType(graph: OnnxGraph, tensor: string): number {
  const seen = new Set<string>();
  let name = tensor;
  for (let depth = 0; depth < 256; depth++) {
    if (seen.has(name)) return OnnxType.UNDEFINED;
    seen.add(name);
    const declared =
      graph.valueInfo.get(name)?.elemType ||
      graph.constants.get(name)?.elemType ||
      graph.inputs.find((v) => v.name === name)?.elemType ||
      graph.outputs.find((v) => v.name === name)?.elemType;
    if (declared) return declared;
    const producer = graph.producers.get(name);
    if (!producer) return OnnxType.UNDEFINED;
    const fixed = FIXED_OUTPUT_TYPE[producer.opType];
    if (fixed !== undefined && producer.outputs[0] === name) return fixed;
    if (producer.opType === 'Cast') return producer.attributes.get('to')?.i ?? OnnxType.UNDEFINED;
    if (producer.opType === 'DequantizeLinear') {
      // Output type is the scale's type.
      const scale = producer.inputs[1];
      return scale ? inferElemType(graph, scale) : OnnxType.FLOAT;
    }
    const next = producer.inputs.find((input) => input !== '');
    if (!next) return OnnxType.UNDEFINED;
    name = next;
  }
  return OnnxType.UNDEFINED;
}
