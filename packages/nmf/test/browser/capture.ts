import type { ActivationCapture } from '@explainable-ecco/core';

/** A deterministic 3-layer capture, about 30% positive, the same in Node and in the page. */
export function captureForTest(positions: number, neurons: number): ActivationCapture {
  const layers = [0, 1, 2];
  const data = new Float32Array(layers.length * neurons * positions);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = s / 2 ** 32;
    data[i] = u < 0.3 ? u * 4 : -0.05 * u;
  }
  return { layers, neurons, positions, data };
}
