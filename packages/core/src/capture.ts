import { EccoError } from './errors.js';
import type { Token } from './token.js';

/**
 * FFN activations of one sequence: the input of each layer's down-projection
 * (the post-activation hidden of size d_ff), as ecco captures them.
 *
 * Layout is [layer][neuron][position], row-major in one `Float32Array`, so a layer's block and
 * a neuron's row are contiguous views (`subarray`) with no copies.
 */
export interface ActivationCapture {
  /** Model layer indices present, in numeric order (e.g. [0, 1, 2, 3] or [10, 11]). */
  layers: number[];
  /** Neurons per layer (d_ff). */
  neurons: number;
  /** Sequence length, pad positions excluded. */
  positions: number;
  data: Float32Array;
}

/** What a model returns for one sequence. */
export interface ModelOutput {
  tokens: Token[];
  activations: ActivationCapture;
  /** Next-token logits, positions × vocab, row-major, when asked for. */
  logits?: { data: Float32Array; vocab: number };
}

/** Index of (layer slot, neuron, position) in `capture.data`; `layerSlot` indexes `capture.layers`. */
export function captureOffset(
  capture: Pick<ActivationCapture, 'neurons' | 'positions'>,
  layerSlot: number,
  neuron: number,
  position: number,
): number {
  return (layerSlot * capture.neurons + neuron) * capture.positions + position;
}

/** The neurons × positions block of one model layer, as a view (no copy). */
export function layerActivations(capture: ActivationCapture, layer: number): Float32Array {
  const slot = capture.layers.indexOf(layer);
  if (slot < 0) {
    throw new EccoError('LAYER_NOT_CAPTURED', `Layer ${layer} was not captured.`, {
      hint: `Captured layers: ${capture.layers.join(', ')}.`,
      details: { layer, available: capture.layers },
    });
  }
  const size = capture.neurons * capture.positions;
  return capture.data.subarray(slot * size, (slot + 1) * size);
}

/** Throws `INVALID_CAPTURE` unless the capture is internally consistent. */
export function validateCapture(capture: ActivationCapture): void {
  const fail = (why: string): never => {
    throw new EccoError('INVALID_CAPTURE', `Invalid activation capture: ${why}.`, {
      hint: 'Captures come from EccoModel.run(); if you built one by hand, lay data out as [layer][neuron][position].',
    });
  };
  if (!capture || typeof capture !== 'object') fail('not an object');
  if (!(capture.data instanceof Float32Array)) fail('data must be a Float32Array');
  if (!Array.isArray(capture.layers) || capture.layers.length === 0) fail('no layers');
  for (let i = 0; i < capture.layers.length; i++) {
    const l = capture.layers[i]!;
    if (!Number.isInteger(l) || l < 0) fail(`layer index ${l} is not a non-negative integer`);
    if (i > 0 && l <= capture.layers[i - 1]!) fail('layers must be in increasing numeric order');
  }
  if (!Number.isInteger(capture.neurons) || capture.neurons < 1)
    fail('neurons must be a positive integer');
  if (!Number.isInteger(capture.positions) || capture.positions < 1)
    fail('positions must be a positive integer');
  const expected = capture.layers.length * capture.neurons * capture.positions;
  if (capture.data.length !== expected) {
    fail(
      `data has ${capture.data.length} values, expected layers × neurons × positions = ${expected}`,
    );
  }
}
