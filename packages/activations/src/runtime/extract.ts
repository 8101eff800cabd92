import { type ActivationCapture, EccoError } from '@explainable-ecco/core';
import type { PaddedBatch } from './feeds.js';
import type { OrtTensorLike } from './ort-runtime.js';

function floats(tensor: OrtTensorLike, what: string): Float32Array {
  if (!(tensor.data instanceof Float32Array)) {
    throw new EccoError('INTERNAL', `${what} came back as ${tensor.type}, expected float32.`);
  }
  return tensor.data;
}

/** Rows of width `width` for (sequence, position), whether the tensor is [B, L, w] or [B·L, w]. */
function rowWidth(tensor: OrtTensorLike, padded: PaddedBatch, what: string): number {
  const width = tensor.dims[tensor.dims.length - 1] ?? 0;
  const size = tensor.dims.reduce((a, d) => a * d, 1);
  if (width === 0 || size !== padded.batch * padded.length * width) {
    throw new EccoError(
      'UNSUPPORTED_ARCHITECTURE',
      `${what} has shape [${tensor.dims.join(', ')}], which is not [batch, positions, width] for a batch of ${padded.batch} × ${padded.length}.`,
      {
        hint: 'The captured tensor must hold one row per token; check captureTensors.',
      },
    );
  }
  return width;
}

/**
 * One sequence's activations out of the batch outputs (one tensor per layer, rows per token),
 * transposed into core's [layer][neuron][position] layout. Pad positions are left out.
 */
export function extractCapture(
  tensors: readonly OrtTensorLike[],
  layers: readonly number[],
  padded: PaddedBatch,
  sequence: number,
): ActivationCapture {
  const positions = padded.ids[sequence]!.length;
  const neurons = rowWidth(tensors[0]!, padded, `Layer ${layers[0]}'s activation`);
  const data = new Float32Array(layers.length * neurons * positions);
  tensors.forEach((tensor, slot) => {
    if (rowWidth(tensor, padded, `Layer ${layers[slot]}'s activation`) !== neurons) {
      throw new EccoError('UNSUPPORTED_ARCHITECTURE', 'Captured layers have different widths.', {
        hint: 'Every captured tensor must have d_ff columns; check captureTensors.',
      });
    }
    const src = floats(tensor, `Layer ${layers[slot]}'s activation`);
    const base = slot * neurons * positions;
    for (let p = 0; p < positions; p++) {
      const row = (sequence * padded.length + p) * neurons;
      for (let n = 0; n < neurons; n++) data[base + n * positions + p] = src[row + n]!;
    }
  });
  return { layers: [...layers], neurons, positions, data };
}

/** One sequence's logits (positions × vocab), pad positions left out. */
export function extractLogits(
  tensor: OrtTensorLike,
  padded: PaddedBatch,
  sequence: number,
): { data: Float32Array; vocab: number } {
  const vocab = rowWidth(tensor, padded, 'The logits output');
  const start = sequence * padded.length * vocab;
  const positions = padded.ids[sequence]!.length;
  return { data: floats(tensor, 'logits').slice(start, start + positions * vocab), vocab };
}
