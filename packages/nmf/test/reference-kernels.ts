/**
 * Float64 references the engines' kernels are tested against: scikit-learn's coordinate-descent
 * update and the products with X, written out directly on unpadded (n × k) factors.
 */

/** scikit-learn's _update_cdnmf_fast, transcribed, on a (n × k): factor-outer, row-inner. */
export function sklearnSweep(
  a: Float64Array,
  n: number,
  gram: Float64Array,
  cross: Float64Array,
  k: number,
): number {
  let violation = 0;
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < n; i++) {
      let grad = -cross[i * k + t];
      for (let r = 0; r < k; r++) grad += gram[t * k + r] * a[i * k + r];
      violation += Math.abs(a[i * k + t] === 0 ? Math.min(0, grad) : grad);
      const hess = gram[t * k + t];
      if (hess !== 0) a[i * k + t] = Math.max(a[i * k + t] - grad / hess, 0);
    }
  }
  return violation;
}

/** X (rows × cols) · b (cols × k), or Xᵀ · b (b rows × k) when transposed. */
export function referenceProduct(
  x: Float32Array,
  rows: number,
  cols: number,
  b: Float64Array,
  k: number,
  transposed: boolean,
): Float64Array {
  const out = new Float64Array((transposed ? cols : rows) * k);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j];
      if (v === 0) continue;
      const [o, s] = transposed ? [j, i] : [i, j];
      for (let t = 0; t < k; t++) out[o * k + t] += v * b[s * k + t];
    }
  }
  return out;
}

/** n deterministic values in [0, 1); every `zeroEvery`-th one (from the first) 0 when given. */
export function seededValues(n: number, seed: number, zeroEvery?: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) =>
    zeroEvery !== undefined && i % zeroEvery === 0 ? 0 : ((i * 2654435761 + seed) % 1000) / 1000,
  );
}

/**
 * max |got[i] − expected[i]| relative to the largest |expected[i]|; Infinity when the lengths
 * differ, so a comparison against a tolerance fails instead of passing on the common prefix.
 */
export function maxRelativeDiff(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (got.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return worst / scale;
}
