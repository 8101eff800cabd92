import { type Factorization, makeTokens } from '@explainable-ecco/core';

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['the', 'model', 'factor', 'of', 'neurons', 'reads', 'text', 'and', 'writes', 'a'];

/**
 * A GPT-2-style factorization of `n` tokens × `k` factors with NMF-like values: mostly small,
 * each factor firing strongly on a few percent of tokens.
 */
export function syntheticFactorization(n: number, k: number, seed = 1): Factorization {
  const rand = random(seed);
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
