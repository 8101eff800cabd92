import { EccoError } from '@explainable-ecco/core';
import { hasTensor, type OnnxGraph } from '../onnx/graph.js';
import { type ArchitectureSpec, architectureFor } from './architectures.js';
import { describeCandidates, listCaptureCandidates } from './candidates.js';
import type { CapturePlan, CapturePoint } from './capture-plan.js';
import { matchByRegistry } from './registry-match.js';
import { matchByStructure } from './structural-match.js';

/** Tensor names to capture, by layer: an array (index = layer) or a layer → name map. */
export type CaptureTensorsOption = readonly string[] | Readonly<Record<number, string>>;

export interface FindCaptureOptions {
  /** Use these tensors instead of searching. */
  captureTensors?: CaptureTensorsOption;
  /** Override the registry entry for this model. */
  architecture?: ArchitectureSpec;
}

/** What capture search needs to know about the model (a subset of `EccoModelConfig`). */
export interface CaptureSearchConfig {
  modelType: string;
  numLayers?: number | undefined;
  hiddenSize?: number | undefined;
  intermediateSize?: number | undefined;
}

function userPlan(graph: OnnxGraph, tensors: CaptureTensorsOption): CapturePlan {
  const entries: Array<[number, string]> = Array.isArray(tensors)
    ? (tensors as string[]).map((t, i) => [i, t])
    : Object.entries(tensors).map(([k, t]) => [Number(k), t as string]);
  if (entries.length === 0) {
    throw new EccoError('INVALID_ARGUMENT', 'captureTensors is empty.', {
      hint: 'Give one tensor name per layer, e.g. ["/h.0/mlp/act/Mul_3_output_0", …].',
    });
  }
  const points: CapturePoint[] = entries.map(([layer, tensor]) => {
    if (!Number.isInteger(layer) || layer < 0) {
      throw new EccoError('INVALID_LAYERS', `captureTensors has a bad layer key "${layer}".`, {
        hint: 'Keys must be non-negative integer layer indices.',
      });
    }
    if (typeof tensor !== 'string' || !hasTensor(graph, tensor)) {
      throw new EccoError(
        'CAPTURE_TENSOR_NOT_FOUND',
        `captureTensors names "${String(tensor)}" for layer ${layer}, but the model has no such tensor.`,
        {
          hint: `Candidates: ${describeCandidates(listCaptureCandidates(graph))}.`,
          details: { layer, tensor },
        },
      );
    }
    return { layer, tensor, node: '' };
  });
  return { points: points.sort((a, b) => a.layer - b.layer), method: 'user' };
}

/**
 * Decides, for every layer, which graph tensor holds the FFN down-projection's input: by the
 * user's `captureTensors`, else by the architecture registry's node-name pattern, else by the
 * structural fallback. Throws `UNSUPPORTED_ARCHITECTURE` (listing candidate nodes) when none works.
 */
export function findCaptureTensors(
  graph: OnnxGraph,
  config: CaptureSearchConfig,
  options: FindCaptureOptions = {},
): CapturePlan {
  if (options.captureTensors) return userPlan(graph, options.captureTensors);
  const spec = options.architecture ?? architectureFor(config.modelType);
  const expected = config.numLayers;
  const fits = (points: CapturePoint[]) =>
    points.length > 0 &&
    (expected === undefined || points.length === expected) &&
    points.every((p, i) => p.layer === i);

  const byName = spec ? matchByRegistry(graph, spec) : [];
  if (fits(byName)) return { points: byName, method: 'registry' };
  const byShape = matchByStructure(graph, config);
  if (fits(byShape)) return { points: byShape, method: 'structural' };

  const found = byName.length > 0 ? byName : byShape;
  const why = spec
    ? found.length > 0
      ? `found ${found.length} capture point(s) (layers ${found.map((p) => p.layer).join(', ')}) but config.json says ${expected} layers`
      : `no node matches the ${config.modelType} pattern ${spec.pattern} and no projection maps d_ff → hidden (${config.intermediateSize ?? '?'} → ${config.hiddenSize ?? '?'})`
    : `"${config.modelType}" is not in the architecture registry and no projection maps d_ff → hidden (${config.intermediateSize ?? '?'} → ${config.hiddenSize ?? '?'})`;
  const controlFlow = graph.nodes.some((n) => n.opType === 'If' || n.opType === 'Loop');
  throw new EccoError(
    'UNSUPPORTED_ARCHITECTURE',
    `Cannot find the FFN activations to capture: ${why}.`,
    {
      hint:
        `Pass captureTensors (one tensor per layer: the input of each FFN down-projection) or register the architecture in ARCHITECTURES. Candidates: ${describeCandidates(listCaptureCandidates(graph))}.` +
        (controlFlow
          ? ' The graph uses If/Loop subgraphs (e.g. a merged decoder); export it without merging (a plain model.onnx).'
          : ''),
      details: { modelType: config.modelType, found: found.map((p) => p.tensor) },
    },
  );
}
