/**
 * X as the engines keep it: one copy, stored by rows of M, where M is X's transpose when X is
 * wide (rows ≤ cols) and X itself when it is tall. M's rows then pair with the rows of the
 * larger factor (Hᵀ or W) and its columns with the smaller one, which stays in cache while a
 * pass over M gathers from it or scatters into it; X·B and Xᵀ·A both run on this one copy.
 */
export interface Orientation {
  /** M = Xᵀ (rows ≤ cols) or M = X. */
  transposed: boolean;
  /** Rows of M (X's larger dimension). */
  n: number;
  /** Columns of M (X's smaller dimension). */
  m: number;
}

export function orientationOf(rows: number, cols: number): Orientation {
  return rows <= cols
    ? { transposed: true, n: cols, m: rows }
    : { transposed: false, n: rows, m: cols };
}

/** Compressed sparse rows of M: row i's entries are colIdx/vals[rowPtr[i] .. rowPtr[i+1]). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Uint32Array;
  colIdx: Uint32Array;
  vals: Float32Array;
}

export interface MatrixAllocator {
  u32(length: number): Uint32Array;
  f32(length: number): Float32Array;
}

export const plainAllocator: MatrixAllocator = {
  u32: (n) => new Uint32Array(n),
  f32: (n) => new Float32Array(n),
};

/** Counts the non-zeros of X. */
export function countNonZeros(x: Float32Array): number {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  return nnz;
}

/** Bytes `csrOf` allocates for n rows and nnz non-zeros (each array rounded to 16 bytes). */
export function csrBytes(n: number, nnz: number): number {
  const rounded = (bytes: number) => Math.ceil(bytes / 16) * 16;
  return rounded((n + 1) * 4) + 2 * rounded(nnz * 4);
}

/** CSR of M (see Orientation) from row-major X (rows × cols), without a dense transpose. */
export function csrOf(
  x: Float32Array,
  rows: number,
  cols: number,
  { transposed, n, m }: Orientation,
  alloc: MatrixAllocator,
): CsrMatrix {
  const rowPtr = alloc.u32(n + 1);
  rowPtr.fill(0);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) if (x[base + j] !== 0) rowPtr[(transposed ? j : i) + 1]++;
  }
  for (let r = 0; r < n; r++) rowPtr[r + 1] += rowPtr[r];
  const nnz = rowPtr[n];
  const colIdx = alloc.u32(nnz);
  const vals = alloc.f32(nnz);
  const next = rowPtr.slice(0, n);
  // Row-major over X, so each row of M receives its entries in increasing column order.
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j];
      if (v === 0) continue;
      const p = transposed ? next[j]++ : next[i]++;
      colIdx[p] = transposed ? i : j;
      vals[p] = v;
    }
  }
  return { rows: n, cols: m, rowPtr, colIdx, vals };
}

/** Dense row-major M (n × m) written into `into`. */
export function denseRowsOf(
  x: Float32Array,
  rows: number,
  cols: number,
  { transposed }: Orientation,
  into: Float32Array,
): Float32Array {
  if (!transposed) {
    into.set(x);
    return into;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) into[j * rows + i] = x[i * cols + j];
  }
  return into;
}
