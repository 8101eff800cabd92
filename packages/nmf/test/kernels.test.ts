import { describe, expect, it } from 'vitest';
import { paddedWidth } from '../src/engine/engine.js';
import { jsEngine } from '../src/engine/js-engine.js';
import { cdSweep as jsSweep } from '../src/engine/js-kernels.js';
import { wasmEngine } from '../src/engine/wasm-engine.js';
import { smallMatrix } from './fixtures.js';
import { referenceProduct, seededValues, sklearnSweep } from './reference-kernels.js';

const pad = (a: Float64Array, n: number, k: number, w: number, into: Float32Array) => {
  into.fill(0);
  for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) into[i * w + t] = a[i * k + t];
};

describe('engine kernels', () => {
  // Shapes that exercise every code path: k in each 4-lane group count (1–4 and the generic
  // path past 16), row counts that are and are not multiples of 4 or 8, sparse and dense X, wide
  // X (stored by columns: X·B scatters, Xᵀ·A gathers) and tall X (stored by rows: the reverse).
  const cases = [
    { rows: 9, cols: 13, k: 1, zeros: 0.7 },
    { rows: 12, cols: 40, k: 3, zeros: 0.1 },
    { rows: 7, cols: 4500, k: 8, zeros: 0.8 },
    { rows: 23, cols: 61, k: 10, zeros: 0.6 },
    { rows: 16, cols: 33, k: 13, zeros: 0.0 },
    { rows: 5, cols: 4100, k: 16, zeros: 0.2 },
    { rows: 6, cols: 21, k: 19, zeros: 0.55 },
    { rows: 61, cols: 23, k: 10, zeros: 0.6 },
    { rows: 4100, cols: 5, k: 2, zeros: 0.2 },
    { rows: 44, cols: 9, k: 14, zeros: 0.0 },
  ];
  for (const engine of [wasmEngine, jsEngine]) {
    for (const { rows, cols, k, zeros } of cases) {
      it(`${engine.name}: products and sweeps, ${rows}×${cols}, k=${k}, ${zeros * 100}% zeros`, async () => {
        const x = smallMatrix(rows, cols, rows * 31 + k, zeros);
        const w = paddedWidth(k);
        const s = await engine.prepare(x, rows, cols, 8 * (rows + cols) * w + 4 * w * w);
        expect(s.name).toMatch(zeros >= 0.5 ? /sparse/ : /dense/);
        const H = seededValues(cols * k, 1);
        const W = seededValues(rows * k, 2);
        const bufH = s.alloc(cols * w);
        const bufW = s.alloc(rows * w);
        const outR = s.alloc(rows * w);
        const outC = s.alloc(cols * w);
        pad(H, cols, k, w, bufH);
        pad(W, rows, k, w, bufW);
        await s.xTimes(bufH, outR, w);
        await s.xtTimes(bufW, outC, w);
        const xh = referenceProduct(x, rows, cols, H, k, false);
        const xtw = referenceProduct(x, rows, cols, W, k, true);
        let worst = 0;
        for (let i = 0; i < rows; i++) {
          for (let t = 0; t < w; t++) {
            const expected = t < k ? xh[i * k + t] : 0;
            worst = Math.max(
              worst,
              Math.abs(outR[i * w + t] - expected) / (1 + Math.abs(expected)),
            );
          }
        }
        for (let j = 0; j < cols; j++) {
          for (let t = 0; t < w; t++) {
            const expected = t < k ? xtw[j * k + t] : 0;
            worst = Math.max(
              worst,
              Math.abs(outC[j * w + t] - expected) / (1 + Math.abs(expected)),
            );
          }
        }
        expect(worst).toBeLessThan(1e-5);

        // A sweep of W against (HHᵀ, XHᵀ) equals scikit-learn's loop, and leaves WᵀW.
        const gram64 = new Float64Array(k * k);
        for (let j = 0; j < cols; j++)
          for (let r = 0; r < k; r++)
            for (let t = 0; t < k; t++) gram64[r * k + t] += H[j * k + r] * H[j * k + t];
        const gram = s.alloc(w * w);
        s.gram(bufH, cols, k, w, gram);
        let gramError = 0;
        for (let r = 0; r < k; r++)
          for (let t = 0; t < k; t++)
            gramError = Math.max(gramError, Math.abs(gram[r * w + t] / gram64[r * k + t] - 1));
        expect(gramError).toBeLessThan(1e-5);
        // Zero some entries so the "stays at zero" branch of the violation is exercised.
        for (let i = 0; i < W.length; i += 3) W[i] = 0;
        pad(W, rows, k, w, bufW);
        const reference = Float64Array.from(W);
        const cross64 = Float64Array.from(xh);
        const expectedViolation = sklearnSweep(
          reference,
          rows,
          Float64Array.from(gram, (_, i) => gram[Math.floor(i / k) * w + (i % k)]).subarray(
            0,
            k * k,
          ),
          cross64,
          k,
        );
        const wtw = s.alloc(w * w);
        const violation = s.sweep(bufW, rows, gram, outR, k, w, wtw);
        expect(violation / expectedViolation).toBeCloseTo(1, 4);
        const scale = Math.max(1e-12, ...reference);
        let sweepError = 0;
        for (let i = 0; i < rows; i++)
          for (let t = 0; t < k; t++)
            sweepError = Math.max(
              sweepError,
              Math.abs(bufW[i * w + t] - reference[i * k + t]) / scale,
            );
        expect(sweepError).toBeLessThan(1e-4);
        let wtwError = 0;
        for (let r = 0; r < w; r++) {
          for (let t = 0; t < w; t++) {
            let e = 0;
            if (r < k && t < k)
              for (let i = 0; i < rows; i++) e += bufW[i * w + r] * bufW[i * w + t];
            wtwError = Math.max(wtwError, Math.abs(wtw[r * w + t] - e) / (1 + Math.abs(e)));
          }
        }
        expect(wtwError).toBeLessThan(1e-4);
        s.dispose();
      });
    }
  }

  it('the js sweep skips factors whose Gram diagonal is zero', () => {
    const k = 2;
    const w = 4;
    const a = Float32Array.from([1, 2, 0, 0]);
    const gram = Float32Array.from([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const cross = Float32Array.from([5, 1, 0, 0]);
    jsSweep(a, 1, gram, cross, k, w, null);
    expect(a[0]).toBe(1); // hess 0: untouched
    expect(a[1]).toBe(1); // 2 − (2·1 − 1)/1
  });
});
