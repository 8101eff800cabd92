import { EccoError } from '@explainable-ecco/core';
import type { OnnxGraph, OnnxNode } from '../onnx/graph.js';
import type { ArchitectureSpec } from './architectures.js';
import type { CapturePoint } from './capture-plan.js';
import { dataInputOf, PROJECTION_OPS } from './ops.js';

function scopeOf(name: string, pattern: RegExp): { key: string; layer?: number } | undefined {
  const m = pattern.exec(name);
  if (!m) return undefined;
  // The scope prefix up to and including the match identifies one module instance.
  const key = name.slice(0, m.index + m[0].length);
  return m[1] === undefined ? { key } : { key, layer: Number(m[1]) };
}

/**
 * Finds capture points by node-name scope: in every layer, the projection(s) inside the
 * down-projection module, followed back through Reshape / quantization to the float tensor that
 * enters the module. Returns [] when nothing matches.
 */
export function matchByRegistry(graph: OnnxGraph, spec: ArchitectureSpec): CapturePoint[] {
  const byLayer = new Map<number, { tensors: Set<string>; node: OnnxNode }>();
  let occurrence = 0;
  const occurrenceOf = new Map<string, number>();
  for (const node of graph.nodes) {
    if (!PROJECTION_OPS.has(node.opType)) continue;
    const scope = scopeOf(node.name, spec.pattern);
    if (!scope) continue;
    const sameScope = (n: OnnxNode) => scopeOf(n.name, spec.pattern)?.key === scope.key;
    const tensor = dataInputOf(graph, node, sameScope);
    if (!tensor) continue;
    let layer = scope.layer;
    if (layer === undefined) {
      // No layer index in the names (one module reused by every layer): number by first use.
      if (!occurrenceOf.has(tensor)) occurrenceOf.set(tensor, occurrence++);
      layer = occurrenceOf.get(tensor)!;
    }
    const entry = byLayer.get(layer);
    if (entry) entry.tensors.add(tensor);
    else byLayer.set(layer, { tensors: new Set([tensor]), node });
  }
  const points: CapturePoint[] = [];
  for (const [layer, { tensors, node }] of byLayer) {
    if (tensors.size > 1) {
      throw new EccoError(
        'UNSUPPORTED_ARCHITECTURE',
        `Layer ${layer}'s down-projection reads more than one tensor (${[...tensors].join(', ')}), so the capture point is ambiguous.`,
        {
          hint: 'Pass captureTensors to fromPretrained() with the tensor to capture in each layer.',
          details: { layer, tensors: [...tensors] },
        },
      );
    }
    points.push({ layer, tensor: [...tensors][0]!, node: node.name });
  }
  return points.sort((a, b) => a.layer - b.layer);
}
