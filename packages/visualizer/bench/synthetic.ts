import { type Factorization, makeTokens, seededRandom } from '@explainable-ecco/core';

const WORDS = ['the', 'model', 'factor', 'of', 'neurons', 'reads', 'text', 'and', 'writes', 'a'];

/**
 * A GPT-2-style factorization of `n` tokens × `k` factors with NMF-like values: mostly small,
 * each factor firing strongly on a few percent of tokens.
 */
export function syntheticFactorization(n: number, k: number, seed = 1): Factorization {
  const rand = seededRandom(seed);
  const pieces = Array.from({ length: n }, (_, i) => {
    const word = WORDS[Math.floor(rand() * WORDS.length)]!;
    const text = i > 0 && rand() < 0.8 ? `Ġ${word}` : word;
    return { text, kind: i >= n * 0.9 ? ('output' as const) : ('input' as const) };
  });
  const factors = Array.from({ length: k }, () =>
    Array.from({ length: n }, () => {
      const r = rand();
      return r < 0.04 ? 0.5 + rand() : r < 0.4 ? rand() * 0.2 : 0;
    }),
  );
  return { tokens: makeTokens(pieces, 'byte-bpe'), factors, tokenizerFamily: 'byte-bpe' };
}
