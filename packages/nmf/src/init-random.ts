import type { SeededRandom } from './random.js';

/**
 * scikit-learn's 'random' init: |N(0, 1)| · √(mean(X) / k) for every entry, H drawn before W.
 * Returns W (rows × k) and H (k × cols), row-major.
 */
export function randomInit(
  meanX: number,
  rows: number,
  cols: number,
  k: number,
  rng: SeededRandom,
): { W: Float64Array; H: Float64Array } {
  const scale = Math.sqrt(meanX / k);
  const H = new Float64Array(k * cols);
  for (let i = 0; i < H.length; i++) H[i] = Math.abs(scale * rng.nextNormal());
  const W = new Float64Array(rows * k);
  for (let i = 0; i < W.length; i++) W[i] = Math.abs(scale * rng.nextNormal());
  return { W, H };
}
