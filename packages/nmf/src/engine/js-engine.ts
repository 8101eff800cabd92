import type { EngineSession, NmfEngine } from './engine.js';
import { cdSweep, denseTimes, gramOf, sparseTimes } from './js-kernels.js';
import {
  BLOCK_SPAN,
  type CsrBlock,
  countNonZeros,
  csrBlocks,
  plainAllocator,
  transposedCsrBlocks,
} from './sparse-blocks.js';

/**
 * Below this share of non-zeros X is stored sparse. A stored non-zero costs about what a dense
 * entry costs (plus its index), so sparse wins until X is nearly full.
 */
export const SPARSE_DENSITY_THRESHOLD = 0.7;

/** Pure JavaScript: works everywhere, roughly 10× slower than 'wasm'. */
export const jsEngine: NmfEngine = {
  name: 'js',
  async prepare(x, rows, cols) {
    const density = countNonZeros(x) / (rows * cols);
    if (density < SPARSE_DENSITY_THRESHOLD) {
      return jsSession(
        'js-sparse',
        csrBlocks(x, rows, cols, plainAllocator),
        transposedCsrBlocks(x, rows, cols, plainAllocator),
      );
    }
    return jsDenseSession(x, rows, cols);
  },
};

function jsSession(name: string, xBlocks: CsrBlock[], xtBlocks: CsrBlock[]): EngineSession {
  return {
    ...kernels(name),
    xTimes(b, out, width) {
      out.fill(0);
      for (const block of xBlocks) sparseTimes(block, b, out, width);
    },
    xtTimes(a, out, width) {
      out.fill(0);
      for (const block of xtBlocks) sparseTimes(block, a, out, width);
    },
  };
}

function jsDenseSession(x: Float32Array, rows: number, cols: number): EngineSession {
  return {
    ...kernels('js-dense'),
    xTimes(b, out, width) {
      out.fill(0);
      for (let start = 0; start < cols; start += BLOCK_SPAN) {
        denseTimes(x, rows, cols, start, Math.min(cols, start + BLOCK_SPAN), b, out, width);
      }
    },
    xtTimes(a, out, width) {
      out.fill(0);
      for (let i = 0; i < rows; i++) {
        const xo = i * cols;
        const ao = i * width;
        for (let j = 0; j < cols; j++) {
          const v = x[xo + j];
          if (v === 0) continue;
          const o = j * width;
          for (let t = 0; t < width; t++) out[o + t] += v * a[ao + t];
        }
      }
    },
  };
}

function kernels(name: string) {
  return {
    name,
    alloc: (length: number) => new Float32Array(length),
    sweep: cdSweep,
    gram: gramOf,
    dispose() {},
  };
}
