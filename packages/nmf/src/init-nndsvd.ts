import type { SeededRandom } from './random.js';
import type { TruncatedSvd } from './randomized-svd.js';
import type { NmfInit } from './types.js';

/** Entries below this become exact zeros, as scikit-learn's `eps`. */
const TRUNCATE_BELOW = 1e-6;

/**
 * NNDSVD (Boutsidis & Gallopoulos 2008) from a truncated SVD: each singular pair contributes
 * its dominant non-negative part. 'nndsvda' then fills the zeros with mean(X); 'nndsvdar' with
 * |mean(X) · N(0,1) / 100| (W's zeros drawn before H's).
 */
export function nndsvdInit(
  svd: TruncatedSvd,
  rows: number,
  cols: number,
  k: number,
  variant: Exclude<NmfInit, 'random'>,
  meanX: number,
  rng: SeededRandom,
): { W: Float64Array; H: Float64Array } {
  const W = new Float64Array(rows * k);
  const H = new Float64Array(k * cols);
  const u = new Float64Array(rows);
  const v = new Float64Array(cols);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < rows; i++) u[i] = svd.U[i * k + t];
    for (let j = 0; j < cols; j++) v[j] = svd.V[t * cols + j];
    let scale: number;
    if (t === 0) {
      // The leading pair of a non-negative matrix is non-negative up to sign.
      for (let i = 0; i < rows; i++) u[i] = Math.abs(u[i]);
      for (let j = 0; j < cols; j++) v[j] = Math.abs(v[j]);
      scale = Math.sqrt(svd.S[0]);
    } else {
      const uPos = partNorm(u, 1);
      const uNeg = partNorm(u, -1);
      const vPos = partNorm(v, 1);
      const vNeg = partNorm(v, -1);
      const positive = uPos * vPos > uNeg * vNeg;
      const sign = positive ? 1 : -1;
      const [nu, nv] = positive ? [uPos, vPos] : [uNeg, vNeg];
      keepPart(u, sign, nu);
      keepPart(v, sign, nv);
      scale = Math.sqrt(svd.S[t] * nu * nv);
    }
    for (let i = 0; i < rows; i++) W[i * k + t] = scale * u[i];
    for (let j = 0; j < cols; j++) H[t * cols + j] = scale * v[j];
  }
  for (const m of [W, H]) for (let i = 0; i < m.length; i++) if (m[i] < TRUNCATE_BELOW) m[i] = 0;
  if (variant === 'nndsvda') {
    for (const m of [W, H]) for (let i = 0; i < m.length; i++) if (m[i] === 0) m[i] = meanX;
  } else if (variant === 'nndsvdar') {
    for (const m of [W, H]) {
      for (let i = 0; i < m.length; i++) {
        if (m[i] === 0) m[i] = Math.abs((meanX * rng.nextNormal()) / 100);
      }
    }
  }
  return { W, H };
}

/** Norm of the positive (sign 1) or negative (sign −1) part of a. */
function partNorm(a: Float64Array, sign: 1 | -1): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x = sign * a[i];
    if (x > 0) s += x * x;
  }
  return Math.sqrt(s);
}

/** Keeps |part| of the given sign, divided by its norm (zero when the part is empty). */
function keepPart(a: Float64Array, sign: 1 | -1, norm: number): void {
  const inv = norm > 0 ? 1 / norm : 0;
  for (let i = 0; i < a.length; i++) {
    const x = sign * a[i];
    a[i] = x > 0 ? x * inv : 0;
  }
}
