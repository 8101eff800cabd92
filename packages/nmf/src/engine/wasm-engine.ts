import type { EngineSession, NmfEngine } from './engine.js';
import { SPARSE_DENSITY_THRESHOLD } from './js-engine.js';
import {
  BLOCK_SPAN,
  type CsrBlock,
  countNonZeros,
  csrBlocks,
  sparseStorageBytes,
  transposedCsrBlocks,
} from './sparse-blocks.js';
import { WasmArena } from './wasm-runtime.js';

/** WebAssembly SIMD kernels, single-threaded; X stored sparse when it is mostly zeros. */
export const wasmEngine: NmfEngine = {
  name: 'wasm',
  async prepare(x, rows, cols, reserveFloats) {
    const nnz = countNonZeros(x);
    const sparse = nnz / (rows * cols) < SPARSE_DENSITY_THRESHOLD;
    const xBytes = sparse ? sparseStorageBytes(rows, cols, nnz) : 2 * rows * cols * 4 + 64;
    const arena = await WasmArena.create(xBytes + reserveFloats * 4 + 16 * 64);
    const session = wasmKernelSession(arena, sparse ? 'wasm-sparse' : 'wasm-dense');
    if (sparse) {
      const xBlocks = csrBlocks(x, rows, cols, arena);
      const xtBlocks = transposedCsrBlocks(x, rows, cols, arena);
      return {
        ...session,
        xTimes: (b, out, width) => sparseProduct(arena, xBlocks, b, out, width),
        xtTimes: (a, out, width) => sparseProduct(arena, xtBlocks, a, out, width),
      };
    }
    const xd = arena.f32(rows * cols);
    xd.set(x);
    const xt = arena.f32(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) xt[j * rows + i] = x[i * cols + j];
    }
    return {
      ...session,
      xTimes: (b, out, width) => denseProduct(arena, xd, rows, cols, b, out, width),
      xtTimes: (a, out, width) => denseProduct(arena, xt, cols, rows, a, out, width),
    };
  },
};

/** Sweep, Gram and allocation on a WebAssembly arena; products are added by the caller. */
export function wasmKernelSession(
  arena: WasmArena,
  name: string,
): Omit<EngineSession, 'xTimes' | 'xtTimes'> {
  const k = arena.kernels;
  return {
    name,
    alloc: (length) => arena.f32(length),
    sweep(a, n, gram, cross, factors, width, gramOut) {
      return k.cdSweep(
        n,
        arena.offsetOf(a),
        arena.offsetOf(gram),
        arena.offsetOf(cross),
        factors,
        width / 4,
        gramOut ? arena.offsetOf(gramOut) : 0,
        arena.scratch(k.sweepScratchBytes(factors, width / 4)),
      );
    },
    gram(a, n, factors, width, out) {
      k.gramOf(n, arena.offsetOf(a), factors, width / 4, arena.offsetOf(out));
    },
    dispose() {},
  };
}

function sparseProduct(
  arena: WasmArena,
  blocks: CsrBlock[],
  b: Float32Array,
  out: Float32Array,
  width: number,
): void {
  const bAt = arena.offsetOf(b);
  const outAt = arena.offsetOf(out);
  blocks.forEach((block, index) => {
    arena.kernels.sparseTimesK(
      block.rows,
      arena.offsetOf(block.rowPtr),
      arena.offsetOf(block.colIdx),
      arena.offsetOf(block.vals),
      bAt,
      outAt,
      width / 4,
      index > 0 ? 1 : 0,
    );
  });
}

/** out (rows × width) = a (rows × cols, dense) · b, in column blocks. */
function denseProduct(
  arena: WasmArena,
  a: Float32Array,
  rows: number,
  cols: number,
  b: Float32Array,
  out: Float32Array,
  width: number,
): void {
  const aAt = arena.offsetOf(a);
  const bAt = arena.offsetOf(b);
  const outAt = arena.offsetOf(out);
  for (let start = 0; start < cols; start += BLOCK_SPAN) {
    const span = Math.min(cols, start + BLOCK_SPAN) - start;
    arena.kernels.denseTimesK(
      rows,
      span,
      aAt + start * 4,
      cols,
      bAt + start * width * 4,
      outAt,
      width / 4,
      start > 0 ? 1 : 0,
    );
  }
}
