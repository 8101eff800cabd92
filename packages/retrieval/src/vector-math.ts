/** Dot product of `d` floats starting at `ao` in `a` and `bo` in `b` (4-way unrolled: V8 keeps it in registers). */
export function dotAt(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    s0 += a[ao + i]! * b[bo + i]!;
    s1 += a[ao + i + 1]! * b[bo + i + 1]!;
    s2 += a[ao + i + 2]! * b[bo + i + 2]!;
    s3 += a[ao + i + 3]! * b[bo + i + 3]!;
  }
  for (; i < d; i++) s0 += a[ao + i]! * b[bo + i]!;
  return s0 + s1 + s2 + s3;
}

/** Scales `v` in place to unit length; returns false (and leaves it) when it has no length or is not finite. */
export function normalizeInPlace(v: Float32Array, offset = 0, d = v.length - offset): boolean {
  const norm = Math.sqrt(dotAt(v, offset, v, offset, d));
  if (!(norm > 0) || !Number.isFinite(norm)) return false;
  for (let i = offset; i < offset + d; i++) v[i] /= norm;
  return true;
}
