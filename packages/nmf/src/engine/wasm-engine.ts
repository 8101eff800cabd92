import type { NmfEngine } from './engine.js';
import { SPARSE_DENSITY_THRESHOLD } from './js-engine.js';
import { type KernelSession, orientedSession, type RowPassKernels } from './oriented-session.js';
import {
  type CsrMatrix,
  csrBytes,
  csrOf,
  denseRowsOf,
  orientationOf,
  rowCountsOf,
} from './stored-matrix.js';
import { WasmArena } from './wasm-runtime.js';

/**
 * WebAssembly SIMD kernels, single-threaded. X is stored once (sparse when it is mostly zeros),
 * oriented so that each cd iteration is one fused pass over it (see FusedHalfStep).
 */
export const wasmEngine: NmfEngine = {
  name: 'wasm',
  async prepare(x, rows, cols, reserveFloats) {
    const shape = orientationOf(rows, cols);
    const { counts, nnz } = rowCountsOf(x, rows, cols, shape);
    const sparse = nnz / (rows * cols) < SPARSE_DENSITY_THRESHOLD;
    const xBytes = sparse ? csrBytes(shape.n, nnz) : rows * cols * 4 + 64;
    const arena = await WasmArena.create(xBytes + reserveFloats * 4 + 16 * 64);
    const kernels = sparse
      ? sparseRowKernels(arena, csrOf(x, rows, cols, shape, counts, arena))
      : denseRowKernels(
          arena,
          denseRowsOf(x, rows, cols, shape, arena.f32(rows * cols)),
          shape.n,
          shape.m,
        );
    const name = sparse ? 'wasm-sparse' : 'wasm-dense';
    return orientedSession(wasmKernelSession(arena, name), shape, kernels);
  },
};

/** Sweep, Gram and allocation on a WebAssembly arena; products are added by the caller. */
export function wasmKernelSession(arena: WasmArena, name: string): KernelSession {
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

/**
 * M's kernels with M's own arguments bound (CSR or dense), on byte offsets into the arena and
 * kq = width / 4 vectors per row.
 */
interface BoundMatrixKernels {
  timesK(b: number, out: number, kq: number): void;
  scatterK(a: number, out: number, kq: number): void;
  fusedPass(
    a: number,
    gram: number,
    other: number,
    product: number,
    factors: number,
    kq: number,
    gramOut: number,
    scratch: number,
  ): number;
  errorTerms(big: number, small: number, kq: number, acc: number, out: number): void;
}

/** Row passes over a sparse M living in the arena: its first `nRows` rows (default all). */
export function sparseRowKernels(
  arena: WasmArena,
  csr: CsrMatrix,
  nRows = csr.rows,
): RowPassKernels {
  const k = arena.kernels;
  const m = [
    nRows,
    arena.offsetOf(csr.rowPtr),
    arena.offsetOf(csr.colIdx),
    arena.offsetOf(csr.vals),
  ] as const;
  return rowPassKernels(arena, {
    timesK: (b, out, kq) => k.sparseTimesK(...m, b, out, kq, 0),
    scatterK: (a, out, kq) => k.sparseScatterK(...m, a, out, kq),
    fusedPass: (a, gram, other, product, factors, kq, gramOut, scratch) =>
      k.fusedSparsePass(...m, a, gram, other, csr.cols, product, factors, kq, gramOut, scratch),
    errorTerms: (big, small, kq, acc, out) => k.sparseErrorTerms(...m, big, small, kq, acc, out),
  });
}

/** Row passes over a dense row-major M (n × m) living in the arena. */
function denseRowKernels(
  arena: WasmArena,
  mat: Float32Array,
  n: number,
  m: number,
): RowPassKernels {
  const k = arena.kernels;
  const matAt = arena.offsetOf(mat);
  return rowPassKernels(arena, {
    timesK: (b, out, kq) => k.denseTimesK(n, m, matAt, m, b, out, kq, 0),
    scatterK: (a, out, kq) => k.denseScatterK(n, m, matAt, m, a, out, kq),
    fusedPass: (a, gram, other, product, factors, kq, gramOut, scratch) =>
      k.fusedDensePass(n, matAt, m, a, gram, other, m, product, factors, kq, gramOut, scratch),
    errorTerms: (big, small, kq, acc, out) =>
      k.denseErrorTerms(n, m, matAt, m, big, small, kq, acc, out),
  });
}

/** RowPassKernels from M's bound kernels: offsets, scratch space and the error terms' sums. */
function rowPassKernels(arena: WasmArena, mat: BoundMatrixKernels): RowPassKernels {
  const k = arena.kernels;
  const at = (view: ArrayBufferView) => arena.offsetOf(view);
  return {
    gather(b, out, width) {
      mat.timesK(at(b), at(out), width / 4);
    },
    scatter(a, out, width) {
      out.fill(0);
      mat.scatterK(at(a), at(out), width / 4);
    },
    fused(a, gram, other, product, factors, width, gramOut) {
      const kq = width / 4;
      return mat.fusedPass(
        at(a),
        at(gram),
        at(other),
        at(product),
        factors,
        kq,
        at(gramOut),
        arena.scratch(k.fusedScratchBytes(factors, kq)),
      );
    },
    errorTerms(big, small, width) {
      // Scratch: a float64 row of `width` lanes, then the two sums.
      const acc = arena.scratch(width * 8 + 16);
      const out = acc + width * 8;
      mat.errorTerms(at(big), at(small), width / 4, acc, out);
      const [squaredNorm, cross] = new Float64Array(arena.memory.buffer, out, 2);
      return { squaredNorm, cross };
    },
  };
}
