import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './record-text.js';

const WORD = /[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/uy;
const SYMBOL = /[\p{P}\p{S}]/uy;

/** Folds plural and simple inflections so "digits" meets "digit" (no full stemmer: terms are short). */
function fold(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !/\d/.test(word)) {
    return word.slice(0, -1);
  }
  return word;
}

/**
 * The terms lexical search sees: lower-cased words (a hyphenated tag such as
 * `active-closing-bracket` counts whole and by its parts) and every punctuation or symbol character on its own,
 * because in code and markup a `)` or `<` is often exactly what a factor responds to.
 */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  let i = 0;
  while (i < text.length) {
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word) {
      const lower = word[0].toLowerCase();
      terms.push(fold(lower));
      // Tags like `active-closing-bracket` also match free text that says "closing bracket".
      if (lower.includes('-')) for (const part of lower.split('-')) terms.push(fold(part));
      i = WORD.lastIndex;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    SYMBOL.lastIndex = i;
    if (SYMBOL.test(text) && ch !== HIGHLIGHT_OPEN && ch !== HIGHLIGHT_CLOSE) terms.push(ch);
    i += ch.length;
  }
  return terms;
}
