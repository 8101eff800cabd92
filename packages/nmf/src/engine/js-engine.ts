import type { NmfEngine } from './engine.js';
import {
  cdSweep,
  errorTermsOf,
  fusedPass,
  gatherRows,
  gramOf,
  type StoredRows,
  scatterRows,
} from './js-kernels.js';
import { type KernelSession, orientedSession } from './oriented-session.js';
import { csrOf, denseRowsOf, orientationOf, plainAllocator, rowCountsOf } from './stored-matrix.js';

/**
 * Below this share of non-zeros X is stored sparse. A stored non-zero costs about what a dense
 * entry costs (plus its index), so sparse wins until X is nearly full.
 */
export const SPARSE_DENSITY_THRESHOLD = 0.7;

/** Pure JavaScript: works everywhere, roughly 10× slower than 'wasm'. */
export const jsEngine: NmfEngine = {
  name: 'js',
  async prepare(x, rows, cols) {
    const shape = orientationOf(rows, cols);
    const { counts, nnz } = rowCountsOf(x, rows, cols, shape);
    const sparse = nnz / (rows * cols) < SPARSE_DENSITY_THRESHOLD;
    const mat: StoredRows = sparse
      ? csrOf(x, rows, cols, shape, counts, plainAllocator)
      : {
          rows: shape.n,
          cols: shape.m,
          data: denseRowsOf(x, rows, cols, shape, new Float32Array(rows * cols)),
        };
    return orientedSession(jsKernelSession(sparse ? 'js-sparse' : 'js-dense'), shape, {
      gather: (b, out, width) => gatherRows(mat, b, out, width),
      scatter: (a, out, width) => scatterRows(mat, a, out, width),
      fused: (a, gram, other, product, k, width, gramOut) =>
        fusedPass(mat, a, gram, other, product, k, width, gramOut),
      errorTerms: (big, small, width) => errorTermsOf(mat, big, small, width),
    });
  },
};

/** Sweep, Gram and allocation in plain JavaScript; products are added by the caller. */
export function jsKernelSession(name: string): KernelSession {
  return {
    name,
    alloc: (length) => new Float32Array(length),
    sweep: cdSweep,
    gram: gramOf,
    dispose() {},
  };
}
