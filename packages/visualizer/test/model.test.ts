import { type Factorization, fromEccoJson, makeTokens } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { alignExplanations, headlineScore } from '../src/explanations.js';
import { moveCursor } from '../src/keyboard.js';
import { sparkColumns, sparkPath } from '../src/sparkline.js';
import { buildModel } from '../src/view-model.js';
import { expectedFromFixture } from './helpers/expected.js';

const fx = expectedFromFixture();

function layout(pieces: string[], family: Parameters<typeof makeTokens>[1]) {
  const f: Factorization = {
    tokens: makeTokens(
      pieces.map((text) => ({ text })),
      family,
    ),
    factors: [pieces.map(() => 1)],
    tokenizerFamily: family!,
  };
  return buildModel(f).tokens.map((t) => `${t.gapBefore ? '_' : ''}${t.text}`);
}

describe('buildModel', () => {
  it('finds each token’s dominant factor and scales intensity by the factor’s maximum', () => {
    const m = buildModel(fromEccoJson(fx.raw));
    expect(m.tokens.map((t) => t.dominant)).toEqual(fx.dominant);
    m.factors.forEach((f, i) => {
      expect(f.max).toBe(fx.max[i]);
      expect(f.intensity[f.peak]).toBe(1);
      expect(f.intensity[10]).toBeCloseTo(fx.factors[i]![10]! / fx.max[i]!, 6);
    });
    expect(m.tokenizerFamily).toBe('wordpiece');
  });

  it('keeps silent factors and negative values at zero intensity', () => {
    const m = buildModel({
      tokens: makeTokens([{ text: 'a' }, { text: 'b' }], 'plain'),
      factors: [
        [0, 0],
        [-1, 2],
      ],
    });
    expect(Array.from(m.factors[0]!.intensity)).toEqual([0, 0]);
    expect(Array.from(m.factors[1]!.intensity)).toEqual([0, 1]);
    expect(m.tokens.map((t) => t.dominant)).toEqual([-1, 1]);
  });

  it('joins pieces by each tokenizer family’s conventions', () => {
    expect(layout(['[CLS]', 'play', '##ing', 'now', '[SEP]'], 'wordpiece')).toEqual([
      '[CLS]',
      '_play',
      'ing',
      '_now',
      '_[SEP]',
    ]);
    expect(layout(['Hello', ',', 'Ġworld', 'Ċ', 'The', 'Ġ', 'Ġ12'], 'byte-bpe')).toEqual([
      'Hello',
      ',',
      '_world',
      '↵',
      'The',
      '␣',
      '_12',
    ]);
    expect(layout(['<s>', '▁Hello', 'wor', 'ld', '<0x0A>', '▁x'], 'sentencepiece')).toEqual([
      '<s>',
      '_Hello',
      'wor',
      'ld',
      '↵',
      '_x',
    ]);
    expect(layout(['hello', 'world'], 'plain')).toEqual(['hello', '_world']);
    // Plain pieces that carry their own whitespace keep it instead of getting gaps.
    expect(layout(['a b', '\t', ' c'], 'plain')).toEqual(['a b', '→', '_c']);
  });

  it('shows a character split over several pieces whole, its tail pieces as ◌', () => {
    // "—" is E2 80 94 in UTF-8: SentencePiece byte fallback, and GPT-2's byte alphabet.
    expect(layout(['▁a', '<0xE2>', '<0x80>', '<0x94>', '▁b'], 'sentencepiece')).toEqual([
      'a',
      '—',
      '◌',
      '◌',
      '_b',
    ]);
    expect(layout(['Ġa', 'ĠâĢ', 'Ķ', 'Ġb'], 'byte-bpe')).toEqual(['a', '_—', '◌', '_b']);
    // The same when the family is forced on tokens that carry other display text.
    const f: Factorization = {
      tokens: makeTokens(
        ['<0xE2>', '<0x80>', '<0x94>'].map((text) => ({ text })),
        'plain',
      ),
      factors: [[1, 1, 1]],
    };
    expect(buildModel(f).tokens.map((t) => t.text)).toEqual(['<0xE2>', '<0x80>', '<0x94>']);
    expect(buildModel(f, 'sentencepiece').tokens.map((t) => t.text)).toEqual(['—', '◌', '◌']);
  });

  it('re-derives display text when told the tokenizer family', () => {
    const f = fromEccoJson(fx.raw, { tokenizerFamily: 'plain' });
    expect(buildModel(f).tokens[288]!.text).toBe('##ve');
    expect(buildModel(f, 'wordpiece').tokens[288]!.text).toBe('ve');
  });

  it('derives display text for hand-made tokens that lack it', () => {
    const m = buildModel({
      tokens: [
        { text: 'play', id: -1, position: 0, kind: 'input' },
        { text: '##ing', id: -1, position: 1, kind: 'input' },
      ] as never,
      factors: [[1, 0.5]],
      tokenizerFamily: 'wordpiece',
    });
    expect(m.tokens.map((t) => [t.text, t.gapBefore])).toEqual([
      ['play', false],
      ['ing', false],
    ]);
  });

  it('keeps layer share only when it has a row per factor', () => {
    const base = {
      tokens: makeTokens([{ text: 'a' }], 'plain'),
      factors: [[1], [2]],
      layers: [3, 4],
    };
    expect(buildModel({ ...base, layerShare: [[1, 0]] }).factors[0]!.layerShare).toBeUndefined();
    const m = buildModel({
      ...base,
      layerShare: [
        [1, 0],
        [0.5, 0.5],
      ],
    });
    expect(m.factors[1]!.layerShare).toEqual([0.5, 0.5]);
    expect(m.layers).toEqual([3, 4]);
  });
});

describe('sparklines', () => {
  it('keeps a one-token peak when 2,000 positions are bucketed', () => {
    const values = new Float32Array(2000);
    values[1234] = 1;
    const cols = sparkColumns(values);
    expect(cols.length).toBe(240);
    expect(Math.max(...cols)).toBe(1);
    expect(cols.indexOf(1)).toBe(Math.floor((1234 * 240) / 2000));
  });

  it('draws a closed area from the baseline', () => {
    const d = sparkPath([0, 1, 0.5]);
    expect(d).toBe('M0,24L0,24L120,1L240,12.5L240,24Z');
    expect(sparkPath([0.5])).toBe('M0,24L0,12.5L240,12.5L240,24Z');
  });
});

describe('explanations', () => {
  it('places explanations by their factor field, else by position', () => {
    const a = alignExplanations(
      [
        { factor: 2, text: 'two', provider: 'h' },
        { text: 'one', provider: 'h' },
        null,
        { factor: 9, text: 'out of range', provider: 'h' },
      ],
      3,
    );
    expect(a.map((e) => e?.text)).toEqual([undefined, 'one', 'two']);
  });

  it('rejects what is not a list with INVALID_ARGUMENT', () => {
    expect(() => alignExplanations({}, 2)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => alignExplanations([42], 2)).toThrow(/explanations\[0\] is not an object/);
  });

  it('takes the headline score, else the simulation score', () => {
    expect(headlineScore({ factor: 0, text: '', provider: 'h', score: 0.4 })).toBe(0.4);
    expect(headlineScore({ factor: 0, text: '', provider: 'h', scores: { simulation: 0.2 } })).toBe(
      0.2,
    );
    expect(headlineScore({ factor: 0, text: '', provider: 'h', score: null })).toBeNull();
  });
});

describe('moveCursor', () => {
  it('moves within bounds without wrapping', () => {
    expect(moveCursor('ArrowDown', 0, 3)).toBe(1);
    expect(moveCursor('ArrowDown', 2, 3)).toBe(2);
    expect(moveCursor('ArrowUp', 0, 3)).toBe(0);
    expect(moveCursor('End', 0, 3)).toBe(2);
    expect(moveCursor('Home', 2, 3)).toBe(0);
    expect(moveCursor('PageDown', 0, 100, { page: 50 })).toBe(50);
    expect(moveCursor('ArrowDown', 0, 3, { vertical: false })).toBeNull();
    expect(moveCursor('a', 0, 3)).toBeNull();
  });
});
