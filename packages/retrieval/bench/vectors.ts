import { seededRandom } from '@explainable-ecco/core';

/**
 * Benchmark data. 'iid': independent Gaussian directions, the hardest case for any graph index
 * (every point is almost equally far from every other). 'low-rank': a random linear image of a
 * `latent`-dimensional Gaussian plus noise — how real sentence embeddings behave (their intrinsic
 * dimension is far below their width).
 */
export type Distribution = { kind: 'iid' } | { kind: 'low-rank'; latent: number; noise: number };

export function vectorSource(
  dimensions: number,
  distribution: Distribution,
  seed: number,
): (out: Float32Array) => void {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  if (distribution.kind === 'iid') {
    return (out) => {
      for (let j = 0; j < dimensions; j++) out[j] = gauss();
    };
  }
  const { latent, noise } = distribution;
  const projection = Float32Array.from({ length: dimensions * latent }, gauss);
  const z = new Float32Array(latent);
  return (out) => {
    for (let t = 0; t < latent; t++) z[t] = gauss();
    for (let j = 0; j < dimensions; j++) {
      let s = noise * gauss();
      for (let t = 0; t < latent; t++) s += projection[j * latent + t]! * z[t]!;
      out[j] = s;
    }
  };
}

export function unitQueries(
  count: number,
  dimensions: number,
  next: (out: Float32Array) => void,
): Float32Array[] {
  return Array.from({ length: count }, () => {
    const q = new Float32Array(dimensions);
    next(q);
    const norm = Math.hypot(...q);
    return q.map((x) => x / norm);
  });
}
