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

/** The bytes of a GPT-2 byte-level piece, or undefined when a character is outside its alphabet. */
function byteLevelBytes(piece: string): number[] | undefined {
  const decoder = getByteDecoder();
  const bytes: number[] = [];
  for (const ch of piece) {
    const b = decoder.get(ch);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  return bytes;
}

/**
 * Decodes a GPT-2 byte-level piece on its own (`Ġthe` → ` the`, `Ċ` → `\n`); leaves other text
 * alone. Bytes of a character split across pieces become U+FFFD here: decode whole sequences
 * with `displayPieces` to see the character.
 */
export function decodeByteLevelPiece(piece: string): string {
  const bytes = byteLevelBytes(piece);
  return bytes ? utf8.decode(new Uint8Array(bytes)) : piece;
}

const SENTENCEPIECE_BYTE = /^<0x([0-9A-Fa-f]{2})>$/;
const REPLACEMENT = '\uFFFD';

/**
 * Decodes a run of pieces' bytes as UTF-8 and gives each piece its share of the text:
 * a character belongs to the piece holding its first byte, so a piece that holds only the
 * trailing bytes of a character gets ''. Each ill-formed sequence (one cut off, a stray tail
 * byte, a byte that is never UTF-8) shows as U+FFFD on every piece holding some of its bytes.
 */
function decodeUtf8Run(run: ReadonlyArray<readonly number[]>): string[] {
  const out = run.map(() => '');
  const bytes: number[] = [];
  const owner: number[] = [];
  run.forEach((piece, i) => {
    for (const b of piece) {
      bytes.push(b);
      owner.push(i);
    }
  });
  const invalid = (from: number, to: number) => {
    let last = -1;
    for (let j = from; j < to; j++) {
      if (owner[j] !== last) out[owner[j]!] += REPLACEMENT;
      last = owner[j]!;
    }
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[owner[i]!] += String.fromCharCode(b);
      i++;
      continue;
    }
    // Well-formed UTF-8 (Unicode table 3-7): lead byte, continuation count, first continuation range.
    let need: number;
    let cp: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      invalid(i, i + 1);
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lo || c > hi) break;
      cp = (cp << 6) | (c & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
    if (k <= need) {
      invalid(i, i + k); // the maximal ill-formed prefix
      i += k;
      continue;
    }
    out[owner[i]!] += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/**
 * A byte-level piece continues the previous word unless it starts with a space or punctuation;
 * one that holds only the tail bytes of a character (display '') continues it too.
 */
function byteBpeContinues(display: string, index: number): boolean {
  return index > 0 && !/^\s/.test(display) && !/^[^\p{L}\p{N}]/u.test(display);
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
      return { display, continuesWord: byteBpeContinues(display, index) };
    }
    case 'sentencepiece': {
      // Every ▁ is a space (a piece can hold several: indentation, runs of spaces).
      if (text.startsWith('▁')) return { display: text.replace(/▁/g, ' '), continuesWord: false };
      // Byte fallback: one byte of UTF-8. On its own only ASCII is a character; use
      // `displayPieces` to decode runs of bytes (`<0xC3><0xA9>` → é).
      const byte = SENTENCEPIECE_BYTE.exec(text);
      if (byte)
        return {
          display: decodeUtf8Run([[Number.parseInt(byte[1]!, 16)]])[0]!,
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

/**
 * What a reader should see for each piece of a sequence: `displayPiece`, plus UTF-8 decoded
 * across pieces. Byte-level BPE (`Ġ` style) and SentencePiece byte fallback (`<0xE2>`) split a
 * multi-byte character over several pieces; the whole character shows on the piece that holds
 * its first byte, pieces holding only its remaining bytes show '' (and continue the word), so
 * joining the displays gives the text. Bytes that never form valid UTF-8 show as U+FFFD.
 */
export function displayPieces(texts: readonly string[], family: TokenizerFamily): DisplayPiece[] {
  const out = texts.map((text, i) => displayPiece(text, family, i));
  if (family !== 'byte-bpe' && family !== 'sentencepiece') return out;
  const bytesOf = (text: string): number[] | undefined => {
    if (isSpecialTokenText(text)) return undefined;
    if (family === 'byte-bpe') return byteLevelBytes(text);
    const byte = SENTENCEPIECE_BYTE.exec(text);
    return byte ? [Number.parseInt(byte[1]!, 16)] : undefined;
  };
  let start = 0;
  while (start < texts.length) {
    const first = bytesOf(texts[start]!);
    if (!first) {
      start++;
      continue;
    }
    const run = [first];
    let end = start + 1;
    while (end < texts.length) {
      const next = bytesOf(texts[end]!);
      if (!next) break;
      run.push(next);
      end++;
    }
    // Only runs holding non-ASCII bytes can differ from piece-by-piece decoding.
    if (run.some((bytes) => bytes.some((b) => b >= 0x80))) {
      decodeUtf8Run(run).forEach((display, j) => {
        const i = start + j;
        const continuesWord = family === 'byte-bpe' ? byteBpeContinues(display, i) : i > 0;
        out[i] = { display, continuesWord };
      });
    }
    start = end;
  }
  return out;
}

/** Builds core tokens from raw pieces, applying the family's conventions. */
export function makeTokens(
  pieces: ReadonlyArray<{ text: string; id?: number; kind?: TokenKind }>,
  family: TokenizerFamily = detectTokenizerFamily(pieces.map((p) => p.text)),
): Token[] {
  const displays = displayPieces(
    pieces.map((p) => p.text),
    family,
  );
  return pieces.map((p, position) => {
    const { display, continuesWord } = displays[position]!;
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
