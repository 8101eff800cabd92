import {
  type Factorization,
  makeTokens,
  seededRandom,
  type TokenizerFamily,
} from '@explainable-ecco/core';

export type SyntheticRule = 'digits' | 'commas' | 'special' | 'line-start' | 'word' | 'every-third';
export const SYNTHETIC_RULES: SyntheticRule[] = [
  'digits',
  'commas',
  'special',
  'line-start',
  'word',
  'every-third',
];

const WORDS = [
  'river',
  'stone',
  'light',
  'garden',
  'window',
  'market',
  'silver',
  'morning',
  'quiet',
  'paper',
  'the',
  'a',
  'of',
  'and',
  'to',
  'in',
  'was',
  'he',
  'she',
  'they',
  'walked',
  'over',
  'under',
  'green',
  'old',
  'small',
  'city',
  'road',
  'table',
  'bread',
  'music',
  'letter',
  'winter',
];
const TARGET_WORDS = ['river', 'garden', 'silver', 'bread', 'letter', 'music'];

export interface SyntheticCase {
  rule: SyntheticRule;
  factorization: Factorization;
  /** The chosen word for the `word` rule, the offset for `every-third`. */
  word?: string;
  offset?: number;
}

/**
 * A text with a factor that follows a known rule: matching tokens get high values, a few
 * others get low "confuser" values, the rest tiny noise (active at the 0.01 mask, level 0).
 */
export function syntheticCase(rule: SyntheticRule, seed: number): SyntheticCase {
  const rand = seededRandom(seed * 101 + 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const family: TokenizerFamily =
    rule === 'special'
      ? 'wordpiece'
      : rule === 'line-start'
        ? 'byte-bpe'
        : pick(['wordpiece', 'byte-bpe'] as const);
  const length = 40 + Math.floor(rand() * 30);
  const word = pick(TARGET_WORDS);
  const pieces: string[] = [];
  if (family === 'wordpiece') pieces.push('[CLS]');
  for (let i = pieces.length; i < length; i++) {
    const r = rand();
    let text: string;
    if (r < 0.12) text = String(Math.floor(rand() * 100));
    else if (r < 0.22) text = ',';
    else if (r < 0.28) text = '.';
    else if (r < 0.34 && family === 'byte-bpe') text = '\n';
    else if (r < 0.38 && family === 'wordpiece') text = '##ing';
    else text = pick(WORDS);
    if (rule === 'word' && r > 0.9) text = word;
    pieces.push(text);
  }
  if (rule === 'word' && !pieces.includes(word)) pieces[5] = word;
  if (family === 'wordpiece') {
    pieces[Math.floor(length / 2)] = '[SEP]';
    pieces.push('[SEP]');
  }
  const raw =
    family === 'byte-bpe'
      ? pieces.map((p, i) => (p === '\n' ? 'Ċ' : /^[a-z]/.test(p) && i > 0 ? `Ġ${p}` : p))
      : pieces;
  const tokens = makeTokens(
    raw.map((text) => ({ text })),
    family,
  );
  const offset = Math.floor(rand() * 3);
  const matches = (i: number): boolean => {
    const t = tokens[i]!;
    const core = t.display.trim();
    switch (rule) {
      case 'digits':
        return /^\d+$/.test(core);
      case 'commas':
        return core === ',';
      case 'special':
        return t.kind === 'special';
      case 'line-start':
        return i > 0 && tokens[i - 1]!.display.endsWith('\n') && core !== '';
      case 'word':
        return core === word;
      case 'every-third':
        return i % 3 === offset;
    }
  };
  const scale = 0.5 + rand() * 2;
  const values = tokens.map((_, i) => {
    if (matches(i)) return scale * (0.55 + 0.45 * rand());
    const r = rand();
    if (r < 0.06) return scale * (0.1 + 0.2 * rand()); // confusers: levels 1–2
    if (r < 0.4) return scale * 0.08 * rand(); // noise: level 0
    return 0;
  });
  return {
    rule,
    factorization: { tokens, factors: [values], tokenizerFamily: family },
    ...(rule === 'word' ? { word } : {}),
    ...(rule === 'every-third' ? { offset } : {}),
  };
}
