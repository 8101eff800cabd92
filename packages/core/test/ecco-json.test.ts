import { describe, expect, it } from 'vitest';
import { EccoError, fromEccoJson, isEccoError, toEccoJson, toFactorization } from '../src/index.js';
import { readEccoBert } from './shared-fixtures.js';

describe('ecco printJson interop', () => {
  it('reads the real bert-base-uncased file produced by Python ecco', () => {
    const f = fromEccoJson(readEccoBert());
    expect(f.tokens).toHaveLength(363);
    expect(f.factors).toHaveLength(8);
    expect(f.factors.every((r) => r.length === 363)).toBe(true);
    expect(f.tokenizerFamily).toBe('wordpiece');
    expect(f.tokens[0]).toMatchObject({ text: '[CLS]', kind: 'special', id: 101, position: 0 });
    expect(f.tokens[362]).toMatchObject({ text: '[SEP]', kind: 'special' });
    expect(f.tokens[1]).toMatchObject({ text: 'now', display: 'now', kind: 'input' });
    expect(f.source?.description).toMatch(/bert-base-uncased/);
  });

  it('round-trips the fixture exactly: values and token order', () => {
    const original = readEccoBert();
    const back = toEccoJson(fromEccoJson(original));
    expect(back).toEqual(original);
    expect(JSON.parse(JSON.stringify(back))).toEqual(original);
  });

  it('accepts the JSON text as well as the object', () => {
    const text = JSON.stringify(readEccoBert());
    expect(fromEccoJson(text).factors[3]).toEqual(fromEccoJson(readEccoBert()).factors[3]);
  });

  it('joins WordPiece continuation pieces for display', () => {
    const f = fromEccoJson({
      tokens: [
        { token: '[CLS]', token_id: 101, type: 'input', position: 0 },
        { token: 'play', token_id: 1, type: 'input', position: 1 },
        { token: '##ing', token_id: 2, type: 'input', position: 2 },
        { token: '[SEP]', token_id: 102, type: 'input', position: 3 },
      ],
      factors: [[[0, 1, 2, 0]]],
    });
    expect(f.tokens[2]).toMatchObject({ display: 'ing', continuesWord: true });
  });

  it('keeps generated tokens as output', () => {
    const f = fromEccoJson({
      tokens: [
        { token: 'Hello', token_id: 1, type: 'input', position: 0 },
        { token: 'Ġworld', token_id: 2, type: 'output', position: 1 },
      ],
      factors: [[[1, 0]]],
    });
    expect(f.tokens[1]).toMatchObject({ kind: 'output', display: ' world' });
    expect(toEccoJson(f).tokens[1]!.type).toBe('output');
  });

  const valid = () => ({
    tokens: [
      { token: 'a', token_id: 1, type: 'input', position: 0 },
      { token: 'b', token_id: 2, type: 'input', position: 1 },
    ],
    factors: [
      [
        [0.5, 0.1],
        [0.2, 0.3],
      ],
    ] as unknown,
  });

  const malformed: Array<[string, (d: ReturnType<typeof valid>) => unknown, RegExp]> = [
    ['not an object', () => 42, /top level/],
    ['an array at the top level', () => [], /top level/],
    ['missing tokens', (d) => ({ factors: d.factors }), /"tokens" is missing/],
    ['empty tokens', (d) => ({ ...d, tokens: [] }), /"tokens" is empty/],
    [
      'token without text',
      (d) => ({ ...d, tokens: [{ token_id: 1 }, d.tokens[1]] }),
      /token 0 has no string/,
    ],
    [
      'token with bad type',
      (d) => ({ ...d, tokens: [{ ...d.tokens[0], type: 'x' }, d.tokens[1]] }),
      /type "x"/,
    ],
    [
      'positions out of order',
      (d) => ({ ...d, tokens: [d.tokens[1], d.tokens[0]] }),
      /positions must run/,
    ],
    ['missing factors', (d) => ({ tokens: d.tokens }), /"factors" is missing/],
    [
      'factors not nested (k × positions without the outer list)',
      (d) => ({
        ...d,
        factors: [
          [0.5, 0.1],
          [0.2, 0.3],
        ],
      }),
      /wrong nesting/,
    ],
    [
      'factors nested one level too deep',
      (d) => ({ ...d, factors: [[[[0.5], [0.1]]]] }),
      /wrong nesting|has 1 values/,
    ],
    [
      'ragged factors',
      (d) => ({ ...d, factors: [[[0.5, 0.1], [0.2]]] }),
      /factor 1 has 1 values but there are 2 tokens/,
    ],
    [
      'factor length ≠ token count',
      (d) => ({ ...d, factors: [[[0.5, 0.1, 0.3]]] }),
      /has 3 values but there are 2 tokens/,
    ],
    ['NaN value', (d) => ({ ...d, factors: [[[Number.NaN, 0.1]]] }), /not finite/],
    [
      'Infinity value',
      (d) => ({ ...d, factors: [[[Number.POSITIVE_INFINITY, 0.1]]] }),
      /not finite/,
    ],
    ['string value', (d) => ({ ...d, factors: [[['0.5', 0.1]]] }), /not a number/],
    ['empty factor list', (d) => ({ ...d, factors: [[]] }), /non-empty list of factors/],
    ['two factor matrices', (d) => ({ ...d, factors: [[[1, 2]], [[3, 4]]] }), /holds 2 matrices/],
    ['truncated JSON text', () => '{"tokens": [', /not valid JSON/],
  ];

  for (const [name, mutate, message] of malformed) {
    it(`rejects ${name} with INVALID_ECCO_JSON`, () => {
      let caught: unknown;
      try {
        fromEccoJson(mutate(valid()));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(EccoError);
      expect(isEccoError(caught, 'INVALID_ECCO_JSON')).toBe(true);
      expect((caught as Error).message).toMatch(message);
    });
  }

  it('JSON.parse turns a NaN literal into an error, not a silent value', () => {
    expect(() =>
      fromEccoJson(
        '{"tokens":[{"token":"a","token_id":1,"type":"input","position":0}],"factors":[[[NaN]]]}',
      ),
    ).toThrow(/not valid JSON/);
  });

  it('names a bare NaN/Infinity (Python json.dump default) and suggests allow_nan=False', () => {
    const text = (v: string) =>
      `{"tokens":[{"token":"NaN","token_id":1,"type":"input","position":0},\n{"token":"b","token_id":2,"type":"input","position":1}],\n"factors":[[[0.5, ${v}]]]}`;
    for (const [literal, column] of [
      ['NaN', 19],
      ['Infinity', 19],
      ['-Infinity', 19],
    ] as const) {
      let caught: unknown;
      try {
        fromEccoJson(text(literal));
      } catch (e) {
        caught = e;
      }
      expect(isEccoError(caught, 'INVALID_ECCO_JSON')).toBe(true);
      const e = caught as EccoError;
      // The "NaN" token text inside a string is not the culprit; the value on line 3 is.
      expect(e.message).toContain(`contains a bare ${literal} (line 3, column ${column})`);
      expect(e.message).not.toMatch(/complete/);
      expect(e.hint).toMatch(/allow_nan=False/);
      expect(e.details).toEqual({ literal, line: 3, column });
    }
  });

  it('keeps the "incomplete file" hint for truncated JSON whose strings mention NaN', () => {
    expect(() => fromEccoJson('{"tokens":[{"token":"NaN", "x": "Infinity"')).toThrow(
      /not valid JSON\. Check that the file is complete/,
    );
  });

  it('toFactorization accepts both shapes and rejects others', () => {
    const f = toFactorization(readEccoBert());
    expect(toFactorization(f)).toBe(f);
    expect(() => toFactorization({ hello: 1 })).toThrow(EccoError);
  });
});
