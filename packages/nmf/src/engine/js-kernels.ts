/**
 * Plain-JavaScript versions of the WebAssembly kernels (same algorithms, float64 arithmetic on
 * float32 storage). They serve where WebAssembly is unavailable (e.g. a page whose
 * Content-Security-Policy forbids it) and as the reference the WebAssembly kernels are tested
 * against.
 */
import type { CsrBlock } from './sparse-blocks.js';

/** out (rows × width) (+)= block · b, for one CSR block. */
export function sparseTimes(
  block: CsrBlock,
  b: Float32Array,
  out: Float32Array,
  width: number,
): void {
  const { rowPtr, colIdx, vals } = block;
  for (let i = 0; i < block.rows; i++) {
    const o = i * width;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const x = vals[p];
      const bo = colIdx[p] * width;
      for (let t = 0; t < width; t++) out[o + t] += x * b[bo + t];
    }
  }
}

/** out (rows × width) (+)= X[:, start:end] · b[start:end] for dense row-major X. */
export function denseTimes(
  x: Float32Array,
  rows: number,
  cols: number,
  start: number,
  end: number,
  b: Float32Array,
  out: Float32Array,
  width: number,
): void {
  for (let i = 0; i < rows; i++) {
    const xo = i * cols;
    const o = i * width;
    for (let j = start; j < end; j++) {
      const v = x[xo + j];
      if (v === 0) continue;
      const bo = j * width;
      for (let t = 0; t < width; t++) out[o + t] += v * b[bo + t];
    }
  }
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
    const row = i * width;
    for (let t = 0; t < width; t++) g[t] = -cross[row + t];
    for (let r = 0; r < k; r++) {
      const ar = a[row + r];
      if (ar === 0) continue;
      const go = r * width;
      for (let t = 0; t < width; t++) g[t] += ar * gram[go + t];
    }
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
    if (gramOut) addOuter(gramOut, a, row, k, width);
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
