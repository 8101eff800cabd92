/**
 * Multiplicative updates for the generalised Kullback–Leibler divergence, dense, in
 * JavaScript (as scikit-learn's beta_loss=1 path on a dense X). Costs O(rows·cols·k) per
 * half-step; the fast engines only serve the Frobenius loss.
 * W is rows × width and Ht cols × width (factor lanes ≥ k ignored).
 */
import type { FactorBuffers, FactorShape, Problem } from './problem.js';

/** numpy.finfo(float32).eps: scikit-learn's guard against dividing by zero. */
export const EPSILON32 = 1.1920928955078125e-7;
const EPSILON64 = 2.220446049250313e-16;

/**
 * Row i of WH into `out` (length cols), with exact zeros replaced by EPSILON32. Returns `sum`
 * plus the row's entries (before that replacement), added one by one.
 */
function productRow(
  { cols, k, width }: FactorShape,
  { W, Ht }: FactorBuffers,
  i: number,
  out: Float64Array,
  sum = 0,
): number {
  const wo = i * width;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    const ho = j * width;
    for (let t = 0; t < k; t++) s += W[wo + t] * Ht[ho + t];
    sum += s;
    out[j] = s === 0 ? EPSILON32 : s;
  }
  return sum;
}

/** W ∘= ((X / WH) Hᵀ) / rowsums(H). */
export function klUpdateW(problem: Problem, factors: FactorBuffers): void {
  const { x, rows, cols, k, width } = problem;
  const { W, Ht } = factors;
  const hSum = new Float64Array(k);
  for (let j = 0; j < cols; j++) for (let t = 0; t < k; t++) hSum[t] += Ht[j * width + t];
  for (let t = 0; t < k; t++) if (hSum[t] === 0) hSum[t] = EPSILON32;
  const wh = new Float64Array(cols);
  const num = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    productRow(problem, factors, i, wh);
    num.fill(0);
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j];
      if (v === 0) continue;
      const r = v / wh[j];
      for (let t = 0; t < k; t++) num[t] += r * Ht[j * width + t];
    }
    for (let t = 0; t < k; t++) W[i * width + t] *= num[t] / hSum[t];
  }
}

/** H ∘= (Wᵀ (X / WH)) / colsums(W), then entries below float64 eps become 0. */
export function klUpdateH(problem: Problem, factors: FactorBuffers): void {
  const { x, rows, cols, k, width } = problem;
  const { W, Ht } = factors;
  const wSum = new Float64Array(k);
  for (let i = 0; i < rows; i++) for (let t = 0; t < k; t++) wSum[t] += W[i * width + t];
  for (let t = 0; t < k; t++) if (wSum[t] === 0) wSum[t] = 1;
  const num = new Float64Array(cols * k);
  const wh = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    productRow(problem, factors, i, wh);
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j];
      if (v === 0) continue;
      const r = v / wh[j];
      for (let t = 0; t < k; t++) num[j * k + t] += r * W[i * width + t];
    }
  }
  for (let j = 0; j < cols; j++) {
    for (let t = 0; t < k; t++) {
      const h = Ht[j * width + t] * (num[j * k + t] / wSum[t]);
      Ht[j * width + t] = h < EPSILON64 ? 0 : h;
    }
  }
}

/** √(2·D_KL(X ‖ WH)), scikit-learn's reconstruction error for beta_loss='kullback-leibler'. */
export function klError(problem: Problem, factors: FactorBuffers): number {
  const { x, rows, cols } = problem;
  const wh = new Float64Array(cols);
  let res = 0;
  for (let i = 0; i < rows; i++) {
    res = productRow(problem, factors, i, wh, res);
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j];
      if (v > EPSILON32) res += v * Math.log(v / wh[j]) - v;
    }
  }
  return Math.sqrt(2 * Math.max(res, 0));
}
