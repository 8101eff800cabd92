import { describe, expect, it } from 'vitest';
import { type NmfEngine, paddedWidth } from '../src/engine/engine.js';
import { jsEngine } from '../src/engine/js-engine.js';
import { wasmEngine } from '../src/engine/wasm-engine.js';
import { createNodeThreadedEngine } from '../src/node-threads.js';
import { smallMatrix } from './fixtures.js';
import {
  maxRelativeDiff,
  referenceProduct,
  seededValues,
  sklearnSweep,
} from './reference-kernels.js';

/**
 * The fused half-step (one pass over X) against the same half-step done the plain way in
 * float64: product for the cross term, scikit-learn's sweep, then the other side's product and
 * the Gram matrix of the updated factor.
 */

/** a (n × k) times b (n × k) summed over rows: aᵀb (k × k). */
function innerProducts(a: Float64Array, b: Float64Array, n: number, k: number) {
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < k; r++)
      for (let t = 0; t < k; t++) out[r * k + t] += a[i * k + r] * b[i * k + t];
  return out;
}

// Wide X (stored by columns, sweeps H) and tall X (stored by rows, sweeps W); sparse and dense;
// k in the 1-, 2-, 3- and generic-vector-count paths; sizes not multiples of 4, 8 or 64 (the
// kernels' row groups and sub-blocks).
const cases = [
  { rows: 13, cols: 150, k: 3, zeros: 0.6 },
  { rows: 37, cols: 211, k: 8, zeros: 0.5 },
  { rows: 29, cols: 133, k: 10, zeros: 0.0 },
  { rows: 211, cols: 37, k: 6, zeros: 0.5 },
  { rows: 150, cols: 13, k: 13, zeros: 0.1 },
  { rows: 90, cols: 90, k: 19, zeros: 0.7 },
];

const engines: [string, () => NmfEngine][] = [
  ['wasm', () => wasmEngine],
  ['js', () => jsEngine],
  ['wasm-threads×3', () => createNodeThreadedEngine(3)],
];

describe('fused half-step and error terms', () => {
  for (const [label, engineOf] of engines) {
    for (const { rows, cols, k, zeros } of cases) {
      it(`${label}: ${rows}×${cols}, k=${k}, ${zeros * 100}% zeros`, async () => {
        const x = smallMatrix(rows, cols, rows + 7 * cols + k, zeros);
        const w = paddedWidth(k);
        const session = await engineOf().prepare(x, rows, cols, 8 * (rows + cols) * w + 4 * w * w);
        try {
          const fused = session.fused;
          expect(fused).toBeDefined();
          if (!fused) return;
          const sweepsH = fused.sweeps === 'H';
          expect(sweepsH).toBe(rows <= cols);
          const W = seededValues(rows * k, 1, 5);
          const H = seededValues(cols * k, 2, 7); // Hᵀ, cols × k
          // The swept factor, the other one, and which products pair them with X.
          const [a, n, other] = sweepsH ? [H, cols, W] : [W, rows, H];
          const gram = innerProducts(other, other, sweepsH ? rows : cols, k);
          const cross = referenceProduct(x, rows, cols, other, k, sweepsH);
          const expected = Float64Array.from(a);
          const expectedViolation = sklearnSweep(expected, n, gram, cross, k);
          const expectedProduct = referenceProduct(x, rows, cols, expected, k, !sweepsH);
          const expectedGram = innerProducts(expected, expected, n, k);

          const pad = (m: Float64Array, count: number) => {
            const out = session.alloc(count * w);
            for (let i = 0; i < count; i++)
              for (let t = 0; t < k; t++) out[i * w + t] = m[i * k + t];
            return out;
          };
          const bufA = pad(a, n);
          const bufOther = pad(other, sweepsH ? rows : cols);
          const bufGram = session.alloc(w * w);
          for (let r = 0; r < k; r++)
            for (let t = 0; t < k; t++) bufGram[r * w + t] = gram[r * k + t];
          const product = session.alloc((sweepsH ? rows : cols) * w).fill(Number.NaN);
          const gramOut = session.alloc(w * w).fill(Number.NaN);
          const violation = fused.run(bufA, bufGram, bufOther, product, k, w, gramOut);

          expect(violation / expectedViolation).toBeCloseTo(1, 4);
          const unpad = (m: Float32Array, count: number) =>
            Float64Array.from({ length: count * k }, (_, i) => m[Math.floor(i / k) * w + (i % k)]);
          expect(maxRelativeDiff(unpad(bufA, n), expected)).toBeLessThan(1e-4);
          expect(
            maxRelativeDiff(unpad(product, sweepsH ? rows : cols), expectedProduct),
          ).toBeLessThan(1e-4);
          expect(maxRelativeDiff(unpad(gramOut, k), expectedGram)).toBeLessThan(1e-4);
          // Padding lanes stay zero (the next half-step reads whole vectors).
          for (let i = 0; i < n; i++) for (let t = k; t < w; t++) expect(bufA[i * w + t]).toBe(0);
          for (let r = 0; r < w; r++)
            for (let t = 0; t < w; t++) if (r >= k || t >= k) expect(gramOut[r * w + t]).toBe(0);
          // The error terms from the session's stored X, against float64 sums over X.
          const Wf = pad(W, rows);
          const Hf = pad(H, cols);
          let squaredNorm = 0;
          let xDotWh = 0;
          for (let i = 0; i < rows; i++) {
            for (let j = 0; j < cols; j++) {
              const v = x[i * cols + j];
              squaredNorm += v * v;
              let wh = 0;
              for (let t = 0; t < k; t++) wh += Wf[i * w + t] * Hf[j * w + t];
              xDotWh += v * wh;
            }
          }
          const terms = session.errorTerms?.(Wf, Hf, w);
          expect(terms?.squaredNorm).toBeDefined();
          expect(Math.abs((terms?.squaredNorm ?? 0) / squaredNorm - 1)).toBeLessThan(1e-12);
          expect(Math.abs((terms?.cross ?? 0) / xDotWh - 1)).toBeLessThan(1e-12);
        } finally {
          session.dispose();
        }
      });
    }
  }
});
