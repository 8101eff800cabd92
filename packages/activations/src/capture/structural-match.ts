import type { OnnxGraph } from '../onnx/graph.js';
import type { CapturePoint } from './capture-plan.js';
import { ACTIVATION_OPS, dataInputOf, PROJECTION_OPS, projectionShape } from './ops.js';

/**
 * Finds capture points by structure when node names do not help: projections whose weight maps
 * d_ff → hidden and whose input, followed back through pass-through ops (Reshape, Cast,
 * DynamicQuantizeLinear, …), is produced by an activation op (the last op of GELU, SwiGLU's
 * gate × up, ReLU, …). Layers are numbered in graph order. Returns [] when the sizes are unknown
 * or nothing fits.
 */
export function matchByStructure(
  graph: OnnxGraph,
  sizes: { intermediateSize?: number | undefined; hiddenSize?: number | undefined },
): CapturePoint[] {
  const { intermediateSize: dff, hiddenSize: hidden } = sizes;
  if (!dff || !hidden) return [];
  const points: CapturePoint[] = [];
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (!PROJECTION_OPS.has(node.opType)) continue;
    const shape = projectionShape(graph, node);
    if (!shape || shape[0] !== dff || shape[1] !== hidden) continue;
    const tensor = dataInputOf(graph, node);
    if (!tensor || seen.has(tensor)) continue;
    // The weight shape alone is not enough: attention output projections (d_ff = hidden) or a
    // gate/up branch read without its activation have it too.
    const producer = graph.producers.get(tensor);
    if (!producer || !ACTIVATION_OPS.has(producer.opType)) continue;
    seen.add(tensor);
    points.push({ layer: points.length, tensor, node: node.name });
  }
  return points;
}
