// ---------------------------------------------------------------------------------------------
// The two terms of ‖X − WH‖²_F that need X, in float64: ‖X‖² and Σ X∘(WH) = Σ_rows big[r]·(M_r·small)
// for M the stored orientation of X (big: the factor paired with M's rows, small: the other).
// Accumulated in float64 from float32 data, since the error is their small difference when the
// fit is close. out: two f64, [‖X‖², Σ X∘(WH)].
// ---------------------------------------------------------------------------------------------

import { rowStart } from './gather';

export function sparseErrorTerms(
  n: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  big: usize,
  small: usize,
  kq: i32,
  acc: usize,
  out: usize,
): void {
  const stride = (<usize>kq) << 4;
  let norm: f64 = 0;
  let cross: f64 = 0;
  for (let r = 0; r < n; r++) {
    memory.fill(acc, 0, stride << 1);
    const e = rowStart(rowPtr, r + 1);
    for (let p = rowStart(rowPtr, r); p < e; p++) {
      const v = <f64>load<f32>(vals + ((<usize>p) << 2));
      norm += v * v;
      addScaled64(acc, small + <usize>load<u32>(colIdx + ((<usize>p) << 2)) * stride, v, stride);
    }
    cross += dot64(big + <usize>r * stride, acc, stride);
  }
  store<f64>(out, norm);
  store<f64>(out, cross, 8);
}

/** Dense M (n × m, row stride lda floats); otherwise as sparseErrorTerms. */
export function denseErrorTerms(
  n: i32,
  m: i32,
  mat: usize,
  lda: i32,
  big: usize,
  small: usize,
  kq: i32,
  acc: usize,
  out: usize,
): void {
  const stride = (<usize>kq) << 4;
  let norm: f64 = 0;
  let cross: f64 = 0;
  for (let r = 0; r < n; r++) {
    memory.fill(acc, 0, stride << 1);
    const row = mat + ((<usize>r * <usize>lda) << 2);
    for (let c = 0; c < m; c++) {
      const v = <f64>load<f32>(row + ((<usize>c) << 2));
      if (v === 0) continue;
      norm += v * v;
      addScaled64(acc, small + <usize>c * stride, v, stride);
    }
    cross += dot64(big + <usize>r * stride, acc, stride);
  }
  store<f64>(out, norm);
  store<f64>(out, cross, 8);
}

/** acc (f64 lanes, 2·stride bytes) += v · src (f32 lanes, stride bytes). */
function addScaled64(acc: usize, src: usize, v: f64, stride: usize): void {
  const s = f64x2.splat(v);
  for (let q: usize = 0; q < stride; q += 16) {
    const x = v128.load(src + q);
    const lo = acc + (q << 1);
    const hi = lo + 16;
    v128.store(lo, f64x2.add(v128.load(lo), f64x2.mul(s, f64x2.promote_low_f32x4(x))));
    const upper = v128.shuffle<f32>(x, x, 2, 3, 2, 3);
    v128.store(hi, f64x2.add(v128.load(hi), f64x2.mul(s, f64x2.promote_low_f32x4(upper))));
  }
}

/** Σ a[t]·acc[t] for a (f32 lanes) and acc (f64 lanes). */
function dot64(a: usize, acc: usize, stride: usize): f64 {
  let sum = f64x2.splat(0);
  for (let q: usize = 0; q < stride; q += 16) {
    const x = v128.load(a + q);
    const lo = acc + (q << 1);
    sum = f64x2.add(sum, f64x2.mul(f64x2.promote_low_f32x4(x), v128.load(lo)));
    const upper = v128.shuffle<f32>(x, x, 2, 3, 2, 3);
    sum = f64x2.add(sum, f64x2.mul(f64x2.promote_low_f32x4(upper), v128.load(lo, 16)));
  }
  return f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
}
