import type { EngineSession } from './engine/engine.js';
import { errorTermsOf } from './engine/js-kernels.js';
import type { FactorBuffers, FactorShape, Problem } from './problem.js';

/**
 * ‖X − WH‖_F without forming WH: ‖X‖² − 2·Σ W∘(XHᵀ) + Σ (WᵀW)∘(HHᵀ), accumulated in float64
 * from X itself (skipping its zeros), so the result is exact to float64 rounding even when the
 * fit is close and the three terms nearly cancel. The terms that need X come from the session's
 * kernels when it has them, else from the JavaScript kernel on X as it is (dense rows).
 * W is rows × width and Ht cols × width (lanes ≥ k zero).
 */
export function frobeniusError(
  problem: Problem,
  factors: FactorBuffers,
  session?: EngineSession,
): number {
  const { x, rows, cols, width } = problem;
  const { W, Ht } = factors;
  const { squaredNorm, cross } =
    session?.errorTerms?.(W, Ht, width) ?? errorTermsOf({ rows, cols, data: x }, W, Ht, width);
  const wh = gramTraceProduct(problem, factors);
  return Math.sqrt(Math.max(squaredNorm - 2 * cross + wh, 0));
}

/** Σ (WᵀW)∘(HHᵀ) = ‖WH‖²_F, in float64. */
function gramTraceProduct({ rows, cols, k, width }: FactorShape, { W, Ht }: FactorBuffers): number {
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

/** The products the multiplicative solver keeps: XHᵀ (rows × width) and the two Gram matrices. */
export interface FrobeniusProducts {
  XHt: Float32Array;
  WtW: Float32Array;
  HHt: Float32Array;
}

/**
 * The same quantity from products the solver already has (all float32) and ‖X‖²: cheap enough
 * to evaluate every few iterations for a stopping rule.
 */
export function frobeniusErrorFromProducts(
  normX2: number,
  W: Float32Array,
  { XHt, WtW, HHt }: FrobeniusProducts,
  { rows, k, width }: FactorShape,
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
