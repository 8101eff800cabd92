import type { EngineSession, ErrorTerms } from './engine/engine.js';

/**
 * ‖X − WH‖_F without forming WH: ‖X‖² − 2·Σ W∘(XHᵀ) + Σ (WᵀW)∘(HHᵀ), accumulated in float64
 * from X itself (skipping its zeros), so the result is exact to float64 rounding even when the
 * fit is close and the three terms nearly cancel. The terms that need X come from the session's
 * kernels when it has them.
 * W is rows × width and Ht cols × width (factor lanes ≥ k ignored).
 */
export function frobeniusError(
  x: Float32Array,
  rows: number,
  cols: number,
  W: Float32Array,
  Ht: Float32Array,
  k: number,
  width: number,
  session?: EngineSession,
): number {
  const { squaredNorm, cross } =
    session?.errorTerms?.(W, Ht, width) ?? errorTermsOfX(x, rows, cols, W, Ht, k, width);
  const wh = gramTraceProduct(W, rows, Ht, cols, k, width);
  return Math.sqrt(Math.max(squaredNorm - 2 * cross + wh, 0));
}

/** ‖X‖² and Σ W∘(XHᵀ) from row-major X. */
function errorTermsOfX(
  x: Float32Array,
  rows: number,
  cols: number,
  W: Float32Array,
  Ht: Float32Array,
  k: number,
  width: number,
): ErrorTerms {
  let squaredNorm = 0;
  let cross = 0;
  const xh = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    xh.fill(0);
    const xo = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[xo + j];
      if (v === 0) continue;
      squaredNorm += v * v;
      const ho = j * width;
      for (let t = 0; t < k; t++) xh[t] += v * Ht[ho + t];
    }
    for (let t = 0; t < k; t++) cross += W[i * width + t] * xh[t];
  }
  return { squaredNorm, cross };
}

/** Σ (WᵀW)∘(HHᵀ) = ‖WH‖²_F, in float64. */
function gramTraceProduct(
  W: Float32Array,
  rows: number,
  Ht: Float32Array,
  cols: number,
  k: number,
  width: number,
): number {
  const a = gram64(W, rows, k, width);
  const b = gram64(Ht, cols, k, width);
  let s = 0;
  for (let i = 0; i < k * k; i++) s += a[i] * b[i];
  return s;
}

function gram64(m: Float32Array, n: number, k: number, width: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const o = i * width;
    for (let r = 0; r < k; r++) {
      const v = m[o + r];
      if (v === 0) continue;
      for (let t = 0; t < k; t++) g[r * k + t] += v * m[o + t];
    }
  }
  return g;
}

/**
 * The same quantity from products the solver already has (XHᵀ and the two Gram matrices, all
 * float32): cheap enough to evaluate every few iterations for a stopping rule.
 */
export function frobeniusErrorFromProducts(
  normX2: number,
  W: Float32Array,
  XHt: Float32Array,
  WtW: Float32Array,
  HHt: Float32Array,
  rows: number,
  k: number,
  width: number,
): number {
  let cross = 0;
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < k; t++) cross += W[i * width + t] * XHt[i * width + t];
  }
  let wh = 0;
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < k; t++) wh += WtW[r * width + t] * HHt[r * width + t];
  }
  return Math.sqrt(Math.max(normX2 - 2 * cross + wh, 0));
}

export function squaredNorm(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}
