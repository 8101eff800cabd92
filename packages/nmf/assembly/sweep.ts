// ---------------------------------------------------------------------------------------------
// One coordinate-descent sweep over the rows of a (n × kp), scikit-learn's cd update:
//   for each row i and factor t in order:
//     grad = Σ_r gram[t,r]·a[i,r] − cross[i,t]
//     violation += |grad| (or |min(grad, 0)| where a[i,t] === 0)
//     a[i,t] = max(a[i,t] − grad / gram[t,t], 0)   (skipped when gram[t,t] === 0)
// Rows are independent (scikit-learn's factor-outer order gives the same result). Within a row
// the factors form a chain of dependent scalar steps (a division among them), so a
// row-at-a-time loop waits on latency; instead rows advance together, one per SIMD lane
// (transposed in and out in registers), two groups of four at a time so that two independent
// chains overlap, and each row's gradient is kept current rather than recomputed: after factor
// t changes, only the gradients of the factors still to come (u > t) are updated.
// When gramOut !== 0 it also receives aᵀa of the updated rows, which the other half-step needs.
// scratch: sweepScratchBytes(k, kq) bytes.
// ---------------------------------------------------------------------------------------------

// Scratch layout, in 16-byte vectors: gs (k·k splats of gram[r,u]), hs (k splats of gram[t,t]),
// then for each of the two row groups av and gv (kp lanes-are-rows vectors of a and of the
// gradient), go (k·k lane-wise partial sums of aᵀa), g1 (one row's gradient, for leftover rows).

export function sweepScratchBytes(k: i32, kq: i32): i32 {
  return (2 * k * k + k + 16 * kq) * 16 + (kq << 4);
}

/** Start of group g's av (its gv follows kp vectors later). */
function groupAt(scratch: usize, k: usize, kq: usize, g: usize): usize {
  return scratch + (k * k + k) * 16 + g * (kq << 7);
}

function gramSumsAt(scratch: usize, k: usize, kq: usize): usize {
  return scratch + (k * k + k) * 16 + (kq << 8);
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
  sweepBegin(gram, k, kq, scratch);
  const violation = sweepRows(n, a, gram, cross, k, kq, gramOut !== 0, scratch);
  if (gramOut) sweepEnd(gramOut, k, kq, scratch);
  return violation;
}

/** Splats the Gram matrix into scratch and clears the aᵀa partial sums. */
export function sweepBegin(gram: usize, k: i32, kq: i32, scratch: usize): void {
  const stride = (<usize>kq) << 4;
  const kk = <usize>k;
  const gs = scratch;
  const hs = gs + kk * kk * 16;
  for (let r: usize = 0; r < kk; r++) {
    for (let u: usize = 0; u < kk; u++) {
      v128.store(gs + (r * kk + u) * 16, v128.load32_splat(gram + r * stride + (u << 2)));
    }
    v128.store(hs + r * 16, v128.load32_splat(gram + r * stride + (r << 2)));
  }
  memory.fill(gramSumsAt(scratch, kk, <usize>kq), 0, kk * kk * 16);
}

/**
 * Sweeps n rows of a against cross (after sweepBegin), adding aᵀa of the updated rows to the
 * partial sums when withGram; returns their projected-gradient violation.
 */
export function sweepRows(
  n: i32,
  a: usize,
  gram: usize,
  cross: usize,
  k: i32,
  kq: i32,
  withGram: bool,
  scratch: usize,
): f64 {
  const stride = (<usize>kq) << 4;
  const kk = <usize>k;
  const kp = (<usize>kq) << 2;
  const gs = scratch;
  const hs = gs + kk * kk * 16;
  const av0 = groupAt(scratch, kk, <usize>kq, 0);
  const gv0 = av0 + kp * 16;
  const av1 = groupAt(scratch, kk, <usize>kq, 1);
  const gv1 = av1 + kp * 16;
  const go = gramSumsAt(scratch, kk, <usize>kq);
  const g1 = go + kk * kk * 16;
  const zero = f32x4.splat(0);
  let violation: f64 = 0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const r0 = a + <usize>i * stride;
    const r1 = r0 + 4 * stride;
    const c0 = cross + <usize>i * stride;
    const c1 = c0 + 4 * stride;
    for (let q: usize = 0; q < stride; q += 16) {
      transposeStore(r0 + q, stride, av0 + (q << 2), 1);
      transposeStore(c0 + q, stride, gv0 + (q << 2), -1);
      transposeStore(r1 + q, stride, av1 + (q << 2), 1);
      transposeStore(c1 + q, stride, gv1 + (q << 2), -1);
    }
    // Gradients at the current a: −cross + Σ_r a[r]·gram[r,u], summed over r in order.
    for (let u: usize = 0; u < kk; u++) {
      let x0 = v128.load(gv0 + u * 16);
      let x1 = v128.load(gv1 + u * 16);
      for (let r: usize = 0; r < kk; r++) {
        const g = v128.load(gs + (r * kk + u) * 16);
        x0 = f32x4.add(x0, f32x4.mul(v128.load(av0 + r * 16), g));
        x1 = f32x4.add(x1, f32x4.mul(v128.load(av1 + r * 16), g));
      }
      v128.store(gv0 + u * 16, x0);
      v128.store(gv1 + u * 16, x1);
    }
    let vv0 = zero;
    let vv1 = zero;
    for (let t: usize = 0; t < kk; t++) {
      const grad0 = v128.load(gv0 + t * 16);
      const grad1 = v128.load(gv1 + t * 16);
      const at0 = v128.load(av0 + t * 16);
      const at1 = v128.load(av1 + t * 16);
      vv0 = f32x4.add(vv0, projected(grad0, at0));
      vv1 = f32x4.add(vv1, projected(grad1, at1));
      if (load<f32>(hs + t * 16) === 0) continue;
      const hess = v128.load(hs + t * 16);
      const an0 = f32x4.max(f32x4.sub(at0, f32x4.div(grad0, hess)), zero);
      const an1 = f32x4.max(f32x4.sub(at1, f32x4.div(grad1, hess)), zero);
      v128.store(av0 + t * 16, an0);
      v128.store(av1 + t * 16, an1);
      const d0 = f32x4.sub(an0, at0);
      const d1 = f32x4.sub(an1, at1);
      const grow = gs + t * kk * 16;
      for (let u = t + 1; u < kk; u++) {
        const g = v128.load(grow + u * 16);
        const p0 = gv0 + u * 16;
        const p1 = gv1 + u * 16;
        v128.store(p0, f32x4.add(v128.load(p0), f32x4.mul(d0, g)));
        v128.store(p1, f32x4.add(v128.load(p1), f32x4.mul(d1, g)));
      }
    }
    violation += laneSum(vv0);
    violation += laneSum(vv1);
    if (withGram) {
      for (let r: usize = 0; r < kk; r++) {
        const ar0 = v128.load(av0 + r * 16);
        const ar1 = v128.load(av1 + r * 16);
        for (let u = r; u < kk; u++) {
          const p = go + (r * kk + u) * 16;
          const both = f32x4.add(
            f32x4.mul(ar0, v128.load(av0 + u * 16)),
            f32x4.mul(ar1, v128.load(av1 + u * 16)),
          );
          v128.store(p, f32x4.add(v128.load(p), both));
        }
      }
    }
    for (let q: usize = 0; q < stride; q += 16) {
      transposeLoad(av0 + (q << 2), r0 + q, stride);
      transposeLoad(av1 + (q << 2), r1 + q, stride);
    }
  }
  for (; i + 4 <= n; i += 4) {
    const r0 = a + <usize>i * stride;
    const c0 = cross + <usize>i * stride;
    for (let q: usize = 0; q < stride; q += 16) {
      transposeStore(r0 + q, stride, av0 + (q << 2), 1);
      transposeStore(c0 + q, stride, gv0 + (q << 2), -1);
    }
    for (let u: usize = 0; u < kk; u++) {
      let x0 = v128.load(gv0 + u * 16);
      for (let r: usize = 0; r < kk; r++) {
        x0 = f32x4.add(x0, f32x4.mul(v128.load(av0 + r * 16), v128.load(gs + (r * kk + u) * 16)));
      }
      v128.store(gv0 + u * 16, x0);
    }
    let vv0 = zero;
    for (let t: usize = 0; t < kk; t++) {
      const grad0 = v128.load(gv0 + t * 16);
      const at0 = v128.load(av0 + t * 16);
      vv0 = f32x4.add(vv0, projected(grad0, at0));
      if (load<f32>(hs + t * 16) === 0) continue;
      const an0 = f32x4.max(f32x4.sub(at0, f32x4.div(grad0, v128.load(hs + t * 16))), zero);
      v128.store(av0 + t * 16, an0);
      const d0 = f32x4.sub(an0, at0);
      const grow = gs + t * kk * 16;
      for (let u = t + 1; u < kk; u++) {
        const p0 = gv0 + u * 16;
        v128.store(p0, f32x4.add(v128.load(p0), f32x4.mul(d0, v128.load(grow + u * 16))));
      }
    }
    violation += laneSum(vv0);
    if (withGram) {
      for (let r: usize = 0; r < kk; r++) {
        const ar0 = v128.load(av0 + r * 16);
        for (let u = r; u < kk; u++) {
          const p = go + (r * kk + u) * 16;
          v128.store(p, f32x4.add(v128.load(p), f32x4.mul(ar0, v128.load(av0 + u * 16))));
        }
      }
    }
    for (let q: usize = 0; q < stride; q += 16) transposeLoad(av0 + (q << 2), r0 + q, stride);
  }
  for (; i < n; i++) {
    violation += sweepRow(a + <usize>i * stride, cross + <usize>i * stride, gram, k, stride, g1);
    if (withGram) {
      const row = a + <usize>i * stride;
      for (let r: usize = 0; r < kk; r++) {
        const ar = load<f32>(row + (r << 2));
        for (let u = r; u < kk; u++) {
          // Lane 0 only: the lanes are summed at the end.
          const p = go + (r * kk + u) * 16;
          const term = f32x4.replace_lane(zero, 0, ar * load<f32>(row + (u << 2)));
          v128.store(p, f32x4.add(v128.load(p), term));
        }
      }
    }
  }
  return violation;
}

/** |projected gradient|: the gradient, or only its negative part where a is at the bound 0. */
function projected(grad: v128, at: v128): v128 {
  const zero = f32x4.splat(0);
  return f32x4.abs(v128.bitselect(f32x4.min(grad, zero), grad, f32x4.eq(at, zero)));
}

function laneSum(v: v128): f64 {
  return (
    <f64>f32x4.extract_lane(v, 0) +
    <f64>f32x4.extract_lane(v, 1) +
    <f64>f32x4.extract_lane(v, 2) +
    <f64>f32x4.extract_lane(v, 3)
  );
}

/** Writes aᵀa (kp × kp, lanes ≥ k zero) from the partial sums of the rows swept so far. */
export function sweepEnd(gramOut: usize, k: i32, kq: i32, scratch: usize): void {
  const stride = (<usize>kq) << 4;
  const kk = <usize>k;
  const go = gramSumsAt(scratch, kk, <usize>kq);
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
