import type { FactorRecord } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import {
  createOfflineEmbedder,
  ExampleLibrary,
  lexicalTerms,
  profileRecord,
  recordToText,
} from '../src/index.js';
import { expectRejectsWith } from './helpers.js';

const rec = (pairs: Array<[string, number]>, extra: Partial<FactorRecord> = {}): FactorRecord => ({
  tokens: pairs.map(([text, value]) => ({ text, value })),
  ...extra,
});

describe('profileRecord', () => {
  it('names the kinds of the active tokens', () => {
    expect(
      profileRecord(
        rec([
          ['a', 0],
          [' 12', 9],
          [',', 0],
          [' 7', 10],
        ]),
      ).activeKinds,
    ).toEqual(['digit']);
    expect(
      profileRecord(
        rec([
          ['f', 0],
          ['(', 0],
          ['x', 0],
          [')', 10],
        ]),
      ).activeKinds,
    ).toContain('closing-bracket');
    expect(
      profileRecord(
        rec([
          ['[CLS]', 10],
          ['hi', 0],
          ['[SEP]', 0],
        ]),
      ).activeKinds,
    ).toEqual(['first-position', 'special-token']);
  });

  it('sees line starts, first positions and subword pieces', () => {
    const lines = rec([
      ['Roses', 0],
      [' are', 0],
      ['\n', 0],
      ['Violets', 10],
      [' are', 0],
      ['\n', 0],
      ['Sugar', 9],
    ]);
    expect(profileRecord(lines).activeKinds).toContain('line-start');
    const first = rec(
      [
        ['However', 10],
        [',', 0],
        [' yes', 0],
        ['Water', 10],
        [' boils', 0],
      ],
      {
        windows: [
          [0, 3],
          [3, 5],
        ],
      },
    );
    expect(profileRecord(first).activeKinds).toContain('first-position');
    const sub = {
      tokens: [
        { text: 'play', value: 0 },
        { text: 'ing', value: 10, continuesWord: true },
      ],
    };
    expect(profileRecord(sub).activeKinds).toContain('subword');
  });

  it('describes the shape: sparse or dense, rising, periodic, mixed', () => {
    const rising = rec(Array.from({ length: 10 }, (_, i): [string, number] => [` w${i}`, i + 1]));
    expect(profileRecord(rising).shape).toEqual(
      expect.arrayContaining(['spread-dense', 'rises-with-position']),
    );
    const periodic = rec(
      Array.from({ length: 12 }, (_, i): [string, number] => [` x`, i % 3 === 0 ? 9 : 0]),
    );
    expect(profileRecord(periodic).shape).toContain('periodic-positions');
    const mixed = rec([
      [' cat', 6],
      ['(', 5],
      [' 42', 6],
      ['!', 5],
      [' The', 6],
    ]);
    expect(profileRecord(mixed).shape).toContain('mixed-kinds');
    expect(
      profileRecord(
        rec([
          ['a', 0],
          ['b', 10],
          ['c', 0],
          ['d', 0],
          ['e', 0],
          ['f', 0],
        ]),
      ).shape,
    ).toContain('spread-single');
  });

  it('lists active tokens strongest first, without repeats', () => {
    expect(
      profileRecord(
        rec([
          [' x', 6],
          [' y', 10],
          [' x', 9],
          [' z', 1],
        ]),
      ).activeTexts,
    ).toEqual(['y', 'x']);
  });
});

describe('recordToText', () => {
  it('marks active tokens in the excerpt and lists the profile', () => {
    const text = recordToText(
      rec(
        [
          ['print', 0],
          ['(', 0],
          ['x', 0],
          [')', 10],
        ],
        { tokenizerFamily: 'byte-bpe' },
      ),
    );
    expect(text.split('\n')).toEqual([
      'excerpt: print(x⟪)⟫',
      'active tokens: )',
      'active kinds: active-closing-bracket',
      expect.stringMatching(/^text kinds: /),
      'shape: spread-single',
    ]);
  });

  it('joins WordPiece words with spaces and keeps subword pieces attached', () => {
    const text = recordToText({
      tokenizerFamily: 'wordpiece',
      tokens: [
        { text: 'she', value: 0 },
        { text: 'open', value: 0 },
        { text: 'ed', value: 9, continuesWord: true },
        { text: 'it', value: 0 },
      ],
    });
    expect(text).toContain('excerpt: she open⟪ed⟫ it');
  });

  it('separates windows', () => {
    expect(
      recordToText(
        rec(
          [
            ['a', 9],
            ['b', 0],
            ['c', 9],
          ],
          {
            windows: [
              [0, 2],
              [2, 3],
            ],
          },
        ),
      ),
    ).toContain('⟪a⟫ b … ⟪c⟫');
  });

  it('ignores windows that do not fit the tokens', () => {
    const text = recordToText(
      rec(
        [
          ['a', 9],
          ['b', 0],
        ],
        {
          windows: [
            [1, 9],
            [-1, 1],
            [2, 1],
          ],
        },
      ),
    );
    expect(text).toContain('excerpt: ⟪a⟫ b');
  });

  it('refuses a record without tokens (EMPTY_QUERY)', async () => {
    await expectRejectsWith(() => recordToText({ tokens: [] }), 'EMPTY_QUERY');
  });
});

describe('lexicalTerms', () => {
  it('folds case and plurals, keeps symbols, splits tags but keeps them whole too, ignores highlights', () => {
    expect(lexicalTerms('Digits, active-closing-brackets ⟪)⟫ cities')).toEqual([
      'digit',
      ',',
      'active-closing-bracket',
      'active',
      'closing',
      'bracket',
      ')',
      'city',
    ]);
  });
});

describe('createOfflineEmbedder', () => {
  const embedder = createOfflineEmbedder();
  const cos = (a: Float32Array, b: Float32Array) =>
    a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

  it('is deterministic and sized as asked', async () => {
    const [a] = await embedder.embed(['closing brackets in code']);
    const [b] = await createOfflineEmbedder().embed(['closing brackets in code']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(embedder.id).toBe('offline-hash-v1-384');
    const small = createOfflineEmbedder({ dimensions: 64 });
    expect([small.id, (await small.embed(['x']))[0]!.length]).toEqual(['offline-hash-v1-64', 64]);
    expect(() => createOfflineEmbedder({ dimensions: 3 })).toThrow(/dimensions/);
  });

  it('puts records of the same pattern closer than records of another', async () => {
    const library = ExampleLibrary.builtin();
    const texts = [
      'code-python-closing-bracket',
      'code-javascript-closing-bracket',
      'verse-line-end-rhyme-bpe',
    ].map((id) => recordToText(library.get(id)!.record));
    const [a, b, c] = await embedder.embed(texts);
    expect(cos(a!, b!)).toBeGreaterThan(cos(a!, c!));
  });

  it('gives even an empty text a direction', async () => {
    const [v] = await embedder.embed(['']);
    expect(Math.hypot(...v!)).toBeGreaterThan(0);
  });
});
