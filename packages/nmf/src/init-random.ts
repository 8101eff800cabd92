import type { SeededRandom } from './random.js';

/**
 * scikit-learn's 'random' init: |N(0, 1)| · √(mean(X) / k) for every entry, H drawn before W,
 * rounded to float32 as scikit-learn does for float32 X (normals cast first, then scaled).
 * Returns W (rows × k) and H (k × cols), row-major.
 */
export function randomInit(
  meanX: number,
  rows: number,
  cols: number,
  k: number,
  rng: SeededRandom,
): { W: Float64Array; H: Float64Array } {
  const scale = Math.fround(Math.sqrt(meanX / k));
  const draw = () => Math.abs(Math.fround(scale * Math.fround(rng.nextNormal())));
  const H = new Float64Array(k * cols);
  for (let i = 0; i < H.length; i++) H[i] = draw();
  const W = new Float64Array(rows * k);
  for (let i = 0; i < W.length; i++) W[i] = draw();
  return { W, H };
}
