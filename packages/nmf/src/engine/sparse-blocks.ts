/**
 * Compressed sparse rows of X (and of Xᵀ), cut into blocks along the inner dimension so that
 * the slice of the small right-hand matrix one block touches stays in cache: without the cut,
 * every row of X streams the whole of Hᵀ (cols × k) through the cache again.
 */
export interface CsrBlock {
  /** Rows of the block (all blocks of one matrix have the same rows). */
  rows: number;
  /** Inner-dimension range [start, end) the block covers; colIdx values lie inside it. */
  start: number;
  end: number;
  rowPtr: Uint32Array;
  colIdx: Uint32Array;
  vals: Float32Array;
}

export interface BlockAllocator {
  u32(length: number): Uint32Array;
  f32(length: number): Float32Array;
}

/**
 * Inner-dimension span of one block: 1024 columns keep a width-8 slice at 32 KiB, L1-sized
 * (X·Hᵀ on 363 × 36,864 at 20% non-zeros measured ~14% faster than with 4096).
 */
export const BLOCK_SPAN = 1024;

export const plainAllocator: BlockAllocator = {
  u32: (n) => new Uint32Array(n),
  f32: (n) => new Float32Array(n),
};

/** Counts the non-zeros of X. */
export function countNonZeros(x: Float32Array): number {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  return nnz;
}

/** Bytes `csrBlocks` and `transposedCsrBlocks` together allocate for X (rows × cols, nnz). */
export function sparseStorageBytes(rows: number, cols: number, nnz: number): number {
  const blocksX = Math.ceil(cols / BLOCK_SPAN);
  const blocksXt = Math.ceil(rows / BLOCK_SPAN);
  const ptrBytes = (n: number) => Math.ceil(((n + 1) * 4) / 16) * 16;
  const nnzBytes = (n: number) => 2 * Math.ceil((n * 4) / 16) * 16;
  // Per-block nnz is unknown here; rounding adds at most 32 bytes per block.
  return (
    blocksX * (ptrBytes(rows) + 32) +
    blocksXt * (ptrBytes(cols) + 32) +
    2 * nnzBytes(nnz) +
    (blocksX + blocksXt) * 32
  );
}

/** CSR of X (rows × cols) in column blocks of BLOCK_SPAN. */
export function csrBlocks(
  x: Float32Array,
  rows: number,
  cols: number,
  alloc: BlockAllocator,
): CsrBlock[] {
  const blocks: CsrBlock[] = [];
  for (let start = 0; start < cols; start += BLOCK_SPAN) {
    const end = Math.min(cols, start + BLOCK_SPAN);
    let nnz = 0;
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      for (let j = start; j < end; j++) if (x[base + j] !== 0) nnz++;
    }
    const rowPtr = alloc.u32(rows + 1);
    const colIdx = alloc.u32(nnz);
    const vals = alloc.f32(nnz);
    let p = 0;
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      rowPtr[i] = p;
      for (let j = start; j < end; j++) {
        const v = x[base + j];
        if (v !== 0) {
          colIdx[p] = j;
          vals[p] = v;
          p++;
        }
      }
    }
    rowPtr[rows] = p;
    blocks.push({ rows, start, end, rowPtr, colIdx, vals });
  }
  return blocks;
}

/** CSR of Xᵀ (cols × rows) in blocks of BLOCK_SPAN rows of X, built without a dense transpose. */
export function transposedCsrBlocks(
  x: Float32Array,
  rows: number,
  cols: number,
  alloc: BlockAllocator,
): CsrBlock[] {
  const blocks: CsrBlock[] = [];
  for (let start = 0; start < rows; start += BLOCK_SPAN) {
    const end = Math.min(rows, start + BLOCK_SPAN);
    const rowPtr = alloc.u32(cols + 1);
    for (let i = start; i < end; i++) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) if (x[base + j] !== 0) rowPtr[j + 1]++;
    }
    for (let j = 0; j < cols; j++) rowPtr[j + 1] += rowPtr[j];
    const nnz = rowPtr[cols];
    const colIdx = alloc.u32(nnz);
    const vals = alloc.f32(nnz);
    const next = rowPtr.slice(0, cols);
    for (let i = start; i < end; i++) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) {
        const v = x[base + j];
        if (v !== 0) {
          const p = next[j]++;
          colIdx[p] = i;
          vals[p] = v;
        }
      }
    }
    blocks.push({ rows: cols, start, end, rowPtr, colIdx, vals });
  }
  return blocks;
}
