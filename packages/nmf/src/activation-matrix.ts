import { type ActivationCapture, EccoError } from '@explainable-ecco/core';

/**
 * ecco's NMF input: positions (of every sequence, concatenated) × neurons (of the selected
 * layers, concatenated in layer order), negatives clipped to 0 (GELU's small negative outputs),
 * row-major float32. Captures are laid out [layer][neuron][position].
 */
export function activationMatrix(
  captures: readonly ActivationCapture[],
  layers: readonly number[],
): { x: Float32Array; rows: number; cols: number } {
  const neurons = captures[0].neurons;
  const cols = layers.length * neurons;
  const rows = captures.reduce((n, c) => n + c.positions, 0);
  const x = new Float32Array(rows * cols);
  let rowOffset = 0;
  captures.forEach((capture, sequence) => {
    const { positions, data } = capture;
    layers.forEach((layer, l) => {
      const slot = capture.layers.indexOf(layer);
      for (let n = 0; n < neurons; n++) {
        const src = (slot * neurons + n) * positions;
        const col = l * neurons + n;
        for (let p = 0; p < positions; p++) {
          const v = data[src + p];
          if (!Number.isFinite(v)) {
            throw new EccoError(
              'NMF_INVALID_INPUT',
              `Activations contain ${v} (sequence ${sequence}, layer ${layer}, neuron ${n}, position ${p}).`,
              {
                hint: 'The model produced non-finite activations; check the model and its inputs.',
                details: { sequence, layer, neuron: n, position: p },
              },
            );
          }
          if (v > 0) x[(rowOffset + p) * cols + col] = v;
        }
      }
    });
    rowOffset += positions;
  });
  return { x, rows, cols };
}
