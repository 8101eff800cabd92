import { describe, expect, it } from 'vitest';
import {
  decodeByteLevelPiece,
  displayPiece,
  displayPieces,
  fromEccoJson,
  joinTokens,
  makeTokens,
} from '../src/index.js';

/** GPT-2's bytes_to_unicode, written out independently of core: one character per byte. */
const gpt2Alphabet: string[] = (() => {
  const printable = (b: number) =>
    (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const chars: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    chars[b] = printable(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return chars;
})();

/** Splits `text`'s UTF-8 bytes at the given byte offsets into GPT-2 byte-level pieces. */
function gpt2Pieces(text: string, cuts: number[]): string[] {
  const bytes = Array.from(new TextEncoder().encode(text));
  const bounds = [0, ...cuts, bytes.length];
  return bounds.slice(1).map((end, i) =>
    bytes
      .slice(bounds[i], end)
      .map((b) => gpt2Alphabet[b])
      .join(''),
  );
}

/** SentencePiece byte fallback pieces for `text`'s UTF-8 bytes. */
function spBytes(text: string): string[] {
  return Array.from(new TextEncoder().encode(text)).map(
    (b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
  );
}

const displays = (pieces: string[], family: 'byte-bpe' | 'sentencepiece') =>
  displayPieces(pieces, family).map((d) => d.display);

describe('byte-level BPE characters split across pieces', () => {
  it('shows "—" on the piece holding its first byte', () => {
    // " a—b": space a E2 | 80 94 b
    const pieces = gpt2Pieces(' a—b', [3, 5]);
    expect(pieces).toEqual(['Ġaâ', 'ĢĶ', 'b']);
    // Piece by piece, the split character is lost.
    expect(decodeByteLevelPiece(pieces[0]!)).toBe(' a\uFFFD');
    expect(displays(pieces, 'byte-bpe')).toEqual([' a—', '', 'b']);
    const tokens = makeTokens(pieces.map((text) => ({ text })));
    expect(tokens[1]).toMatchObject({ display: '', continuesWord: true });
    expect(joinTokens(tokens, 'byte-bpe')).toBe('a—b');
  });

  it('shows "é" whole in "café"', () => {
    const pieces = gpt2Pieces('Ġcafé'.slice(1), [3, 4]); // caf | C3 | A9
    expect(pieces).toEqual(['caf', 'Ã', '©']);
    const tokens = makeTokens(
      pieces.map((text) => ({ text })),
      'byte-bpe',
    );
    expect(tokens.map((t) => [t.display, t.continuesWord])).toEqual([
      ['caf', false],
      ['é', true],
      ['', true],
    ]);
    expect(joinTokens(tokens, 'byte-bpe')).toBe('café');
  });

  it('shows an emoji split over three pieces, and the character after it on its own piece', () => {
    // " 😀!" = 20 F0 9F | 98 | 80 21
    const pieces = gpt2Pieces(' 😀!', [3, 4]);
    expect(displays(pieces, 'byte-bpe')).toEqual([' 😀', '', '!']);
    expect(joinTokens(makeTokens(pieces.map((text) => ({ text }))), 'byte-bpe')).toBe('😀!');
  });

  it('gives each piece the characters that start in it when two split characters share one', () => {
    // "é—" = C3 | A9 E2 | 80 94
    const pieces = gpt2Pieces('é—', [1, 3]);
    expect(displays(pieces, 'byte-bpe')).toEqual(['é', '—', '']);
  });

  it('keeps a visible U+FFFD on every piece of bytes that never form UTF-8', () => {
    // A lone lead byte before ASCII, a sequence cut off by a special token, and a stray tail byte.
    expect(displays(['Ã', 'a'], 'byte-bpe')).toEqual(['\uFFFD', 'a']);
    expect(displays(['Ġâ', 'Ģ', '<|endoftext|>'], 'byte-bpe')).toEqual([
      ' \uFFFD',
      '\uFFFD',
      '<|endoftext|>',
    ]);
    // Two stray tail bytes are two ill-formed sequences, as TextDecoder counts them.
    expect(displays(['a', 'ĢĶ'], 'byte-bpe')).toEqual(['a', '\uFFFD\uFFFD']);
    expect(new TextDecoder().decode(new Uint8Array([0x80, 0x94]))).toBe('\uFFFD\uFFFD');
    expect(displays(['a', 'Ã'], 'byte-bpe')).toEqual(['a', '\uFFFD']);
  });

  it('reads split characters from ecco printJson data', () => {
    const pieces = ['Hello', ...gpt2Pieces(' 😀', [2])];
    const f = fromEccoJson({
      tokens: pieces.map((token, position) => ({
        token,
        token_id: position,
        type: 'input',
        position,
      })),
      factors: [[pieces.map(() => 1)]],
    });
    expect(f.tokenizerFamily).toBe('byte-bpe');
    expect(f.tokens.map((t) => t.display)).toEqual(['Hello', ' 😀', '']);
    expect(f.tokens.map((t) => t.text)).toEqual(pieces);
  });
});

describe('SentencePiece byte fallback', () => {
  it('decodes runs of <0x..> pieces as UTF-8', () => {
    const pieces = ['▁caf', ...spBytes('é'), '▁', ...spBytes('—'), '▁', ...spBytes('😀')];
    expect(displays(pieces, 'sentencepiece')).toEqual([
      ' caf',
      'é',
      '',
      ' ',
      '—',
      '',
      '',
      ' ',
      '😀',
      '',
      '',
      '',
    ]);
    const tokens = makeTokens(
      pieces.map((text) => ({ text })),
      'sentencepiece',
    );
    expect(tokens[1]).toMatchObject({ display: 'é', continuesWord: true });
    expect(joinTokens(tokens, 'sentencepiece')).toBe('café — 😀');
  });

  it('no longer turns a byte into the Latin-1 character of the same number', () => {
    // Before: String.fromCharCode(0xC3) === 'Ã'.
    expect(displayPiece('<0xC3>', 'sentencepiece', 1).display).toBe('\uFFFD');
    expect(displayPiece('<0x0A>', 'sentencepiece', 1).display).toBe('\n');
    expect(displays(['▁a', '<0xC3>', 'b'], 'sentencepiece')).toEqual([' a', '\uFFFD', 'b']);
    expect(displays(['<0xE2>', '<0x80>', '▁x'], 'sentencepiece')).toEqual([
      '\uFFFD',
      '\uFFFD',
      ' x',
    ]);
    expect(displays(['<0x41>', '<0x0A>'], 'sentencepiece')).toEqual(['A', '\n']);
  });
});

describe('other families', () => {
  it('are displayed piece by piece as before', () => {
    const pieces = ['[CLS]', 'caf', '##é', '[SEP]'];
    expect(displayPieces(pieces, 'wordpiece')).toEqual(
      pieces.map((p, i) => displayPiece(p, 'wordpiece', i)),
    );
  });
});
