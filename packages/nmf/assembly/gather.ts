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

/** rowPtr[i]. */
export function rowStart(rowPtr: usize, i: i32): u32 {
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
    const p0 = rowStart(rowPtr, i);
    const e = rowStart(rowPtr, i + 1);
    let ip = colIdx + ((<usize>p0) << 2);
    let vp = vals + ((<usize>p0) << 2);
    const ipEnd = colIdx + ((<usize>e) << 2);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let c0 = f32x4.splat(0);
    let c1 = f32x4.splat(0);
    for (; ip + 16 <= ipEnd; ip += 16, vp += 16) {
      const bx = b + ((<usize>load<u32>(ip)) << 5);
      const by = b + ((<usize>load<u32>(ip, 4)) << 5);
      const bz = b + ((<usize>load<u32>(ip, 8)) << 5);
      const bw = b + ((<usize>load<u32>(ip, 12)) << 5);
      const x = v128.load32_splat(vp);
      const y = v128.load32_splat(vp, 4);
      const z = v128.load32_splat(vp, 8);
      const w = v128.load32_splat(vp, 12);
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(bx)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(bx, 16)));
      c0 = f32x4.add(c0, f32x4.mul(y, v128.load(by)));
      c1 = f32x4.add(c1, f32x4.mul(y, v128.load(by, 16)));
      a0 = f32x4.add(a0, f32x4.mul(z, v128.load(bz)));
      a1 = f32x4.add(a1, f32x4.mul(z, v128.load(bz, 16)));
      c0 = f32x4.add(c0, f32x4.mul(w, v128.load(bw)));
      c1 = f32x4.add(c1, f32x4.mul(w, v128.load(bw, 16)));
    }
    for (; ip < ipEnd; ip += 4, vp += 4) {
      const x = v128.load32_splat(vp);
      const bx = b + ((<usize>load<u32>(ip)) << 5);
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
