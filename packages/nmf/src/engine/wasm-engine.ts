import type { EngineSession, ErrorTerms, NmfEngine } from './engine.js';
import { SPARSE_DENSITY_THRESHOLD } from './js-engine.js';
import { orientedSession, type RowPassKernels } from './oriented-session.js';
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
export function wasmKernelSession(
  arena: WasmArena,
  name: string,
): Omit<EngineSession, 'xTimes' | 'xtTimes' | 'fused' | 'errorTerms'> {
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

/** Row passes over a sparse M living in the arena. */
export function sparseRowKernels(arena: WasmArena, csr: CsrMatrix): RowPassKernels {
  const k = arena.kernels;
  const at = (view: ArrayBufferView) => arena.offsetOf(view);
  const [ptr, idx, vals] = [at(csr.rowPtr), at(csr.colIdx), at(csr.vals)];
  return {
    gather(b, out, width) {
      k.sparseTimesK(csr.rows, ptr, idx, vals, at(b), at(out), width / 4, 0);
    },
    scatter(a, out, width) {
      out.fill(0);
      k.sparseScatterK(csr.rows, ptr, idx, vals, at(a), at(out), width / 4);
    },
    fused(a, gram, other, product, factors, width, gramOut) {
      const kq = width / 4;
      return k.fusedSparsePass(
        csr.rows,
        ptr,
        idx,
        vals,
        at(a),
        at(gram),
        at(other),
        csr.cols,
        at(product),
        factors,
        kq,
        at(gramOut),
        arena.scratch(k.fusedScratchBytes(factors, kq)),
      );
    },
    errorTerms(big, small, width) {
      const [acc, out] = errorScratch(arena, width);
      k.sparseErrorTerms(csr.rows, ptr, idx, vals, at(big), at(small), width / 4, acc, out);
      return readErrorTerms(arena, out);
    },
  };
}

/** Scratch for the error-term kernels: a float64 row of `width` lanes, then their two sums. */
function errorScratch(arena: WasmArena, width: number): [number, number] {
  const acc = arena.scratch(width * 8 + 16);
  return [acc, acc + width * 8];
}

function readErrorTerms(arena: WasmArena, out: number): ErrorTerms {
  const [squaredNorm, cross] = new Float64Array(arena.memory.buffer, out, 2);
  return { squaredNorm, cross };
}

/** Row passes over a dense row-major M (n × m) living in the arena. */
function denseRowKernels(
  arena: WasmArena,
  mat: Float32Array,
  n: number,
  m: number,
): RowPassKernels {
  const k = arena.kernels;
  const at = (view: ArrayBufferView) => arena.offsetOf(view);
  const matAt = at(mat);
  return {
    gather(b, out, width) {
      k.denseTimesK(n, m, matAt, m, at(b), at(out), width / 4, 0);
    },
    scatter(a, out, width) {
      out.fill(0);
      k.denseScatterK(n, m, matAt, m, at(a), at(out), width / 4);
    },
    fused(a, gram, other, product, factors, width, gramOut) {
      const kq = width / 4;
      return k.fusedDensePass(
        n,
        matAt,
        m,
        at(a),
        at(gram),
        at(other),
        m,
        at(product),
        factors,
        kq,
        at(gramOut),
        arena.scratch(k.fusedScratchBytes(factors, kq)),
      );
    },
    errorTerms(big, small, width) {
      const [acc, out] = errorScratch(arena, width);
      k.denseErrorTerms(n, m, matAt, m, at(big), at(small), width / 4, acc, out);
      return readErrorTerms(arena, out);
    },
  };
}
