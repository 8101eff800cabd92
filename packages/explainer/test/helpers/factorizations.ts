import { type Factorization, makeTokens } from '@explainable-ecco/core';

/**
 * `k` factors over a short plain text where factor i fires only on the word `wI`, so a request
 * shows which factor it is about.
 */
export function markerFactorization(k: number): Factorization {
  const pieces: string[] = [];
  for (let i = 0; i < k; i++) pieces.push('the', `w${i}`, 'and');
  const tokens = makeTokens(
    pieces.map((text) => ({ text })),
    'plain',
  );
  const factors = Array.from({ length: k }, (_, i) =>
    tokens.map((t) => (t.text === `w${i}` ? 1 : 0)),
  );
  return { tokens, factors, tokenizerFamily: 'plain' };
}
