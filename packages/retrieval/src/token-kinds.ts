import type { RecordToken } from '@explainable-ecco/core';
import { isSpecialTokenText } from '@explainable-ecco/core';

/**
 * Coarse classes of a token, named with the words people use in explanations ("digit",
 * "closing-bracket", "line-start"), so lexical search can match a record to an explanation.
 */
export type TokenKind =
  | 'special-token'
  | 'newline'
  | 'whitespace'
  | 'digit'
  | 'opening-bracket'
  | 'closing-bracket'
  | 'angle-bracket'
  | 'quote'
  | 'comma'
  | 'period'
  | 'colon'
  | 'punctuation'
  | 'operator'
  | 'keyword'
  | 'function-word'
  | 'capitalised'
  | 'uppercase'
  | 'word'
  | 'subword'
  | 'symbol'
  | 'line-start'
  | 'first-position';

const FUNCTION_WORDS = new Set(
  'the a an of to in and or is was are were be been for on with as at by it its that this these those from but not he she they we you i his her their our your my me him them us'.split(
    ' ',
  ),
);

// Keywords shared by the common programming languages; a code signal, not a parser.
const KEYWORDS = new Set(
  'def return if elif else for while function const let var class import from export int void char float double struct include define public private static new this self none null true false lambda async await yield try except catch finally throw raise fn pub use match switch case break continue typeof package func'.split(
    ' ',
  ),
);

/** Kinds of one token judged from its own text (no neighbours). */
export function tokenTextKinds(token: RecordToken): TokenKind[] {
  const text = token.text;
  if (isSpecialTokenText(text.trim())) return ['special-token'];
  const kinds: TokenKind[] = [];
  if (token.continuesWord) kinds.push('subword');
  if (text.includes('\n')) {
    kinds.push('newline');
    return kinds;
  }
  const core = text.trim();
  if (core === '') {
    kinds.push('whitespace');
    return kinds;
  }
  if (/^\p{N}+$/u.test(core)) kinds.push('digit');
  else if (/^[([{]+$/.test(core)) kinds.push('opening-bracket');
  else if (/^[)\]}]+[;,:]?$/.test(core)) kinds.push('closing-bracket');
  else if (/^<\/?$|^\/?>$|^<\/?[A-Za-z]/.test(core)) kinds.push('angle-bracket');
  else if (/^["'`“”‘’«»]+$/.test(core)) kinds.push('quote');
  else if (core === ',') kinds.push('comma', 'punctuation');
  else if (/^[.!?…]+$/.test(core)) kinds.push('period', 'punctuation');
  else if (/^[:;]$/.test(core)) kinds.push('colon', 'punctuation');
  else if (/^[=+\-*/%<>!&|^~]+$/.test(core)) kinds.push('operator');
  else if (/^\p{P}+$/u.test(core)) kinds.push('punctuation');
  else if (/^\p{S}+$/u.test(core)) kinds.push('symbol');
  else if (/^\p{L}/u.test(core)) {
    const lower = core.toLowerCase();
    if (KEYWORDS.has(lower)) kinds.push('keyword');
    if (!token.continuesWord && FUNCTION_WORDS.has(lower)) kinds.push('function-word');
    if (/^\p{Lu}[\p{Lu}\p{N}_]+$/u.test(core)) kinds.push('uppercase');
    else if (/^\p{Lu}/u.test(core)) kinds.push('capitalised');
    else kinds.push('word');
  }
  return kinds;
}

/**
 * Kinds of every token of a record, including those that depend on where the token stands:
 * the first token of each window and the first visible token after a newline.
 */
export function recordTokenKinds(
  tokens: readonly RecordToken[],
  windows: ReadonlyArray<readonly [number, number]>,
): TokenKind[][] {
  const kinds = tokens.map(tokenTextKinds);
  for (const [start, end] of windows) {
    kinds[start]!.push('first-position');
    let afterNewline = false;
    for (let i = start; i < end; i++) {
      const k = kinds[i]!;
      if (k.includes('newline')) {
        afterNewline = true;
        continue;
      }
      if (afterNewline && !k.includes('whitespace')) {
        k.push('line-start');
        afterNewline = false;
      }
    }
  }
  return kinds;
}
