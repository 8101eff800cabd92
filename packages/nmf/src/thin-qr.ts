/**
 * Orthonormalises the columns of a (n × m, row-major, float64) in place: modified Gram–Schmidt
 * applied twice ("twice is enough"), which keeps the columns orthogonal to working precision.
 * A column with nothing left after removing the previous ones (relative to its own size)
 * becomes zero rather than amplified rounding noise.
 */
export function orthonormalizeColumns(a: Float64Array, n: number, m: number): void {
  const original = new Float64Array(m);
  for (let c = 0; c < m; c++) original[c] = columnNorm(a, n, m, c);
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < m; c++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += a[i * m + c] * a[i * m + p];
        for (let i = 0; i < n; i++) a[i * m + c] -= dot * a[i * m + p];
      }
      const norm = columnNorm(a, n, m, c);
      const inv = pass === 0 && norm <= 1e-10 * original[c] ? 0 : norm > 0 ? 1 / norm : 0;
      for (let i = 0; i < n; i++) a[i * m + c] *= inv;
    }
  }
}

function columnNorm(a: Float64Array, n: number, m: number, c: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * m + c] ** 2;
  return Math.sqrt(s);
}
