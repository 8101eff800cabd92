import {
  detectTokenizerFamily,
  type Factorization,
  type Token,
  type TokenizerFamily,
} from '@explainable-ecco/core';
import {
  isSpecial,
  layoutToken,
  piecesCarrySpaces,
  type TokenLayout,
  tokenDisplays,
} from './token-display.js';

/** One factor, ready to draw. */
export interface FactorView {
  index: number;
  /** Largest value over the sequence (0 when the factor is silent). */
  max: number;
  /** Position of that largest value. */
  peak: number;
  /** value / max per position, clipped to [0, 1]: the intensity the view draws. */
  intensity: Float32Array;
  /** Fraction of the factor's loading mass per layer, when the data has it. */
  layerShare?: readonly number[];
}

/** One token, ready to draw. */
export interface TokenView extends TokenLayout {
  token: Token;
  /** Factor with the largest value here, or -1 when every factor is 0. */
  dominant: number;
}

/** Everything the element draws, derived once per `data`. */
export interface ExplorerModel {
  factorization: Factorization;
  tokenizerFamily: TokenizerFamily;
  tokens: TokenView[];
  factors: FactorView[];
  /** Labels for layer-share columns (model layer numbers), when known. */
  layers?: readonly number[];
}

function factorView(
  values: ArrayLike<number>,
  index: number,
  share?: readonly number[],
): FactorView {
  let max = 0;
  let peak = 0;
  for (let p = 0; p < values.length; p++) {
    if (values[p]! > max) {
      max = values[p]!;
      peak = p;
    }
  }
  const intensity = new Float32Array(values.length);
  // A silent factor keeps zero intensity everywhere rather than dividing by zero.
  if (max > 0) for (let p = 0; p < values.length; p++) intensity[p] = Math.max(0, values[p]! / max);
  const view: FactorView = { index, max, peak, intensity };
  if (share) view.layerShare = share;
  return view;
}

/**
 * Derives the drawing model. The dominant factor at a token is the one with the largest raw
 * value there (ecco's choice); intensity is always relative to that factor's own maximum, so a
 * token looks the same in the dominant view and in the factor's own view.
 */
export function buildModel(f: Factorization, familyOverride?: TokenizerFamily): ExplorerModel {
  const n = f.tokens.length;
  const k = f.factors.length;
  const shares =
    Array.isArray(f.layerShare) && f.layerShare.length === k ? f.layerShare : undefined;
  const factors = f.factors.map((row, i) => factorView(row, i, shares?.[i]));

  const family =
    familyOverride ??
    f.tokenizerFamily ??
    detectTokenizerFamily(f.tokens.map((t) => String(t.text)));
  const shown = tokenDisplays(f.tokens, familyOverride, family);
  const carriesSpaces = piecesCarrySpaces(
    family,
    shown.map((s) => s.display),
  );
  const tokens: TokenView[] = new Array(n);
  let previousSpecial = false;
  for (let p = 0; p < n; p++) {
    const token = f.tokens[p]!;
    const special = isSpecial(token);
    const layout = layoutToken(shown[p]!.display, {
      index: p,
      continuesWord: shown[p]!.continuesWord,
      carriesSpaces,
      special,
      previousSpecial,
      characterTail: shown[p]!.display === '' && String(token.text ?? '') !== '',
    });
    previousSpecial = special;
    let dominant = -1;
    let best = 0;
    for (let i = 0; i < k; i++) {
      const v = f.factors[i]![p]!;
      if (v > best) {
        best = v;
        dominant = i;
      }
    }
    tokens[p] = { ...layout, token, dominant };
  }
  const model: ExplorerModel = { factorization: f, tokenizerFamily: family, tokens, factors };
  if (shares && Array.isArray(f.layers)) model.layers = f.layers;
  return model;
}

/** Every factor's raw value at one position, in factor order. */
export function valuesAt(f: Factorization, position: number): number[] {
  return f.factors.map((row) => row[position]!);
}
