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
  const bits = bitsOf(x);
  let nnz = 0;
  for (let i = 0; i < bits.length; i++) nnz += nonZeroBit(bits[i]);
  return nnz;
}

function bitsOf(x: Float32Array): Uint32Array {
  return new Uint32Array(x.buffer, x.byteOffset, x.length);
}

/**
 * 1 when the float32 with these bits is not ±0, else 0, without a branch: counting passes
 * over X run about twice as fast as with `x !== 0`, whose branch mispredicts on mixed data.
 */
function nonZeroBit(bits: number): number {
  const magnitude = bits << 1; // int32, zero exactly for ±0
  return (magnitude | -magnitude) >>> 31;
}

/** Bytes `csrOf` allocates for n rows and nnz non-zeros (each array rounded to 16 bytes). */
export function csrBytes(n: number, nnz: number): number {
  const rounded = (bytes: number) => Math.ceil(bytes / 16) * 16;
  return rounded((n + 1) * 4) + 2 * rounded(nnz * 4);
}

/** Non-zeros in each row of M (see Orientation) and in all. */
export function rowCountsOf(
  x: Float32Array,
  rows: number,
  cols: number,
  { transposed, n }: Orientation,
): { counts: Uint32Array; nnz: number } {
  const bits = bitsOf(x);
  const counts = new Uint32Array(n);
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    if (transposed) {
      for (let j = 0; j < cols; j++) counts[j] += nonZeroBit(bits[base + j]);
    } else {
      let c = 0;
      for (let j = 0; j < cols; j++) c += nonZeroBit(bits[base + j]);
      counts[i] = c;
      nnz += c;
    }
  }
  if (transposed) for (let j = 0; j < cols; j++) nnz += counts[j];
  return { counts, nnz };
}

/**
 * Columns of X filled per round when building the CSR of Xᵀ: the write cursors of that many
 * rows of M (two arrays) stay in cache, where one round over all columns would miss on nearly
 * every write (~6× slower at 36,864 columns).
 */
const TRANSPOSE_SPAN = 512;

/** CSR of M (see Orientation) from row-major X (rows × cols) and rowCountsOf's counts. */
export function csrOf(
  x: Float32Array,
  rows: number,
  cols: number,
  { transposed, n, m }: Orientation,
  counts: Uint32Array,
  alloc: MatrixAllocator,
): CsrMatrix {
  const rowPtr = alloc.u32(n + 1);
  rowPtr[0] = 0;
  for (let r = 0; r < n; r++) rowPtr[r + 1] = rowPtr[r] + counts[r];
  const nnz = rowPtr[n];
  const colIdx = alloc.u32(nnz);
  const vals = alloc.f32(nnz);
  if (!transposed) {
    let p = 0;
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) {
        const v = x[base + j];
        if (v === 0) continue;
        colIdx[p] = j;
        vals[p++] = v;
      }
    }
  } else {
    // Rows of X in order, so each row of M receives its entries in increasing column order.
    const next = rowPtr.slice(0, n);
    for (let j0 = 0; j0 < cols; j0 += TRANSPOSE_SPAN) {
      const j1 = Math.min(cols, j0 + TRANSPOSE_SPAN);
      for (let i = 0; i < rows; i++) {
        const base = i * cols;
        for (let j = j0; j < j1; j++) {
          const v = x[base + j];
          if (v === 0) continue;
          const p = next[j]++;
          colIdx[p] = i;
          vals[p] = v;
        }
      }
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
