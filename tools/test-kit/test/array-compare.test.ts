import { describe, expect, it } from 'vitest';
import { maxAbs, maxAbsDiff, pearson } from '../src/index.js';

describe('array comparisons', () => {
  it('maxAbsDiff is the largest elementwise gap, and Infinity for different lengths', () => {
    expect(maxAbsDiff([1, 2, 3], Float32Array.from([1, 2.5, 1]))).toBe(2);
    expect(maxAbsDiff([], [])).toBe(0);
    expect(maxAbsDiff([1, 2], [1, 2, 3])).toBe(Number.POSITIVE_INFINITY);
  });

  it('maxAbs is the largest magnitude', () => {
    expect(maxAbs([0.5, -3, 2])).toBe(3);
    expect(maxAbs([])).toBe(0);
  });

  it('pearson is 1 for a positive affine copy, −1 for a negative one, NaN for a constant', () => {
    const a = [1, 4, 2, 8, 5];
    expect(
      pearson(
        a,
        a.map((v) => 3 * v + 1),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      pearson(
        a,
        a.map((v) => -2 * v),
      ),
    ).toBeCloseTo(-1, 12);
    // Hand-computed: x = 1..4, y = 1,3,2,4 → r = 0.8.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(() => pearson([1, 2], [1])).toThrow(/different lengths/);
  });
});
