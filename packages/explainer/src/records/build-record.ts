import {
  detectTokenizerFamily,
  EccoError,
  type Factorization,
  type FactorRecord,
  type RecordToken,
  type Token,
  type TokenizerFamily,
} from '@explainable-ecco/core';
import { discretize, maxPositive } from './discretize.js';
import { activeMask, DEFAULT_MASK, type MaskStrategy } from './masking.js';
import { type Range, selectWindows } from './windows.js';

export interface RecordOptions {
  /** Which tokens count as active (default: absolute 0.01, as the prototype). */
  mask?: MaskStrategy;
  /** Tokens kept on each side of a peak (default 8). */
  radius?: number;
  /** At most this many excerpts (default 4). */
  maxWindows?: number;
  /** Texts up to this many tokens are shown whole instead of in windows (default 64). */
  wholeTextUpTo?: number;
}

/**
 * The 0–10 values of one factor, what records and scores share: inactive tokens are 0, and
 * every active token is at least 1 — floor(10·v/max) alone would give a token the mask keeps
 * but below a tenth of the max level 0, and records would show it as inactive.
 */
export function maskedLevels(
  values: ArrayLike<number>,
  mask: MaskStrategy = DEFAULT_MASK,
): number[] {
  const levels = discretize(values);
  const active = activeMask(values, mask);
  return levels.map((v, i) => (active[i] && values[i]! > 0 ? Math.max(1, v) : 0));
}

/**
 * The windows a record of this factor shows. A text longer than `wholeTextUpTo` shows windows
 * around its strongest values. A shorter one that still has room for two scoring windows
 * (2·(2·radius + 1) tokens, 34 by default) is cut in two halves: the record shows the half
 * with more of the factor's activation (the first on a tie) and the other half is left for
 * scoring, so scores stay held out. Shorter texts are shown whole.
 */
export function recordWindows(values: ArrayLike<number>, options: RecordOptions = {}): Range[] {
  const levels = maskedLevels(values, options.mask);
  const n = values.length;
  if (n <= (options.wholeTextUpTo ?? 64)) {
    const size = 2 * (options.radius ?? 8) + 1;
    if (n < 2 * size) return [[0, n]];
    const half = Math.ceil(n / 2);
    let first = 0;
    let second = 0;
    for (let i = 0; i < n; i++) {
      if (i < half) first += levels[i]!;
      else second += levels[i]!;
    }
    return second > first ? [[half, n]] : [[0, half]];
  }
  const windows = selectWindows(levels, { radius: options.radius, maxWindows: options.maxWindows });
  // A factor silent everywhere still gets an excerpt, so the explainer sees the text.
  return windows.length > 0
    ? windows
    : [[0, Math.min(values.length, 2 * (options.radius ?? 8) + 1)]];
}

/** Record tokens for positions [start, end) with the given 0–10 levels. */
export function recordTokens(
  tokens: ReadonlyArray<Token>,
  levels: ReadonlyArray<number>,
  [start, end]: Range,
): RecordToken[] {
  const out: RecordToken[] = [];
  for (let p = start; p < end; p++) {
    const t = tokens[p]!;
    out.push({
      text: t.display ?? t.text,
      value: levels[p]!,
      position: p,
      // The first token of an excerpt reads as a word start even if the tokenizer continued.
      continuesWord: p > start && t.continuesWord === true,
    });
  }
  return out;
}

function checkFactor(f: Factorization, factor: number): void {
  if (!Number.isInteger(factor) || factor < 0 || factor >= f.factors.length) {
    throw new EccoError('INVALID_ARGUMENT', `Factor ${factor} does not exist.`, {
      hint: `Use an index from 0 to ${f.factors.length - 1}.`,
      details: { factor, factors: f.factors.length },
    });
  }
}

export function familyOf(f: Factorization): TokenizerFamily {
  return f.tokenizerFamily ?? detectTokenizerFamily(f.tokens.map((t) => t.text));
}

/**
 * The compact record of one factor: excerpts around its strongest tokens, every token with
 * its value on the factor's 0–10 scale (inactive tokens 0), display text already joined by
 * the tokenizer's conventions. Expects a validated factorization.
 */
export function buildRecord(
  f: Factorization,
  factor: number,
  options: RecordOptions = {},
): FactorRecord {
  checkFactor(f, factor);
  const values = f.factors[factor]!;
  const levels = maskedLevels(values, options.mask);
  const windows = recordWindows(values, options);
  const tokens: RecordToken[] = [];
  const ranges: Array<[number, number]> = [];
  for (const w of windows) {
    const start = tokens.length;
    tokens.push(...recordTokens(f.tokens, levels, w));
    ranges.push([start, tokens.length]);
  }
  return {
    tokens,
    windows: ranges,
    tokenizerFamily: familyOf(f),
    maxActivation: maxPositive(values),
  };
}

/** The positions of the source sequence a record shows. */
export function shownRanges(record: FactorRecord): Range[] {
  const windows = record.windows ?? [[0, record.tokens.length]];
  const out: Range[] = [];
  for (const [s, e] of windows) {
    const first = record.tokens[s]?.position;
    const last = record.tokens[e - 1]?.position;
    if (first !== undefined && last !== undefined) out.push([first, last + 1]);
  }
  return out;
}
