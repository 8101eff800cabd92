import type { OnnxGraph } from '../onnx/graph.js';
import type { CapturePoint } from './capture-plan.js';
import { ACTIVATION_OPS, dataInputOf, PROJECTION_OPS, projectionShape } from './ops.js';

/**
 * Finds capture points by structure when node names do not help: projections whose weight maps
 * d_ff → hidden and whose input comes out of an activation sub-graph. Layers are numbered in graph
 * order. Returns [] when the sizes are unknown or nothing fits.
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
    const producer = graph.producers.get(tensor);
    // With d_ff ≠ hidden the weight shape alone is distinctive; otherwise (e.g. attention output
    // projections of equal size) insist on an activation feeding it.
    if (dff === hidden && !(producer && ACTIVATION_OPS.has(producer.opType))) continue;
    seen.add(tensor);
    points.push({ layer: points.length, tensor, node: node.name });
  }
  return points;
}
