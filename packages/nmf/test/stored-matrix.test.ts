import { describe, expect, it } from 'vitest';
import {
  countNonZeros,
  csrOf,
  denseRowsOf,
  orientationOf,
  plainAllocator,
  rowCountsOf,
} from '../src/engine/stored-matrix.js';
import { smallMatrix } from './fixtures.js';

describe('stored orientation of X', () => {
  // −0 and subnormals are where a bit-level zero test could go wrong.
  const special = [0, -0, 1e-45, 2 ** -126, 1e-40, 3.4e38, 1];

  for (const [rows, cols] of [
    [7, 1300],
    [1300, 7],
    [9, 9],
  ]) {
    it(`${rows}×${cols}: counts, CSR and dense rows of M equal X read the stated way`, () => {
      const x = smallMatrix(rows, cols, rows * cols, 0.5);
      special.forEach((v, i) => {
        x[(i * 7919) % x.length] = v;
      });
      const shape = orientationOf(rows, cols);
      expect(shape.transposed).toBe(rows <= cols);
      expect([shape.n, shape.m]).toEqual(shape.transposed ? [cols, rows] : [rows, cols]);
      const at = (r: number, c: number) => (shape.transposed ? x[c * cols + r] : x[r * cols + c]);
      let expectedNnz = 0;
      for (const v of x) if (v !== 0) expectedNnz++;
      expect(countNonZeros(x)).toBe(expectedNnz);
      const { counts, nnz } = rowCountsOf(x, rows, cols, shape);
      expect(nnz).toBe(expectedNnz);
      const csr = csrOf(x, rows, cols, shape, counts, plainAllocator);
      expect(csr.rowPtr[shape.n]).toBe(expectedNnz);
      const dense = denseRowsOf(x, rows, cols, shape, new Float32Array(rows * cols));
      for (let r = 0; r < shape.n; r++) {
        const expectedRow: [number, number][] = [];
        for (let c = 0; c < shape.m; c++) {
          if (at(r, c) !== 0) expectedRow.push([c, at(r, c)]);
          expect(dense[r * shape.m + c]).toBe(at(r, c));
        }
        expect(counts[r]).toBe(expectedRow.length);
        const got: [number, number][] = [];
        for (let p = csr.rowPtr[r]; p < csr.rowPtr[r + 1]; p++)
          got.push([csr.colIdx[p], csr.vals[p]]);
        expect(got).toEqual(expectedRow);
      }
    });
  }
});
