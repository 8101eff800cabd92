// ---------------------------------------------------------------------------------------------
// One fused pass of the cd solver over M, the stored orientation of X (Xᵀ when X is wide, so
// M's rows are X's columns; X itself when X is tall). For a sweep of the factor `a` whose rows
// pair with M's rows (Hᵀ for M = Xᵀ, W for M = X), in sub-blocks of FUSED_SPAN rows:
//   1. cross = M_blk · b          (b: the other factor, small and cache-resident)
//   2. sweep a_blk against (gram, cross), adding aᵀa of the updated rows to the Gram sums
//   3. acc  += M_blkᵀ · a_blk     (the product the other half-step needs next)
// so X streams from memory once per iteration instead of twice, while the sub-block is still
// in cache for step 3, and needs no transposed copy. Rows are independent in scikit-learn's
// sweep, so cutting them into sub-blocks changes nothing but the order of the Gram's sums.
// scratch: fusedScratchBytes(k, kq) bytes.
// ---------------------------------------------------------------------------------------------

import { denseTimesK, sparseTimesK } from './gather';
import { denseScatterK, sparseScatterK } from './scatter';
import { sweepBegin, sweepEnd, sweepRows, sweepScratchBytes } from './sweep';

/**
 * Rows of M per sub-block: a multiple of 4 (the sweep's row groups) small enough that the
 * sub-block of a sparse X at ~50% non-zeros on 363 rows (~90 KiB) stays in L2.
 */
const FUSED_SPAN: i32 = 64;

export function fusedScratchBytes(k: i32, kq: i32): i32 {
  return sweepScratchBytes(k, kq) + FUSED_SPAN * (kq << 4);
}

/**
 * Sparse M (CSR, n rows over m columns). acc (m × kp) is overwritten; gramOut (kp × kp)
 * receives aᵀa when non-zero. Returns the sweep's projected-gradient violation.
 */
export function fusedSparsePass(
  n: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  a: usize,
  gram: usize,
  b: usize,
  m: i32,
  acc: usize,
  k: i32,
  kq: i32,
  gramOut: usize,
  scratch: usize,
): f64 {
  const stride = (<usize>kq) << 4;
  const cross = scratch + <usize>sweepScratchBytes(k, kq);
  memory.fill(acc, 0, <usize>m * stride);
  sweepBegin(gram, k, kq, scratch);
  let violation: f64 = 0;
  for (let r0 = 0; r0 < n; r0 += FUSED_SPAN) {
    const len = min(FUSED_SPAN, n - r0);
    const ptr = rowPtr + ((<usize>r0) << 2);
    const rows = a + <usize>r0 * stride;
    sparseTimesK(len, ptr, colIdx, vals, b, cross, kq, 0);
    violation += sweepRows(len, rows, gram, cross, k, kq, gramOut !== 0, scratch);
    sparseScatterK(len, ptr, colIdx, vals, rows, acc, kq);
  }
  if (gramOut) sweepEnd(gramOut, k, kq, scratch);
  return violation;
}

/** Dense M (n × m, row stride lda floats); otherwise as fusedSparsePass. */
export function fusedDensePass(
  n: i32,
  mat: usize,
  lda: i32,
  a: usize,
  gram: usize,
  b: usize,
  m: i32,
  acc: usize,
  k: i32,
  kq: i32,
  gramOut: usize,
  scratch: usize,
): f64 {
  const stride = (<usize>kq) << 4;
  const rowBytes = (<usize>lda) << 2;
  const cross = scratch + <usize>sweepScratchBytes(k, kq);
  memory.fill(acc, 0, <usize>m * stride);
  sweepBegin(gram, k, kq, scratch);
  let violation: f64 = 0;
  for (let r0 = 0; r0 < n; r0 += FUSED_SPAN) {
    const len = min(FUSED_SPAN, n - r0);
    const block = mat + <usize>r0 * rowBytes;
    const rows = a + <usize>r0 * stride;
    denseTimesK(len, m, block, lda, b, cross, kq, 0);
    violation += sweepRows(len, rows, gram, cross, k, kq, gramOut !== 0, scratch);
    denseScatterK(len, m, block, lda, rows, acc, kq);
  }
  if (gramOut) sweepEnd(gramOut, k, kq, scratch);
  return violation;
}
