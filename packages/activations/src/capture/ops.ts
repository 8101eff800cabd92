import type { OnnxGraph, OnnxNode } from '../onnx/graph.js';

/** Ops that multiply activations by a weight matrix, float or quantized. */
export const PROJECTION_OPS = new Set([
  'MatMul',
  'Gemm',
  'FusedMatMul',
  'MatMulInteger',
  'MatMulIntegerToFloat',
  'DynamicQuantizeMatMul',
  'MatMulNBits',
  'QLinearMatMul',
  'QGemm',
]);

/**
 * Ops that only reshape, retype or quantize a tensor on its way into a projection: GPT-2's Conv1D
 * flattens with Reshape before Gemm, dynamic int8 quantizes with DynamicQuantizeLinear before
 * MatMulInteger, fp16 exports may Cast. The float tensor before them is what ecco's hook sees.
 */
export const PASS_THROUGH_OPS = new Set([
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Identity',
  'Cast',
  'DynamicQuantizeLinear',
  'QuantizeLinear',
  'DequantizeLinear',
]);

/** Dynamic / QDQ quantization steps in front of integer projections. */
const QUANTIZE_OPS = new Set(['DynamicQuantizeLinear', 'QuantizeLinear', 'DequantizeLinear']);

/** Ops that end an FFN activation sub-graph (GELU's last Mul, SwiGLU's gate × up, ReLU, …). */
export const ACTIVATION_OPS = new Set([
  'Mul',
  'Relu',
  'Gelu',
  'FastGelu',
  'BiasGelu',
  'QuickGelu',
  'Sigmoid',
  'Tanh',
  'Silu',
  'Erf',
  'Softplus',
  'LeakyRelu',
  'Elu',
]);

/**
 * Follows a projection's data input back through pass-through ops to the float tensor that enters
 * them. `inScope` limits the walk (e.g. to nodes of the same module), so a Reshape that belongs to
 * the previous module is not crossed.
 */
export function dataInputOf(
  graph: OnnxGraph,
  projection: OnnxNode,
  inScope: (node: OnnxNode) => boolean = () => true,
): string | undefined {
  let tensor = projection.inputs[0];
  for (let steps = 0; tensor && steps < 16; steps++) {
    const producer = graph.producers.get(tensor);
    if (!producer || !PASS_THROUGH_OPS.has(producer.opType)) return tensor;
    // Quantizers are named after the tensor they read, not the module that uses it.
    if (!QUANTIZE_OPS.has(producer.opType) && !inScope(producer)) return tensor;
    tensor = producer.inputs[0];
  }
  return tensor;
}

/** Shape of a projection's weight, following Transpose/Cast/DequantizeLinear back to a constant. */
export function weightDims(graph: OnnxGraph, projection: OnnxNode): number[] | undefined {
  if (projection.opType === 'MatMulNBits') {
    const k = projection.attributes.get('K')?.i;
    const n = projection.attributes.get('N')?.i;
    return k && n ? [k, n] : undefined;
  }
  let name = projection.inputs[1];
  let transposed = false;
  for (let steps = 0; name && steps < 4; steps++) {
    const c = graph.constants.get(name);
    if (c) return transposed ? [...c.dims].reverse() : c.dims;
    const producer = graph.producers.get(name);
    if (!producer) return undefined;
    if (producer.opType === 'Transpose') transposed = !transposed;
    else if (!PASS_THROUGH_OPS.has(producer.opType)) return undefined;
    name = producer.inputs[0];
  }
  return undefined;
}

/** [input features, output features] of a projection, accounting for Gemm's transB. */
export function projectionShape(graph: OnnxGraph, node: OnnxNode): [number, number] | undefined {
  const dims = weightDims(graph, node);
  if (dims?.length !== 2) return undefined;
  if (node.opType === 'MatMulNBits') return [dims[0]!, dims[1]!];
  const transB =
    (node.opType === 'Gemm' || node.opType === 'QGemm') && node.attributes.get('transB')?.i === 1;
  return transB ? [dims[1]!, dims[0]!] : [dims[0]!, dims[1]!];
}
