import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { EngineSession } from './engine/engine.js';
import type { SeededRandom } from './random.js';
import { orthonormalizeColumns } from './thin-qr.js';

/** Top-k singular triplets of X: U (rows × k), S (k), V (k × cols), all row-major. */
export interface TruncatedSvd {
  U: Float64Array;
  S: Float64Array;
  V: Float64Array;
}

/** Lanes the SVD buffers need for k components (k plus scikit-learn's 10 oversamples). */
export function svdSampleCount(k: number, rows: number, cols: number): number {
  return Math.min(k + 10, rows, cols);
}

/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp 2011), as scikit-learn's
 * randomized_svd with its defaults: 10 oversamples, 7 power iterations when k < 10% of the
 * smaller dimension (else 4), re-orthonormalised after every product. The products run on the
 * engine (float32); the small dense work is float64.
 *
 * bufRows (rows × width) and bufCols (cols × width) are session buffers, width ≥ samples.
 */
export async function randomizedSvd(
  session: EngineSession,
  rows: number,
  cols: number,
  k: number,
  rng: SeededRandom,
  bufRows: Float32Array,
  bufCols: Float32Array,
  width: number,
): Promise<TruncatedSvd> {
  const l = svdSampleCount(k, rows, cols);
  const powerIterations = k < 0.1 * Math.min(rows, cols) ? 7 : 4;
  bufCols.fill(0);
  for (let j = 0; j < cols; j++) {
    for (let c = 0; c < l; c++) bufCols[j * width + c] = rng.nextNormal();
  }
  await session.xTimes(bufCols, bufRows, width);
  let q = orthonormalFrom(bufRows, rows, l, width);
  for (let it = 0; it < powerIterations; it++) {
    writeInto(bufRows, q, rows, l, width);
    await session.xtTimes(bufRows, bufCols, width);
    writeInto(bufCols, orthonormalFrom(bufCols, cols, l, width), cols, l, width);
    await session.xTimes(bufCols, bufRows, width);
    q = orthonormalFrom(bufRows, rows, l, width);
  }
  // Bᵀ = XᵀQ (cols × l); its SVD Bᵀ = V_B Σ U_Bᵀ gives X ≈ (Q U_B) Σ V_Bᵀ.
  writeInto(bufRows, q, rows, l, width);
  await session.xtTimes(bufRows, bufCols, width);
  const bt = new Matrix(cols, l);
  for (let j = 0; j < cols; j++) {
    for (let c = 0; c < l; c++) bt.set(j, c, bufCols[j * width + c]);
  }
  const svd = new SingularValueDecomposition(bt, { autoTranspose: true });
  const vb = svd.leftSingularVectors; // cols × l
  const ub = svd.rightSingularVectors; // l × l
  const sigma = svd.diagonal;
  const U = new Float64Array(rows * k);
  const S = new Float64Array(k);
  const V = new Float64Array(k * cols);
  for (let t = 0; t < k; t++) {
    S[t] = t < l ? sigma[t] : 0;
    if (t >= l) continue;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let c = 0; c < l; c++) s += q[i * l + c] * ub.get(c, t);
      U[i * k + t] = s;
    }
    for (let j = 0; j < cols; j++) V[t * cols + j] = vb.get(j, t);
  }
  return { U, S, V };
}

function orthonormalFrom(buf: Float32Array, n: number, l: number, width: number): Float64Array {
  const a = new Float64Array(n * l);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < l; c++) a[i * l + c] = buf[i * width + c];
  }
  orthonormalizeColumns(a, n, l);
  return a;
}

function writeInto(buf: Float32Array, a: Float64Array, n: number, l: number, width: number) {
  buf.fill(0);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < l; c++) buf[i * width + c] = a[i * l + c];
  }
}
