import { describe, expect, it } from 'vitest';
import { jaccard, shingles } from '../src/index.js';

describe('near-duplicate measure', () => {
  it('ignores case and punctuation and shares most shingles between small edits', () => {
    const a = shingles('The factor fires on "the" after a full stop.');
    const b = shingles('the factor fires on the after a full stop!');
    expect(jaccard(a, b)).toBe(1);
    const c = shingles('The factor fires on "the" after a comma.');
    expect(jaccard(a, c)).toBeGreaterThan(0.5);
    expect(jaccard(a, c)).toBeLessThan(1);
  });

  it('scores unrelated texts near zero and short texts by their words', () => {
    expect(
      jaccard(shingles('brackets in code close here'), shingles('rain falls on the plain')),
    ).toBe(0);
    expect([...shingles('Hello world')]).toEqual(['hello world']);
    expect(jaccard(shingles(''), shingles('...'))).toBe(1);
  });

  it('counts shared shingles over the union', () => {
    // {a b c, b c d, c d e} vs {a b c, b c d, c d f}: 2 shared of 4 distinct.
    expect(jaccard(shingles('a b c d e'), shingles('a b c d f'))).toBe(0.5);
  });
});
