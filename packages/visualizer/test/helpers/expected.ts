import { type EccoJson, fromEccoJson } from '@explainable-ecco/core';
import { ECCO_BERT_NMF8, readSharedJson } from '@explainable-ecco/test-kit';
import { OKABE_ITO_PALETTE } from '../../src/palette.js';

/** What the fixture should look like, computed independently of the element's code. */
export function expectedFromFixture() {
  const raw = readSharedJson<EccoJson>(ECCO_BERT_NMF8);
  const factors = raw.factors[0]!;
  const k = factors.length;
  const n = raw.tokens.length;
  const max = factors.map((row) => Math.max(...row));
  const dominant = Array.from({ length: n }, (_, p) => {
    let best = -1;
    let value = 0;
    for (let f = 0; f < k; f++) {
      if (factors[f]![p]! > value) {
        value = factors[f]![p]!;
        best = f;
      }
    }
    return best;
  });
  return { raw, factors, k, n, max, dominant, factorization: fromEccoJson(raw) };
}

export function hexRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

export function paletteRgb(factor: number): [number, number, number] {
  return hexRgb(OKABE_ITO_PALETTE[factor % OKABE_ITO_PALETTE.length]!);
}

/** How the element prints a value: three decimals, tiny non-zero values in exponent form. */
export function shownValue(v: number): string {
  return v !== 0 && Math.abs(v) < 0.001 ? v.toExponential(1) : v.toFixed(3);
}
