/**
 * Plain-JavaScript versions of the WebAssembly kernels (same algorithms, float64 arithmetic on
 * float32 storage). They serve where WebAssembly is unavailable (e.g. a page whose
 * Content-Security-Policy forbids it) and as the reference the WebAssembly kernels are tested
 * against. M is the stored orientation of X (see stored-matrix.ts): CSR or dense rows.
 */
import type { ErrorTerms } from './engine.js';
import type { CsrMatrix } from './stored-matrix.js';

/** Dense row-major M. */
export interface DenseRows {
  rows: number;
  cols: number;
  data: Float32Array;
}

export type StoredRows = CsrMatrix | DenseRows;

/** out (n × width) = M · b. */
export function gatherRows(mat: StoredRows, b: Float32Array, out: Float32Array, width: number) {
  const acc = new Float64Array(width);
  for (let r = 0; r < mat.rows; r++) {
    rowTimes(mat, r, b, width, acc);
    out.set(acc, r * width);
  }
}

/** out (m × width) = Mᵀ · a. */
export function scatterRows(mat: StoredRows, a: Float32Array, out: Float32Array, width: number) {
  out.fill(0);
  for (let r = 0; r < mat.rows; r++) addRowTranspose(mat, r, a, r * width, out, width);
}

/** acc = row r of M times b (m × width). */
function rowTimes(mat: StoredRows, r: number, b: Float32Array, width: number, acc: Float64Array) {
  acc.fill(0);
  if ('data' in mat) {
    const base = r * mat.cols;
    for (let j = 0; j < mat.cols; j++) {
      const v = mat.data[base + j];
      if (v === 0) continue;
      const o = j * width;
      for (let t = 0; t < width; t++) acc[t] += v * b[o + t];
    }
    return;
  }
  const end = mat.rowPtr[r + 1];
  for (let p = mat.rowPtr[r]; p < end; p++) {
    const v = mat.vals[p];
    const o = mat.colIdx[p] * width;
    for (let t = 0; t < width; t++) acc[t] += v * b[o + t];
  }
}

/** out[j] += M[r, j] · a[row] for every non-zero of row r of M. */
function addRowTranspose(
  mat: StoredRows,
  r: number,
  a: Float32Array,
  row: number,
  out: Float32Array,
  width: number,
) {
  if ('data' in mat) {
    const base = r * mat.cols;
    for (let j = 0; j < mat.cols; j++) {
      const v = mat.data[base + j];
      if (v === 0) continue;
      const o = j * width;
      for (let t = 0; t < width; t++) out[o + t] += v * a[row + t];
    }
    return;
  }
  const end = mat.rowPtr[r + 1];
  for (let p = mat.rowPtr[r]; p < end; p++) {
    const v = mat.vals[p];
    const o = mat.colIdx[p] * width;
    for (let t = 0; t < width; t++) out[o + t] += v * a[row + t];
  }
}

/** See EngineSession.errorTerms; big pairs with M's rows, small with its columns. */
export function errorTermsOf(
  mat: StoredRows,
  big: Float32Array,
  small: Float32Array,
  width: number,
): ErrorTerms {
  const acc = new Float64Array(width);
  let squaredNorm = 0;
  let cross = 0;
  for (let r = 0; r < mat.rows; r++) {
    rowTimes(mat, r, small, width, acc);
    for (let t = 0; t < width; t++) cross += big[r * width + t] * acc[t];
  }
  const values = 'data' in mat ? mat.data : mat.vals;
  for (let i = 0; i < values.length; i++) squaredNorm += values[i] * values[i];
  return { squaredNorm, cross };
}

/** See EngineSession.sweep: scikit-learn's coordinate-descent update, row by row. */
export function cdSweep(
  a: Float32Array,
  n: number,
  gram: Float32Array,
  cross: Float32Array,
  k: number,
  width: number,
  gramOut: Float32Array | null,
): number {
  if (gramOut) gramOut.fill(0);
  const g = new Float64Array(width);
  let violation = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < width; t++) g[t] = -cross[i * width + t];
    violation += sweepRow(a, i * width, gram, k, width, g);
    if (gramOut) addOuter(gramOut, a, i * width, k, width);
  }
  return violation;
}

/**
 * See FusedHalfStep.run: for each row r of M, cross = M_r · other, sweep row r of `a`, then
 * product += M_rᵀ · a_r.
 */
export function fusedPass(
  mat: StoredRows,
  a: Float32Array,
  gram: Float32Array,
  other: Float32Array,
  product: Float32Array,
  k: number,
  width: number,
  gramOut: Float32Array,
): number {
  gramOut.fill(0);
  product.fill(0);
  const g = new Float64Array(width);
  let violation = 0;
  for (let r = 0; r < mat.rows; r++) {
    rowTimes(mat, r, other, width, g);
    for (let t = 0; t < width; t++) g[t] = -Math.fround(g[t]);
    violation += sweepRow(a, r * width, gram, k, width, g);
    addOuter(gramOut, a, r * width, k, width);
    addRowTranspose(mat, r, a, r * width, product, width);
  }
  return violation;
}

/** Sweeps one row of a (at offset row) given g = −cross; returns its violation. */
function sweepRow(
  a: Float32Array,
  row: number,
  gram: Float32Array,
  k: number,
  width: number,
  g: Float64Array,
): number {
  for (let r = 0; r < k; r++) {
    const ar = a[row + r];
    if (ar === 0) continue;
    const go = r * width;
    for (let t = 0; t < width; t++) g[t] += ar * gram[go + t];
  }
  let violation = 0;
  for (let t = 0; t < k; t++) {
    const grad = g[t];
    const at = a[row + t];
    violation += Math.abs(at === 0 ? Math.min(grad, 0) : grad);
    const hess = gram[t * width + t];
    if (hess === 0) continue;
    const next = Math.fround(Math.max(at - grad / hess, 0));
    const d = next - at;
    if (d === 0) continue;
    a[row + t] = next;
    const go = t * width;
    for (let u = 0; u < width; u++) g[u] += d * gram[go + u];
  }
  return violation;
}

/** out = aᵀa for a (n × width). */
export function gramOf(a: Float32Array, n: number, k: number, width: number, out: Float32Array) {
  out.fill(0);
  for (let i = 0; i < n; i++) addOuter(out, a, i * width, k, width);
}

function addOuter(out: Float32Array, a: Float32Array, row: number, k: number, width: number) {
  for (let r = 0; r < k; r++) {
    const ar = a[row + r];
    if (ar === 0) continue;
    const o = r * width;
    for (let t = 0; t < k; t++) out[o + t] += ar * a[row + t];
  }
}
