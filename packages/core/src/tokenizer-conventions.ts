import type { Token, TokenKind } from './token.js';

/**
 * How a tokenizer marks word boundaries:
 * - `wordpiece`: BERT family; continuation pieces start with `##`.
 * - `byte-bpe`: GPT-2 family; a piece that starts a word carries a leading `Ġ` (space) and `Ċ` is a newline.
 * - `sentencepiece`: Llama/T5 family; a piece that starts a word carries a leading `▁`.
 * - `plain`: the text is already readable (or the convention is unknown).
 */
export type TokenizerFamily = 'wordpiece' | 'byte-bpe' | 'sentencepiece' | 'plain';

export const TOKENIZER_FAMILIES: readonly TokenizerFamily[] = [
  'wordpiece',
  'byte-bpe',
  'sentencepiece',
  'plain',
];

const SPECIAL_TOKEN =
  /^(\[(CLS|SEP|PAD|MASK|UNK|BOS|EOS)\]|<\|[^|<>]{1,40}\|>|<\/?s>|<(pad|unk|mask|bos|eos)>)$/i;

/** True for the tokens a tokenizer adds around text ([CLS], [SEP], <|endoftext|>, <s>, </s>, <pad>, …). */
export function isSpecialTokenText(text: string): boolean {
  return SPECIAL_TOKEN.test(text);
}

/** Guesses the convention from the pieces themselves (used when data comes without metadata). */
export function detectTokenizerFamily(pieces: readonly string[]): TokenizerFamily {
  let hashes = 0;
  let ggs = 0;
  let bars = 0;
  for (const p of pieces) {
    if (p.startsWith('##') && p.length > 2) hashes++;
    if (p.startsWith('Ġ') || p.startsWith('Ċ')) ggs++;
    if (p.startsWith('▁')) bars++;
  }
  const best = Math.max(hashes, ggs, bars);
  if (best === 0) {
    // Lower-cased words with [CLS]/[SEP] and no markers are still WordPiece (no subwords split).
    return pieces.some((p) => p === '[CLS]' || p === '[SEP]') ? 'wordpiece' : 'plain';
  }
  if (best === bars) return 'sentencepiece';
  if (best === ggs) return 'byte-bpe';
  return 'wordpiece';
}

// GPT-2's byte-level alphabet maps bytes that are not printable to code points 256+.
// Reversing it turns pieces such as `Ċ` or `âĢĻ` back into text.
let byteDecoder: Map<string, number> | undefined;
function getByteDecoder(): Map<string, number> {
  if (byteDecoder) return byteDecoder;
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const map = new Map<string, number>();
  for (const b of printable) map.set(String.fromCharCode(b), b);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!printable.includes(b)) {
      map.set(String.fromCharCode(256 + n), b);
      n++;
    }
  }
  byteDecoder = map;
  return map;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes a GPT-2 byte-level piece (`Ġthe` → ` the`, `Ċ` → `\n`); leaves other text alone. */
export function decodeByteLevelPiece(piece: string): string {
  const decoder = getByteDecoder();
  const bytes: number[] = [];
  for (const ch of piece) {
    const b = decoder.get(ch);
    if (b === undefined) return piece; // not a byte-level piece after all
    bytes.push(b);
  }
  return utf8.decode(new Uint8Array(bytes));
}

export interface DisplayPiece {
  display: string;
  continuesWord: boolean;
}

/**
 * What a reader should see for one piece. `index` is the piece's position in the sequence:
 * the first piece of a text never "continues" anything.
 */
export function displayPiece(text: string, family: TokenizerFamily, index = 1): DisplayPiece {
  if (isSpecialTokenText(text)) return { display: text, continuesWord: false };
  switch (family) {
    case 'wordpiece':
      if (text.startsWith('##') && text.length > 2) {
        return { display: text.slice(2), continuesWord: index > 0 };
      }
      return { display: text, continuesWord: false };
    case 'byte-bpe': {
      const display = decodeByteLevelPiece(text);
      const startsWord = /^\s/.test(display) || /^[^\p{L}\p{N}]/u.test(display);
      return { display, continuesWord: index > 0 && !startsWord };
    }
    case 'sentencepiece': {
      // Every ▁ is a space (a piece can hold several: indentation, runs of spaces).
      if (text.startsWith('▁')) return { display: text.replace(/▁/g, ' '), continuesWord: false };
      const byte = /^<0x([0-9A-Fa-f]{2})>$/.exec(text);
      if (byte)
        return {
          display: String.fromCharCode(Number.parseInt(byte[1]!, 16)),
          continuesWord: index > 0,
        };
      return {
        display: text.replace(/▁/g, ' '),
        continuesWord: index > 0 && /^[\p{L}\p{N}]/u.test(text),
      };
    }
    default:
      return { display: text, continuesWord: false };
  }
}

/** Builds core tokens from raw pieces, applying the family's conventions. */
export function makeTokens(
  pieces: ReadonlyArray<{ text: string; id?: number; kind?: TokenKind }>,
  family: TokenizerFamily = detectTokenizerFamily(pieces.map((p) => p.text)),
): Token[] {
  return pieces.map((p, position) => {
    const { display, continuesWord } = displayPiece(p.text, family, position);
    const kind: TokenKind = p.kind ?? (isSpecialTokenText(p.text) ? 'special' : 'input');
    return { text: p.text, display, id: p.id ?? -1, position, kind, continuesWord };
  });
}

/**
 * Joins display pieces into readable text. WordPiece and plain tokens get spaces between
 * words (their pieces carry none); byte-BPE and SentencePiece pieces carry their own spaces.
 */
export function joinTokens(
  tokens: ReadonlyArray<Pick<Token, 'display' | 'continuesWord'>>,
  family: TokenizerFamily,
): string {
  if (family === 'byte-bpe' || family === 'sentencepiece') {
    return tokens
      .map((t) => t.display)
      .join('')
      .replace(/^ /, '');
  }
  let out = '';
  tokens.forEach((t, i) => {
    out += i > 0 && !t.continuesWord ? ' ' + t.display : t.display;
  });
  return out;
}
