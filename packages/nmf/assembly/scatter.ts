// ---------------------------------------------------------------------------------------------
// out[j,:] += Σ_i m[i,j] · a[i,:]   (Mᵀ·a for M stored by rows: each row of M scatters)
//
// The transposed product of the gather kernels in gather.ts, over the same storage, so that one
// copy of X serves both X·B and Xᵀ·A. Each row's a[i,:] stays in registers while its entries
// add into the (small, cache-resident) output rows.
// ---------------------------------------------------------------------------------------------

import { rowStart } from './gather';

/** Sparse M (CSR, nRows rows); `out` accumulates (the caller clears it). */
export function sparseScatterK(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  a: usize,
  out: usize,
  kq: i32,
): void {
  if (kq === 1) scatterK1(nRows, rowPtr, colIdx, vals, a, out);
  else if (kq === 2) scatterK2(nRows, rowPtr, colIdx, vals, a, out);
  else if (kq === 3) scatterK3(nRows, rowPtr, colIdx, vals, a, out);
  else scatterKn(nRows, rowPtr, colIdx, vals, a, out, kq);
}

/** True when the kp lanes of row a are all zero: such a row adds nothing (NMF rows often are). */
function zeroRow(a: usize, stride: usize): bool {
  let any = v128.load(a);
  for (let q: usize = 16; q < stride; q += 16) any = v128.or(any, v128.load(a + q));
  return !v128.any_true(any);
}

function scatterK1(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  a: usize,
  out: usize,
): void {
  for (let i = 0; i < nRows; i++) {
    const a0 = v128.load(a + ((<usize>i) << 4));
    if (!v128.any_true(a0)) continue;
    const e = rowStart(rowPtr, i + 1);
    for (let p = rowStart(rowPtr, i); p < e; p++) {
      const o = out + ((<usize>load<u32>(colIdx + ((<usize>p) << 2))) << 4);
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      v128.store(o, f32x4.add(v128.load(o), f32x4.mul(x, a0)));
    }
  }
}

function scatterK2(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  a: usize,
  out: usize,
): void {
  for (let i = 0; i < nRows; i++) {
    const row = a + ((<usize>i) << 5);
    const a0 = v128.load(row);
    const a1 = v128.load(row, 16);
    if (!v128.any_true(v128.or(a0, a1))) continue;
    const p0 = rowStart(rowPtr, i);
    let ip = colIdx + ((<usize>p0) << 2);
    let vp = vals + ((<usize>p0) << 2);
    const ipEnd = colIdx + ((<usize>rowStart(rowPtr, i + 1)) << 2);
    for (; ip + 8 <= ipEnd; ip += 8, vp += 8) {
      const o = out + ((<usize>load<u32>(ip)) << 5);
      const q = out + ((<usize>load<u32>(ip, 4)) << 5);
      const x = v128.load32_splat(vp);
      const y = v128.load32_splat(vp, 4);
      v128.store(o, f32x4.add(v128.load(o), f32x4.mul(x, a0)));
      v128.store(o, f32x4.add(v128.load(o, 16), f32x4.mul(x, a1)), 16);
      v128.store(q, f32x4.add(v128.load(q), f32x4.mul(y, a0)));
      v128.store(q, f32x4.add(v128.load(q, 16), f32x4.mul(y, a1)), 16);
    }
    if (ip < ipEnd) {
      const o = out + ((<usize>load<u32>(ip)) << 5);
      const x = v128.load32_splat(vp);
      v128.store(o, f32x4.add(v128.load(o), f32x4.mul(x, a0)));
      v128.store(o, f32x4.add(v128.load(o, 16), f32x4.mul(x, a1)), 16);
    }
  }
}

function scatterK3(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  a: usize,
  out: usize,
): void {
  for (let i = 0; i < nRows; i++) {
    const row = a + <usize>i * 48;
    const a0 = v128.load(row);
    const a1 = v128.load(row, 16);
    const a2 = v128.load(row, 32);
    if (!v128.any_true(v128.or(v128.or(a0, a1), a2))) continue;
    const p0 = rowStart(rowPtr, i);
    let ip = colIdx + ((<usize>p0) << 2);
    let vp = vals + ((<usize>p0) << 2);
    const ipEnd = colIdx + ((<usize>rowStart(rowPtr, i + 1)) << 2);
    for (; ip + 8 <= ipEnd; ip += 8, vp += 8) {
      const o = out + <usize>load<u32>(ip) * 48;
      const q = out + <usize>load<u32>(ip, 4) * 48;
      const x = v128.load32_splat(vp);
      const y = v128.load32_splat(vp, 4);
      v128.store(o, f32x4.add(v128.load(o), f32x4.mul(x, a0)));
      v128.store(o, f32x4.add(v128.load(o, 16), f32x4.mul(x, a1)), 16);
      v128.store(o, f32x4.add(v128.load(o, 32), f32x4.mul(x, a2)), 32);
      v128.store(q, f32x4.add(v128.load(q), f32x4.mul(y, a0)));
      v128.store(q, f32x4.add(v128.load(q, 16), f32x4.mul(y, a1)), 16);
      v128.store(q, f32x4.add(v128.load(q, 32), f32x4.mul(y, a2)), 32);
    }
    if (ip < ipEnd) {
      const o = out + <usize>load<u32>(ip) * 48;
      const x = v128.load32_splat(vp);
      v128.store(o, f32x4.add(v128.load(o), f32x4.mul(x, a0)));
      v128.store(o, f32x4.add(v128.load(o, 16), f32x4.mul(x, a1)), 16);
      v128.store(o, f32x4.add(v128.load(o, 32), f32x4.mul(x, a2)), 32);
    }
  }
}

function scatterKn(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  a: usize,
  out: usize,
  kq: i32,
): void {
  const stride = (<usize>kq) << 4;
  for (let i = 0; i < nRows; i++) {
    const row = a + <usize>i * stride;
    if (zeroRow(row, stride)) continue;
    const e = rowStart(rowPtr, i + 1);
    for (let p = rowStart(rowPtr, i); p < e; p++) {
      const o = out + <usize>load<u32>(colIdx + ((<usize>p) << 2)) * stride;
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      for (let q: usize = 0; q < stride; q += 16) {
        v128.store(o + q, f32x4.add(v128.load(o + q), f32x4.mul(x, v128.load(row + q))));
      }
    }
  }
}

/**
 * Dense M (nRows × nCols, row stride lda floats); `out` (nCols rows) accumulates. Rows of M go
 * in fours (kq 2) or pairs (kq 3–4), so each output row is loaded and stored once per group.
 */
export function denseScatterK(
  nRows: i32,
  nCols: i32,
  m: usize,
  lda: i32,
  a: usize,
  out: usize,
  kq: i32,
): void {
  const stride = (<usize>kq) << 4;
  const rowBytes = (<usize>lda) << 2;
  let i = 0;
  if (kq === 2) {
    for (; i + 4 <= nRows; i += 4) {
      const r = a + ((<usize>i) << 5);
      const a0 = v128.load(r);
      const a1 = v128.load(r, 16);
      const b0 = v128.load(r, 32);
      const b1 = v128.load(r, 48);
      const c0 = v128.load(r, 64);
      const c1 = v128.load(r, 80);
      const d0 = v128.load(r, 96);
      const d1 = v128.load(r, 112);
      const m0 = m + <usize>i * rowBytes;
      for (let j = 0; j < nCols; j++) {
        const mj = m0 + ((<usize>j) << 2);
        const x = v128.load32_splat(mj);
        const y = v128.load32_splat(mj + rowBytes);
        const z = v128.load32_splat(mj + 2 * rowBytes);
        const w = v128.load32_splat(mj + 3 * rowBytes);
        const o = out + ((<usize>j) << 5);
        let s0 = f32x4.add(f32x4.mul(x, a0), f32x4.mul(y, b0));
        let s1 = f32x4.add(f32x4.mul(x, a1), f32x4.mul(y, b1));
        s0 = f32x4.add(s0, f32x4.add(f32x4.mul(z, c0), f32x4.mul(w, d0)));
        s1 = f32x4.add(s1, f32x4.add(f32x4.mul(z, c1), f32x4.mul(w, d1)));
        v128.store(o, f32x4.add(v128.load(o), s0));
        v128.store(o, f32x4.add(v128.load(o, 16), s1), 16);
      }
    }
  } else if (kq <= 4) {
    for (; i + 2 <= nRows; i += 2) {
      const ra = a + <usize>i * stride;
      const rb = ra + stride;
      const m0 = m + <usize>i * rowBytes;
      for (let j = 0; j < nCols; j++) {
        const mj = m0 + ((<usize>j) << 2);
        const x = v128.load32_splat(mj);
        const y = v128.load32_splat(mj + rowBytes);
        const o = out + <usize>j * stride;
        for (let q: usize = 0; q < stride; q += 16) {
          const s = f32x4.add(f32x4.mul(x, v128.load(ra + q)), f32x4.mul(y, v128.load(rb + q)));
          v128.store(o + q, f32x4.add(v128.load(o + q), s));
        }
      }
    }
  }
  for (; i < nRows; i++) {
    const ra = a + <usize>i * stride;
    const mi = m + <usize>i * rowBytes;
    for (let j = 0; j < nCols; j++) {
      const x = v128.load32_splat(mi + ((<usize>j) << 2));
      const o = out + <usize>j * stride;
      for (let q: usize = 0; q < stride; q += 16) {
        v128.store(o + q, f32x4.add(v128.load(o + q), f32x4.mul(x, v128.load(ra + q))));
      }
    }
  }
}
