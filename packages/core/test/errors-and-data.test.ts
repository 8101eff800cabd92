import { describe, expect, it } from 'vitest';
import {
  type ActivationCapture,
  captureOffset,
  EccoError,
  factorizationFromJson,
  factorizationToJson,
  fromEccoJson,
  isEccoError,
  layerActivations,
  redactSecrets,
  throwIfAborted,
  validateCapture,
  validateFactorization,
} from '../src/index.js';
import { readEccoBert } from './shared-fixtures.js';

describe('EccoError', () => {
  it('carries a stable code, the hint in its message, and a JSON view', () => {
    const e = new EccoError('EMPTY_TEXT', 'The text is empty.', {
      hint: 'Pass some text.',
      details: { n: 0 },
    });
    expect(e.code).toBe('EMPTY_TEXT');
    expect(e.message).toBe('The text is empty. Pass some text.');
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'EMPTY_TEXT',
      message: e.message,
      details: { n: 0 },
    });
    expect(isEccoError(e, 'EMPTY_TEXT')).toBe(true);
    expect(isEccoError(e, 'ABORTED')).toBe(false);
    expect(isEccoError({ name: 'EccoError', code: 'EMPTY_TEXT' })).toBe(true);
    expect(isEccoError(new Error('x'))).toBe(false);
  });

  it('throwIfAborted throws ABORTED only after abort', () => {
    const c = new AbortController();
    expect(() => throwIfAborted(c.signal)).not.toThrow();
    c.abort();
    expect(() => throwIfAborted(c.signal)).toThrow(expect.objectContaining({ code: 'ABORTED' }));
  });
});

describe('redactSecrets', () => {
  it('removes given secrets and key-shaped strings', () => {
    const key = 'sk-test-ABCDEFGHIJKLMNOPQRSTUV';
    const out = redactSecrets(
      `failed with key ${key} and header Bearer abcdefghijklmnop123 and my-own-secret`,
      ['my-own-secret'],
    );
    expect(out).not.toContain(key);
    expect(out).not.toContain('abcdefghijklmnop123');
    expect(out).not.toContain('my-own-secret');
    expect(out).toContain('[redacted]');
  });
});

describe('ActivationCapture', () => {
  const capture: ActivationCapture = {
    layers: [2, 5],
    neurons: 3,
    positions: 4,
    data: Float32Array.from({ length: 24 }, (_, i) => i),
  };
  it('validates and indexes [layer][neuron][position]', () => {
    expect(() => validateCapture(capture)).not.toThrow();
    expect(capture.data[captureOffset(capture, 1, 2, 3)]).toBe(23);
    const l5 = layerActivations(capture, 5);
    expect(l5.buffer).toBe(capture.data.buffer); // a view, not a copy
    expect(Array.from(l5.subarray(0, 4))).toEqual([12, 13, 14, 15]);
    expect(() => layerActivations(capture, 3)).toThrow(/Captured layers: 2, 5/);
  });
  it('rejects inconsistent captures', () => {
    expect(() => validateCapture({ ...capture, layers: [5, 2] })).toThrow(/increasing/);
    expect(() => validateCapture({ ...capture, positions: 5 })).toThrow(/expected/);
    expect(() => validateCapture({ ...capture, data: [] as unknown as Float32Array })).toThrow(
      /Float32Array/,
    );
  });
});

describe('Factorization', () => {
  it('validates shapes and values', () => {
    const f = fromEccoJson(readEccoBert());
    expect(() => validateFactorization(f)).not.toThrow();
    expect(() => validateFactorization({ ...f, factors: [] })).toThrow(
      expect.objectContaining({ code: 'EMPTY_FACTORIZATION' }),
    );
    expect(() => validateFactorization({ ...f, factors: [[1, 2]] })).toThrow(
      /has 2 values but there are 363 tokens/,
    );
    const bad = f.factors.map((r) => [...r]);
    bad[2]![7] = Number.NaN;
    expect(() => validateFactorization({ ...f, factors: bad })).toThrow(
      /non-finite value at position 7/,
    );
  });

  it('serialises typed loadings to JSON and back', () => {
    const f = fromEccoJson(readEccoBert());
    const withLoadings = {
      ...f,
      layers: [0, 1],
      loadings: {
        layers: [0, 1],
        neuronsPerLayer: 2,
        // One row per factor (8), layers × neuronsPerLayer values each.
        values: f.factors.map((_, i) => new Float32Array([0.5, 1.25, 0, 3 + i])),
      },
    };
    const json = JSON.parse(JSON.stringify(factorizationToJson(withLoadings)));
    const back = factorizationFromJson(json);
    expect(Array.from(back.loadings!.values[0]!)).toEqual([0.5, 1.25, 0, 3]);
    expect(Array.from(back.loadings!.values[7]!)).toEqual([0.5, 1.25, 0, 10]);
    expect(back.factors).toEqual(f.factors);
    expect(back.tokens).toEqual(f.tokens);
  });
});

describe('factorizationFromJson rejects malformed JSON with a typed error', () => {
  const base = () => {
    const f = fromEccoJson(readEccoBert());
    return JSON.parse(
      JSON.stringify(
        factorizationToJson({
          ...f,
          layers: [0, 1],
          loadings: {
            layers: [0, 1],
            neuronsPerLayer: 2,
            values: f.factors.map(() => new Float32Array([1, 2, 3, 4])),
          },
        }),
      ),
    );
  };

  const cases: Array<[string, (j: ReturnType<typeof base>) => unknown, string, RegExp]> = [
    ['null', () => null, 'INVALID_RESULT_JSON', /top level must be an object/],
    ['an array', () => [], 'INVALID_RESULT_JSON', /top level must be an object/],
    ['no tokens', ({ tokens: _, ...j }) => j, 'INVALID_RESULT_JSON', /"tokens" is missing/],
    [
      'factors not a matrix',
      (j) => ({ ...j, factors: [1, 2] }),
      'INVALID_RESULT_JSON',
      /"factors" must be a list of lists/,
    ],
    [
      'loadings not an object',
      (j) => ({ ...j, loadings: 'x' }),
      'INVALID_RESULT_JSON',
      /"loadings" must be an object/,
    ],
    [
      'loadings.values not a list (was a raw TypeError)',
      (j) => ({ ...j, loadings: { ...j.loadings, values: { 0: 1 } } }),
      'INVALID_RESULT_JSON',
      /"loadings.values" must be a list/,
    ],
    [
      'loadings without layers',
      (j) => ({ ...j, loadings: { ...j.loadings, layers: undefined } }),
      'INVALID_RESULT_JSON',
      /"loadings.layers"/,
    ],
    [
      'loadings with a bad neuronsPerLayer',
      (j) => ({ ...j, loadings: { ...j.loadings, neuronsPerLayer: 0 } }),
      'INVALID_RESULT_JSON',
      /neuronsPerLayer" must be a positive integer/,
    ],
    [
      'a row per factor missing',
      (j) => ({ ...j, loadings: { ...j.loadings, values: j.loadings.values.slice(1) } }),
      'INVALID_RESULT_JSON',
      /has 7 rows for 8 factors/,
    ],
    [
      'a row that is a plain number list',
      (j) => ({
        ...j,
        loadings: { ...j.loadings, values: j.loadings.values.map(() => [1, 2, 3, 4]) },
      }),
      'INVALID_RESULT_JSON',
      /encoded float32 array/,
    ],
    [
      'a null row',
      (j) => ({ ...j, loadings: { ...j.loadings, values: j.loadings.values.map(() => null) } }),
      'INVALID_RESULT_JSON',
      /encoded float32 array/,
    ],
    [
      'a row of the wrong width',
      (j) => {
        const narrow = factorizationToJson({
          tokens: [],
          factors: [],
          loadings: { layers: [0], neuronsPerLayer: 1, values: [new Float32Array([1, 2])] },
        }).loadings!.values[0];
        return { ...j, loadings: { ...j.loadings, values: j.loadings.values.map(() => narrow) } };
      },
      'INVALID_RESULT_JSON',
      /loadings row 0 has 2 values, expected layers × neuronsPerLayer = 4/,
    ],
    [
      'bad base64',
      (j) => ({
        ...j,
        loadings: {
          ...j.loadings,
          values: j.loadings.values.map(() => ({ dtype: 'float32', length: 4, base64: '%%%' })),
        },
      }),
      'INVALID_RESULT_JSON',
      /not valid base64/,
    ],
    [
      'ragged factors (validated as a Factorization)',
      (j) => ({ ...j, factors: j.factors.map((r: number[]) => r.slice(1)) }),
      'INVALID_FACTORIZATION',
      /has 362 values but there are 363 tokens/,
    ],
    [
      'a broken token (validated as a Factorization)',
      (j) => ({ ...j, tokens: j.tokens.map((t: object) => ({ ...t, position: 0 })) }),
      'INVALID_FACTORIZATION',
      /token 1 has position 0; expected 1/,
    ],
  ];
  for (const [name, mutate, code, message] of cases) {
    it(`rejects ${name} with ${code}`, () => {
      let caught: unknown;
      try {
        factorizationFromJson(mutate(base()) as never);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(EccoError);
      expect(isEccoError(caught, code as never)).toBe(true);
      expect((caught as EccoError).message).toMatch(message);
      expect((caught as EccoError).hint).toBeTruthy();
    });
  }

  it('still reads the untouched JSON', () => {
    expect(factorizationFromJson(base()).loadings!.values).toHaveLength(8);
  });
});
