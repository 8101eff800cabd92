import { describe, expect, it } from 'vitest';
import {
  decodeByteLevelPiece,
  detectTokenizerFamily,
  displayPiece,
  joinTokens,
  makeTokens,
} from '../src/index.js';

describe('tokenizer conventions', () => {
  it('detects each family from its pieces', () => {
    expect(detectTokenizerFamily(['[CLS]', 'play', '##ing', '[SEP]'])).toBe('wordpiece');
    expect(detectTokenizerFamily(['[CLS]', 'hello', '[SEP]'])).toBe('wordpiece');
    expect(detectTokenizerFamily(['Hello', 'Ġworld', 'Ċ'])).toBe('byte-bpe');
    expect(detectTokenizerFamily(['<s>', '▁Hello', '▁world', 'ing'])).toBe('sentencepiece');
    expect(detectTokenizerFamily(['a', 'b'])).toBe('plain');
  });

  it('decodes GPT-2 byte-level pieces', () => {
    expect(decodeByteLevelPiece('Ġthe')).toBe(' the');
    expect(decodeByteLevelPiece('Ċ')).toBe('\n');
    expect(decodeByteLevelPiece('âĢĻ')).toBe('\u2019');
  });

  it('marks continuation pieces per family', () => {
    expect(displayPiece('##ing', 'wordpiece', 3)).toEqual({ display: 'ing', continuesWord: true });
    expect(displayPiece('ing', 'byte-bpe', 3)).toEqual({ display: 'ing', continuesWord: true });
    expect(displayPiece('Ġplay', 'byte-bpe', 3)).toEqual({
      display: ' play',
      continuesWord: false,
    });
    expect(displayPiece('▁play', 'sentencepiece', 3)).toEqual({
      display: ' play',
      continuesWord: false,
    });
    expect(displayPiece('<0x0A>', 'sentencepiece', 3).display).toBe('\n');
    expect(displayPiece('▁▁▁', 'sentencepiece', 3)).toEqual({
      display: '   ',
      continuesWord: false,
    });
    expect(displayPiece('a▁b', 'sentencepiece', 3).display).toBe('a b');
    expect(displayPiece('[SEP]', 'wordpiece', 3)).toEqual({
      display: '[SEP]',
      continuesWord: false,
    });
  });

  it('joins tokens into readable text', () => {
    const wp = makeTokens([
      { text: '[CLS]' },
      { text: 'play' },
      { text: '##ing' },
      { text: 'games' },
      { text: '[SEP]' },
    ]);
    expect(wp[0]!.kind).toBe('special');
    expect(joinTokens(wp, 'wordpiece')).toBe('[CLS] playing games [SEP]');
    const bpe = makeTokens([{ text: 'Hello' }, { text: 'Ġwor' }, { text: 'ld' }, { text: ',' }]);
    expect(joinTokens(bpe, 'byte-bpe')).toBe('Hello world,');
  });
});
