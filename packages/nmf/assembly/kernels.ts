// WebAssembly SIMD kernels behind the NMF solvers (compiled by scripts/build-wasm.mjs).
//
// Conventions shared with src/engine/wasm-kernels.ts:
// - every pointer is a byte offset into the imported memory; JS owns all allocation;
// - a "k-matrix" has rows of kp = 4·kq float32 lanes, lanes k..kp-1 kept at zero, so the
//   factor dimension is processed four lanes at a time with no remainder handling;
// - sparse matrices are CSR: rowPtr (u32, nRows+1), colIdx (u32), vals (f32).
//
// The product loops keep several independent accumulators per row because a single running
// sum stalls on add latency, which is what bounds these loops (not memory bandwidth).

// ---------------------------------------------------------------------------------------------
// out[i,:] (+)= Σ_p vals[p] · b[colIdx[p], :]  for each CSR row i
// ---------------------------------------------------------------------------------------------

export function sparseTimesK(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  b: usize,
  out: usize,
  kq: i32,
  accumulate: i32,
): void {
  if (kq === 1) sparseK1(nRows, rowPtr, colIdx, vals, b, out, accumulate);
  else if (kq === 2) sparseK2(nRows, rowPtr, colIdx, vals, b, out, accumulate);
  else if (kq === 3) sparseK3(nRows, rowPtr, colIdx, vals, b, out, accumulate);
  else if (kq === 4) sparseK4(nRows, rowPtr, colIdx, vals, b, out, accumulate);
  else sparseKn(nRows, rowPtr, colIdx, vals, b, out, kq, accumulate);
}

function rowStart(rowPtr: usize, i: i32): u32 {
  return load<u32>(rowPtr + ((<usize>i) << 2));
}

function finish(out: usize, off: usize, v: v128, accumulate: i32): void {
  if (accumulate) v = f32x4.add(v, v128.load(out + off));
  v128.store(out + off, v);
}

function sparseK1(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  b: usize,
  out: usize,
  accumulate: i32,
): void {
  for (let i = 0; i < nRows; i++) {
    let p = rowStart(rowPtr, i);
    const e = rowStart(rowPtr, i + 1);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    for (; p + 4 <= e; p += 4) {
      const ip = colIdx + ((<usize>p) << 2);
      const vp = vals + ((<usize>p) << 2);
      a0 = f32x4.add(
        a0,
        f32x4.mul(v128.load32_splat(vp), v128.load(b + ((<usize>load<u32>(ip)) << 4))),
      );
      a1 = f32x4.add(
        a1,
        f32x4.mul(v128.load32_splat(vp, 4), v128.load(b + ((<usize>load<u32>(ip, 4)) << 4))),
      );
      a2 = f32x4.add(
        a2,
        f32x4.mul(v128.load32_splat(vp, 8), v128.load(b + ((<usize>load<u32>(ip, 8)) << 4))),
      );
      a3 = f32x4.add(
        a3,
        f32x4.mul(v128.load32_splat(vp, 12), v128.load(b + ((<usize>load<u32>(ip, 12)) << 4))),
      );
    }
    for (; p < e; p++) {
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      a0 = f32x4.add(
        a0,
        f32x4.mul(x, v128.load(b + ((<usize>load<u32>(colIdx + ((<usize>p) << 2))) << 4))),
      );
    }
    finish(out, (<usize>i) << 4, f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), accumulate);
  }
}

function sparseK2(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  b: usize,
  out: usize,
  accumulate: i32,
): void {
  for (let i = 0; i < nRows; i++) {
    let p = rowStart(rowPtr, i);
    const e = rowStart(rowPtr, i + 1);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let c0 = f32x4.splat(0);
    let c1 = f32x4.splat(0);
    for (; p + 2 <= e; p += 2) {
      const ip = colIdx + ((<usize>p) << 2);
      const vp = vals + ((<usize>p) << 2);
      const x = v128.load32_splat(vp);
      const y = v128.load32_splat(vp, 4);
      const bx = b + ((<usize>load<u32>(ip)) << 5);
      const by = b + ((<usize>load<u32>(ip, 4)) << 5);
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      c0 = f32x4.add(c0, f32x4.mul(y, v128.load(by)));
      c1 = f32x4.add(c1, f32x4.mul(y, v128.load(by, 16)));
    }
    if (p < e) {
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      const bx = b + ((<usize>load<u32>(colIdx + ((<usize>p) << 2))) << 5);
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
    }
    const o = (<usize>i) << 5;
    finish(out, o, f32x4.add(a0, c0), accumulate);
    finish(out, o + 16, f32x4.add(a1, c1), accumulate);
  }
}

function sparseK3(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  b: usize,
  out: usize,
  accumulate: i32,
): void {
  for (let i = 0; i < nRows; i++) {
    let p = rowStart(rowPtr, i);
    const e = rowStart(rowPtr, i + 1);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let c0 = f32x4.splat(0);
    let c1 = f32x4.splat(0);
    let c2 = f32x4.splat(0);
    for (; p + 2 <= e; p += 2) {
      const ip = colIdx + ((<usize>p) << 2);
      const vp = vals + ((<usize>p) << 2);
      const x = v128.load32_splat(vp);
      const y = v128.load32_splat(vp, 4);
      const bx = b + <usize>load<u32>(ip) * 48;
      const by = b + <usize>load<u32>(ip, 4) * 48;
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      a2 = f32x4.add(a2, f32x4.mul(x, v128.load(bx, 32)));
      c0 = f32x4.add(c0, f32x4.mul(y, v128.load(by)));
      c1 = f32x4.add(c1, f32x4.mul(y, v128.load(by, 16)));
      c2 = f32x4.add(c2, f32x4.mul(y, v128.load(by, 32)));
    }
    if (p < e) {
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      const bx = b + <usize>load<u32>(colIdx + ((<usize>p) << 2)) * 48;
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      a2 = f32x4.add(a2, f32x4.mul(x, v128.load(bx, 32)));
    }
    const o = <usize>i * 48;
    finish(out, o, f32x4.add(a0, c0), accumulate);
    finish(out, o + 16, f32x4.add(a1, c1), accumulate);
    finish(out, o + 32, f32x4.add(a2, c2), accumulate);
  }
}

function sparseK4(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  b: usize,
  out: usize,
  accumulate: i32,
): void {
  for (let i = 0; i < nRows; i++) {
    let p = rowStart(rowPtr, i);
    const e = rowStart(rowPtr, i + 1);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let c0 = f32x4.splat(0);
    let c1 = f32x4.splat(0);
    let c2 = f32x4.splat(0);
    let c3 = f32x4.splat(0);
    for (; p + 2 <= e; p += 2) {
      const ip = colIdx + ((<usize>p) << 2);
      const vp = vals + ((<usize>p) << 2);
      const x = v128.load32_splat(vp);
      const y = v128.load32_splat(vp, 4);
      const bx = b + ((<usize>load<u32>(ip)) << 6);
      const by = b + ((<usize>load<u32>(ip, 4)) << 6);
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      a2 = f32x4.add(a2, f32x4.mul(x, v128.load(bx, 32)));
      a3 = f32x4.add(a3, f32x4.mul(x, v128.load(bx, 48)));
      c0 = f32x4.add(c0, f32x4.mul(y, v128.load(by)));
      c1 = f32x4.add(c1, f32x4.mul(y, v128.load(by, 16)));
      c2 = f32x4.add(c2, f32x4.mul(y, v128.load(by, 32)));
      c3 = f32x4.add(c3, f32x4.mul(y, v128.load(by, 48)));
    }
    if (p < e) {
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      const bx = b + ((<usize>load<u32>(colIdx + ((<usize>p) << 2))) << 6);
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      a2 = f32x4.add(a2, f32x4.mul(x, v128.load(bx, 32)));
      a3 = f32x4.add(a3, f32x4.mul(x, v128.load(bx, 48)));
    }
    const o = (<usize>i) << 6;
    finish(out, o, f32x4.add(a0, c0), accumulate);
    finish(out, o + 16, f32x4.add(a1, c1), accumulate);
    finish(out, o + 32, f32x4.add(a2, c2), accumulate);
    finish(out, o + 48, f32x4.add(a3, c3), accumulate);
  }
}

/** Any width: accumulates in the output row itself (slower, used only past 16 factors). */
function sparseKn(
  nRows: i32,
  rowPtr: usize,
  colIdx: usize,
  vals: usize,
  b: usize,
  out: usize,
  kq: i32,
  accumulate: i32,
): void {
  const stride = (<usize>kq) << 4;
  for (let i = 0; i < nRows; i++) {
    const o = out + <usize>i * stride;
    if (!accumulate) memory.fill(o, 0, stride);
    const e = rowStart(rowPtr, i + 1);
    for (let p = rowStart(rowPtr, i); p < e; p++) {
      const x = v128.load32_splat(vals + ((<usize>p) << 2));
      const bx = b + <usize>load<u32>(colIdx + ((<usize>p) << 2)) * stride;
      for (let q: usize = 0; q < stride; q += 16) {
        v128.store(o + q, f32x4.add(v128.load(o + q), f32x4.mul(x, v128.load(bx + q))));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// out[i,:] (+)= Σ_{j<nCols} a[i·lda + j] · b[j, :]   (dense rows, one column block at a time)
// ---------------------------------------------------------------------------------------------

export function denseTimesK(
  nRows: i32,
  nCols: i32,
  a: usize,
  lda: i32,
  b: usize,
  out: usize,
  kq: i32,
  accumulate: i32,
): void {
  const stride = (<usize>kq) << 4;
  const rowBytes = (<usize>lda) << 2;
  for (let i = 0; i < nRows; i++) {
    const arow = a + <usize>i * rowBytes;
    const o = out + <usize>i * stride;
    if (kq === 2) {
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let j = 0;
      for (; j + 2 <= nCols; j += 2) {
        const x = v128.load32_splat(arow + ((<usize>j) << 2));
        const y = v128.load32_splat(arow + ((<usize>j) << 2), 4);
        const bx = b + ((<usize>j) << 5);
        a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
        a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
        c0 = f32x4.add(c0, f32x4.mul(y, v128.load(bx, 32)));
        c1 = f32x4.add(c1, f32x4.mul(y, v128.load(bx, 48)));
      }
      if (j < nCols) {
        const x = v128.load32_splat(arow + ((<usize>j) << 2));
        const bx = b + ((<usize>j) << 5);
        a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
        a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      }
      finish(o, 0, f32x4.add(a0, c0), accumulate);
      finish(o, 16, f32x4.add(a1, c1), accumulate);
    } else if (kq === 3) {
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let c2 = f32x4.splat(0);
      let j = 0;
      for (; j + 2 <= nCols; j += 2) {
        const x = v128.load32_splat(arow + ((<usize>j) << 2));
        const y = v128.load32_splat(arow + ((<usize>j) << 2), 4);
        const bx = b + <usize>j * 48;
        a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
        a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
        a2 = f32x4.add(a2, f32x4.mul(x, v128.load(bx, 32)));
        c0 = f32x4.add(c0, f32x4.mul(y, v128.load(bx, 48)));
        c1 = f32x4.add(c1, f32x4.mul(y, v128.load(bx, 64)));
        c2 = f32x4.add(c2, f32x4.mul(y, v128.load(bx, 80)));
      }
      if (j < nCols) {
        const x = v128.load32_splat(arow + ((<usize>j) << 2));
        const bx = b + <usize>j * 48;
        a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
        a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
        a2 = f32x4.add(a2, f32x4.mul(x, v128.load(bx, 32)));
      }
      finish(o, 0, f32x4.add(a0, c0), accumulate);
      finish(o, 16, f32x4.add(a1, c1), accumulate);
      finish(o, 32, f32x4.add(a2, c2), accumulate);
    } else {
      if (!accumulate) memory.fill(o, 0, stride);
      for (let j = 0; j < nCols; j++) {
        const x = v128.load32_splat(arow + ((<usize>j) << 2));
        const bx = b + <usize>j * stride;
        for (let q: usize = 0; q < stride; q += 16) {
          v128.store(o + q, f32x4.add(v128.load(o + q), f32x4.mul(x, v128.load(bx + q))));
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One coordinate-descent sweep over the rows of a (n × kp), scikit-learn's cd update:
//   for each row i and factor t in order:
//     grad = Σ_r gram[t,r]·a[i,r] − cross[i,t]
//     violation += |grad| (or |min(grad, 0)| where a[i,t] === 0)
//     a[i,t] = max(a[i,t] − grad / gram[t,t], 0)   (skipped when gram[t,t] === 0)
// Rows are independent (scikit-learn's factor-outer order gives the same result). Within a row
// the factors form a chain of dependent scalar steps, so a row-at-a-time loop waits on latency;
// instead four rows advance together, one per SIMD lane (transposed in and out in registers),
// and each row's gradient is kept current rather than recomputed: after factor t changes, only
// the gradients of the factors still to come (u > t) are updated.
// When gramOut !== 0 it also receives aᵀa of the updated rows, which the other half-step needs.
// scratch: sweepScratchBytes(k, kq) bytes.
// ---------------------------------------------------------------------------------------------

export function sweepScratchBytes(k: i32, kq: i32): i32 {
  return (2 * k * k + k + 8 * kq) * 16 + (kq << 4);
}

export function cdSweep(
  n: i32,
  a: usize,
  gram: usize,
  cross: usize,
  k: i32,
  kq: i32,
  gramOut: usize,
  scratch: usize,
): f64 {
  const stride = (<usize>kq) << 4;
  const kk = <usize>k;
  const kp = (<usize>kq) << 2;
  const gs = scratch; // kk·kk splats of gram[r,u]
  const hs = gs + kk * kk * 16; // kk splats of gram[t,t]
  const av = hs + kk * 16; // kp lanes-are-rows vectors of a (padding lanes included)
  const gv = av + kp * 16; // kp gradient vectors
  const go = gv + kp * 16; // kk·kk lane-wise partial sums of aᵀa
  const g1 = go + kk * kk * 16; // one row's gradient, for leftover rows
  for (let r: usize = 0; r < kk; r++) {
    for (let u: usize = 0; u < kk; u++) {
      v128.store(gs + (r * kk + u) * 16, v128.load32_splat(gram + r * stride + (u << 2)));
    }
    v128.store(hs + r * 16, v128.load32_splat(gram + r * stride + (r << 2)));
  }
  memory.fill(go, 0, kk * kk * 16);
  let violation: f64 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = a + <usize>i * stride;
    const c0 = cross + <usize>i * stride;
    for (let q: usize = 0; q < stride; q += 16) {
      transposeStore(r0 + q, stride, av + (q << 2), 1);
      transposeStore(c0 + q, stride, gv + (q << 2), -1);
    }
    for (let r: usize = 0; r < kk; r++) {
      const ar = v128.load(av + r * 16);
      const grow = gs + r * kk * 16;
      for (let u: usize = 0; u < kk; u++) {
        const p = gv + u * 16;
        v128.store(p, f32x4.add(v128.load(p), f32x4.mul(ar, v128.load(grow + u * 16))));
      }
    }
    let vv = f32x4.splat(0);
    for (let t: usize = 0; t < kk; t++) {
      const grad = v128.load(gv + t * 16);
      const at = v128.load(av + t * 16);
      const zero = f32x4.splat(0);
      vv = f32x4.add(
        vv,
        f32x4.abs(v128.bitselect(f32x4.min(grad, zero), grad, f32x4.eq(at, zero))),
      );
      const hess = load<f32>(hs + t * 16);
      if (hess === 0) continue;
      const an = f32x4.max(f32x4.sub(at, f32x4.div(grad, v128.load(hs + t * 16))), zero);
      v128.store(av + t * 16, an);
      const d = f32x4.sub(an, at);
      const grow = gs + t * kk * 16;
      for (let u = t + 1; u < kk; u++) {
        const p = gv + u * 16;
        v128.store(p, f32x4.add(v128.load(p), f32x4.mul(d, v128.load(grow + u * 16))));
      }
    }
    violation +=
      <f64>f32x4.extract_lane(vv, 0) +
      <f64>f32x4.extract_lane(vv, 1) +
      <f64>f32x4.extract_lane(vv, 2) +
      <f64>f32x4.extract_lane(vv, 3);
    if (gramOut) {
      for (let r: usize = 0; r < kk; r++) {
        const ar = v128.load(av + r * 16);
        for (let u = r; u < kk; u++) {
          const p = go + (r * kk + u) * 16;
          v128.store(p, f32x4.add(v128.load(p), f32x4.mul(ar, v128.load(av + u * 16))));
        }
      }
    }
    for (let q: usize = 0; q < stride; q += 16) transposeLoad(av + (q << 2), r0 + q, stride);
  }
  for (; i < n; i++) {
    violation += sweepRow(a + <usize>i * stride, cross + <usize>i * stride, gram, k, stride, g1);
    if (gramOut) {
      const row = a + <usize>i * stride;
      for (let r: usize = 0; r < kk; r++) {
        const ar = load<f32>(row + (r << 2));
        for (let u = r; u < kk; u++) {
          // Lane 0 only: the lanes are summed at the end.
          const p = go + (r * kk + u) * 16;
          const term = f32x4.replace_lane(f32x4.splat(0), 0, ar * load<f32>(row + (u << 2)));
          v128.store(p, f32x4.add(v128.load(p), term));
        }
      }
    }
  }
  if (gramOut) {
    memory.fill(gramOut, 0, stride * ((<usize>kq) << 2));
    for (let r: usize = 0; r < kk; r++) {
      for (let u = r; u < kk; u++) {
        const v = v128.load(go + (r * kk + u) * 16);
        let sum = f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1);
        sum += f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
        store<f32>(gramOut + r * stride + (u << 2), sum);
        store<f32>(gramOut + u * stride + (r << 2), sum);
      }
    }
  }
  return violation;
}

/**
 * Reads a 4 × 4 block (four rows `stride` bytes apart, four lanes each) and stores its
 * transpose as four vectors at dst (sign −1 negates), so each stored vector holds one factor
 * of four rows.
 */
function transposeStore(src: usize, stride: usize, dst: usize, sign: i32): void {
  let x0 = v128.load(src);
  let x1 = v128.load(src + stride);
  let x2 = v128.load(src + 2 * stride);
  let x3 = v128.load(src + 3 * stride);
  if (sign < 0) {
    x0 = f32x4.neg(x0);
    x1 = f32x4.neg(x1);
    x2 = f32x4.neg(x2);
    x3 = f32x4.neg(x3);
  }
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + 16, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 32, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 48, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/** Inverse of transposeStore: four factor vectors at src back into four rows at dst. */
function transposeLoad(src: usize, dst: usize, stride: usize): void {
  const x0 = v128.load(src);
  const x1 = v128.load(src + 16);
  const x2 = v128.load(src + 32);
  const x3 = v128.load(src + 48);
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/** The same update for a single row (rows left over after the groups of four). */
function sweepRow(row: usize, crow: usize, gram: usize, k: i32, stride: usize, g: usize): f64 {
  for (let q: usize = 0; q < stride; q += 16) v128.store(g + q, f32x4.neg(v128.load(crow + q)));
  for (let r = 0; r < k; r++) {
    addScaledRow(g, gram + <usize>r * stride, load<f32>(row + ((<usize>r) << 2)), stride);
  }
  let violation: f64 = 0;
  for (let t = 0; t < k; t++) {
    const tOff = (<usize>t) << 2;
    const grad = load<f32>(g + tOff);
    const at = load<f32>(row + tOff);
    violation += <f64>abs<f32>(select<f32>(min<f32>(grad, 0), grad, at === 0));
    const hess = load<f32>(gram + <usize>t * stride + tOff);
    if (hess === 0) continue;
    const an = max<f32>(at - grad / hess, 0);
    store<f32>(row + tOff, an);
    addScaledRow(g, gram + <usize>t * stride, an - at, stride);
  }
  return violation;
}

/** out = aᵀa for a (n × kp). */
export function gramOf(n: i32, a: usize, k: i32, kq: i32, out: usize): void {
  const stride = (<usize>kq) << 4;
  memory.fill(out, 0, stride * ((<usize>kq) << 2));
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * stride;
    for (let r = 0; r < k; r++) {
      addScaledRow(out + <usize>r * stride, row, load<f32>(row + ((<usize>r) << 2)), stride);
    }
  }
}

/** dst[:] += s · src[:] over `stride` bytes. */
function addScaledRow(dst: usize, src: usize, s: f32, stride: usize): void {
  const sv = f32x4.splat(s);
  for (let q: usize = 0; q < stride; q += 16) {
    v128.store(dst + q, f32x4.add(v128.load(dst + q), f32x4.mul(sv, v128.load(src + q))));
  }
}
