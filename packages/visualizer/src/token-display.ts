import {
  displayPieces,
  isSpecialTokenText,
  type Token,
  type TokenizerFamily,
} from '@explainable-ecco/core';

/** How one token is laid out in the text view. */
export interface TokenLayout {
  /** What the token shows; whitespace that would be invisible is drawn as a symbol. */
  text: string;
  /** A word gap (a real space, so lines can wrap there) goes before the token. */
  gapBefore: boolean;
  /** The token ends a line (its text held a newline). */
  breakAfter: boolean;
  /** The visible text is a stand-in symbol, not the token's own characters. */
  symbolic: boolean;
}

const WHITESPACE_SYMBOL: Record<string, string> = { ' ': '␣', '\t': '→', '\n': '↵', '\r': '' };

/**
 * Whitespace a reader could not see or hover drawn as symbols: every character of an
 * all-whitespace token, and tabs and newlines anywhere (spaces inside words stay spaces).
 */
function showWhitespace(text: string): string {
  const all = text.trim() === '';
  let out = '';
  for (const ch of text) out += all || ch !== ' ' ? (WHITESPACE_SYMBOL[ch] ?? ch) : ch;
  return out;
}

/**
 * The display strings and word joining of a sequence's tokens. Tokens built by core already carry
 * them; otherwise (the caller names the tokenizer family, or hand-made tokens lack `display`)
 * they are derived from the raw pieces of the whole sequence at once, so a character whose UTF-8
 * bytes are split over several pieces still shows whole.
 */
export function tokenDisplays(
  tokens: readonly Token[],
  override: TokenizerFamily | undefined,
  family: TokenizerFamily,
): { display: string; continuesWord: boolean }[] {
  const derived =
    override || tokens.some((t) => typeof t.display !== 'string')
      ? displayPieces(
          tokens.map((t) => String(t.text ?? '')),
          override ?? family,
        )
      : undefined;
  return tokens.map((token, i) =>
    !override && typeof token.display === 'string'
      ? { display: token.display, continuesWord: token.continuesWord === true }
      : derived![i]!,
  );
}

/**
 * True when the pieces carry their own spaces (byte-level BPE, SentencePiece, or decoded plain
 * text), so a word gap is a leading space; otherwise (WordPiece, bare words) every piece that
 * does not continue a word gets one.
 */
export function piecesCarrySpaces(family: TokenizerFamily, displays: readonly string[]): boolean {
  if (family === 'byte-bpe' || family === 'sentencepiece') return true;
  if (family === 'wordpiece') return false;
  return displays.some((d, i) => i > 0 && /^\s/u.test(d));
}

/**
 * Lays out a token. A leading space becomes a word gap, so the highlight covers the word and not
 * the space before it; pieces that continue a word (`##ing`) sit flush against the previous
 * one; special tokens always stand apart.
 */
export function layoutToken(
  display: string,
  options: {
    index: number;
    continuesWord: boolean;
    carriesSpaces: boolean;
    special: boolean;
    previousSpecial: boolean;
    /**
     * The piece holds only the trailing bytes of a character shown whole on an earlier piece
     * (its display is empty but its raw text is not).
     */
    characterTail?: boolean;
  },
): TokenLayout {
  const { index } = options;
  let text = display;
  let gapBefore: boolean;
  if (/^ \S/u.test(text)) {
    text = text.slice(1);
    gapBefore = index > 0;
  } else if (options.carriesSpaces || /^\s/u.test(text)) {
    gapBefore = false;
  } else {
    gapBefore = index > 0 && !options.continuesWord;
  }
  if (index > 0 && (options.special || options.previousSpecial)) gapBefore = true;
  const breakAfter = /\n$/u.test(text);
  let shown = showWhitespace(breakAfter ? text.replace(/\r?\n$/u, '') : text);
  if (breakAfter) shown += '↵';
  let symbolic = text.length > 0 && text.trim() === '';
  if (options.characterTail && text === '') {
    // Still a hoverable cell, flush against the character it completes.
    gapBefore = false;
    shown = '◌';
    symbolic = true;
  } else if (shown === '') {
    shown = '∅';
    symbolic = true;
  }
  return { text: shown, gapBefore, breakAfter, symbolic };
}

/** True when the token is one a tokenizer adds ([CLS], <|endoftext|>, …). */
export function isSpecial(token: Token): boolean {
  return token.kind === 'special' || isSpecialTokenText(String(token.text ?? ''));
}
