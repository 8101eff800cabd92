import { SeededRandom } from '../src/random.js';

/**
 * A positions × neurons matrix shaped like clipped FFN activations: GELU of a pre-activation
 * with low-rank structure (tokens share directions), a per-neuron bias that keeps most
 * pre-activations negative, and per-entry noise; negatives clipped to 0 as runNmf does.
 * The bias is tuned so that about `density` of the entries are positive.
 */
export function activationsLike(
  rows: number,
  cols: number,
  density: number,
  seed = 1,
): Float32Array {
  const rng = new SeededRandom(seed);
  const rank = 24;
  const a = Float64Array.from({ length: rows * rank }, () => rng.nextNormal());
  const b = Float64Array.from({ length: rank * cols }, () => 0.25 * rng.nextNormal());
  // Pre-activation z has variance 24·0.0625 + 0.25 = 1.75 around the bias; choose the mean bias
  // so that P(z > 0) ≈ density (normal quantile by bisection on the error function).
  const sd = Math.sqrt(rank * 0.0625 + 0.25 + 0.25 * 0.25);
  const meanBias = -sd * normalQuantile(1 - density);
  const bias = Float64Array.from({ length: cols }, () => meanBias + 0.25 * rng.nextNormal());
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let z = bias[j] + 0.5 * rng.nextNormal();
      for (let r = 0; r < rank; r++) z += a[i * rank + r] * b[r * cols + j];
      if (z > 0) x[i * cols + j] = gelu(z);
    }
  }
  return x;
}

function gelu(z: number): number {
  return 0.5 * z * (1 + Math.tanh(0.7978845608028654 * (z + 0.044715 * z * z * z)));
}

function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 erf approximation (error < 1.5e-7), enough to aim a density.
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp((-z * z) / 2);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
