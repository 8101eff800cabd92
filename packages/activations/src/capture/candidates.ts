import type { OnnxGraph } from '../onnx/graph.js';
import { dataInputOf, PROJECTION_OPS, projectionShape } from './ops.js';

/** A projection node that could be an FFN down-projection, described for error messages. */
export interface CaptureCandidate {
  node: string;
  opType: string;
  /** [input features, output features] when the weight's shape is known. */
  shape?: [number, number];
  /** The tensor its data input comes from (what would be captured). */
  tensor?: string;
}

/**
 * Lists projections whose input is wider than their output (down-projections are d_ff → hidden),
 * widest first; all projections when none is. Used to tell users what they could capture.
 */
export function listCaptureCandidates(graph: OnnxGraph, limit = 12): CaptureCandidate[] {
  const all: CaptureCandidate[] = [];
  for (const node of graph.nodes) {
    if (!PROJECTION_OPS.has(node.opType)) continue;
    const c: CaptureCandidate = { node: node.name || `#${node.index}`, opType: node.opType };
    const shape = projectionShape(graph, node);
    if (shape) c.shape = shape;
    const tensor = dataInputOf(graph, node);
    if (tensor) c.tensor = tensor;
    all.push(c);
  }
  const narrowing = all.filter((c) => c.shape && c.shape[0] > c.shape[1]);
  return (narrowing.length > 0 ? narrowing : all).slice(0, limit);
}

export function describeCandidates(candidates: CaptureCandidate[]): string {
  if (candidates.length === 0) return 'The graph has no MatMul/Gemm nodes.';
  return candidates
    .map(
      (c) =>
        `${c.node} (${c.opType}${c.shape ? ` ${c.shape[0]}→${c.shape[1]}` : ''}, input "${c.tensor ?? '?'}")`,
    )
    .join('; ');
}
