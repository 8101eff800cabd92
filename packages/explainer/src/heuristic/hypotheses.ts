import type { TokenView } from './record-view.js';
import { CLASS_NAMES, normalizeToken, TOKEN_CLASSES, type TokenClass } from './token-classes.js';

/** A candidate rule: which tokens it claims the factor fires on. */
export interface Hypothesis {
  kind: 'token' | 'class' | 'position';
  /** Stable id, e.g. `token:,`, `class:digit`, `every:3:2`. */
  id: string;
  /** How an explanation names it. */
  phrase: string;
  /** Indices into the token views that the rule matches. */
  matches: number[];
}

export interface HypothesisFit {
  hypothesis: Hypothesis;
  /** Share of the factor's mass on matched tokens, 0–1. */
  coverage: number;
  /** Share of matched tokens that are active, 0–1. */
  precision: number;
  /**
   * Pearson r between "matched" and the token values, ≥ 0: high only when the rule covers the
   * mass *and* skips the inactive tokens (so a rule matching everything scores 0).
   */
  fit: number;
}

const PUNCTUATION_NAMES: Record<string, string> = {
  ',': 'commas',
  '.': 'periods (full stops)',
  '-': 'hyphens (dashes)',
  ':': 'colons',
  ';': 'semicolons',
  '?': 'question marks',
  '!': 'exclamation marks',
  '(': 'opening parentheses',
  ')': 'closing parentheses',
  '"': 'quotation marks',
  "'": 'apostrophes',
};

/** How an explanation quotes a token: JSON-style double quotes, whitespace escaped. */
export function quoteToken(text: string): string {
  const core = text.trim() === '' ? text : text.trim();
  return JSON.stringify(core);
}

function ordinal(k: number): string {
  return k === 2 ? '2nd' : k === 3 ? '3rd' : `${k}th`;
}

/** Every rule worth testing on these tokens. */
export function candidateHypotheses(views: TokenView[], sequenceLength?: number): Hypothesis[] {
  const out: Hypothesis[] = [];
  const byText = new Map<string, number[]>();
  views.forEach((v, i) => {
    const key = normalizeToken(v.token.text);
    if (key === '') return;
    const list = byText.get(key) ?? [];
    list.push(i);
    byText.set(key, list);
  });
  for (const [text, matches] of byText) {
    if (!matches.some((i) => views[i]!.value > 0)) continue;
    const name = PUNCTUATION_NAMES[text];
    const quoted = quoteToken(text);
    out.push({
      kind: 'token',
      id: `token:${text}`,
      phrase: name ? `${name} (the token ${quoted})` : `the token ${quoted}`,
      matches,
    });
  }
  for (const cls of TOKEN_CLASSES) {
    const matches = indices(views, (v) => v.classes.has(cls));
    if (matches.length > 0) out.push(classHypothesis(cls, matches, views));
  }
  const split = indices(views, (v) => v.splitWord);
  if (split.length > 0) {
    out.push({
      kind: 'class',
      id: 'split-word',
      phrase: 'pieces of words split into several tokens (subwords)',
      matches: split,
    });
  }
  const nonFinal = indices(views, (v) => v.splitWordNonFinal);
  if (nonFinal.length > 0) {
    out.push({
      kind: 'class',
      id: 'split-word-non-final',
      // Worded to avoid the simulator's "subword"/"split into tokens" phrases, which mean other sets.
      phrase: 'unfinished pieces of longer words (a piece the next token continues)',
      matches: nonFinal,
    });
  }
  const final = indices(views, (v) => v.splitWordFinal);
  if (final.length > 0) {
    out.push({
      kind: 'class',
      id: 'split-word-final',
      phrase: 'the last pieces of longer words (a piece that completes the word before it)',
      matches: final,
    });
  }
  const lineStarts = indices(views, (v) => v.lineStart);
  if (lineStarts.length > 0) {
    out.push({
      kind: 'position',
      id: 'line-start',
      phrase: 'the first token of each line (line starts)',
      matches: lineStarts,
    });
  }
  const first = indices(views, (v) => v.position === 0);
  if (first.length > 0)
    out.push({
      kind: 'position',
      id: 'first',
      phrase: 'the first token of the text',
      matches: first,
    });
  if (sequenceLength !== undefined) {
    const last = indices(views, (v) => v.position === sequenceLength - 1);
    if (last.length > 0)
      out.push({
        kind: 'position',
        id: 'last',
        phrase: 'the last token of the text',
        matches: last,
      });
  }
  if (views.every((v) => v.position !== undefined)) {
    for (let k = 2; k <= 8; k++) {
      for (let o = 0; o < k; o++) {
        const matches = indices(views, (v) => v.position! % k === o);
        // Too few hits say nothing about a period.
        if (matches.filter((i) => views[i]!.value > 0).length < 3) continue;
        const examples = matches.slice(0, 3).map((i) => views[i]!.position);
        out.push({
          kind: 'position',
          id: `every:${k}:${o}`,
          phrase: `every ${ordinal(k)} position (positions ${examples.join(', ')}, …)`,
          matches,
        });
      }
    }
  }
  return out;
}

function classHypothesis(cls: TokenClass, matches: number[], views: TokenView[]): Hypothesis {
  let phrase = CLASS_NAMES[cls];
  if (cls === 'special') {
    const names = [...new Set(matches.map((i) => views[i]!.token.text.trim()))].slice(0, 4);
    phrase = `special tokens (${names.join(', ')})`;
  }
  return { kind: 'class', id: `class:${cls}`, phrase, matches };
}

function indices(views: TokenView[], test: (v: TokenView) => boolean): number[] {
  const out: number[] = [];
  views.forEach((v, i) => {
    if (test(v)) out.push(i);
  });
  return out;
}

/** How well a set of matched tokens accounts for the factor on these tokens. */
export function fitMatches(
  views: TokenView[],
  matches: Iterable<number>,
): Omit<HypothesisFit, 'hypothesis'> {
  let total = 0;
  for (const v of views) total += v.value;
  let mass = 0;
  let active = 0;
  let count = 0;
  for (const i of matches) {
    count++;
    mass += views[i]!.value;
    if (views[i]!.value > 0) active++;
  }
  const coverage = total > 0 ? mass / total : 0;
  const precision = count > 0 ? active / count : 0;
  return { coverage, precision, fit: pointBiserial(views.length, count, mass, views) };
}

/** Pearson r between a 0/1 indicator (count ones holding `mass`) and the values. */
function pointBiserial(n: number, count: number, mass: number, views: TokenView[]): number {
  if (count === 0 || count === n) return 0;
  let sum = 0;
  let sumSq = 0;
  for (const v of views) {
    sum += v.value;
    sumSq += v.value * v.value;
  }
  const varY = sumSq / n - (sum / n) ** 2;
  if (varY <= 0) return 0;
  const p = count / n;
  const meanIn = mass / count;
  const meanOut = (sum - mass) / (n - count);
  const r = ((meanIn - meanOut) * Math.sqrt(p * (1 - p))) / Math.sqrt(varY);
  return Math.max(0, r);
}

export function fitHypothesis(views: TokenView[], hypothesis: Hypothesis): HypothesisFit {
  return { hypothesis, ...fitMatches(views, hypothesis.matches) };
}
