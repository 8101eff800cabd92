import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/index.js';

describe('seededRandom', () => {
  it('is mulberry32: the reference sequence for seed 0', () => {
    const next = seededRandom(0);
    expect([next(), next(), next()]).toEqual([
      0.26642920868471265, 0.0003297457005828619, 0.2232720274478197,
    ]);
  });

  it('repeats for a seed, differs between seeds, and stays in [0, 1)', () => {
    const draw = (seed: number) => {
      const next = seededRandom(seed);
      return Array.from({ length: 10_000 }, () => next());
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });
});
