import { describe, expect, it } from 'vitest';
import {
  EccoError,
  type Factorization,
  isEccoError,
  makeTokens,
  toFactorization,
  validateFactorization,
} from '../src/index.js';

function caught(fn: () => unknown): EccoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EccoError);
    return e as EccoError;
  }
  throw new Error('expected a throw');
}

const good = (): Factorization => ({
  tokens: makeTokens([{ text: 'Hello' }, { text: 'Ġworld' }], 'byte-bpe'),
  factors: [
    [1, 0],
    [0, 1],
  ],
});

describe('ecco data without the outer factors list', () => {
  const eccoFlat = {
    tokens: [
      { token: 'a', token_id: 1, type: 'input', position: 0 },
      { token: 'b', token_id: 2, type: 'input', position: 1 },
    ],
    factors: [
      [0.5, 0.1],
      [0.2, 0.3],
    ],
  };

  it('is rejected by toFactorization as INVALID_ECCO_JSON naming the missing outer list', () => {
    const e = caught(() => toFactorization(eccoFlat));
    expect(isEccoError(e, 'INVALID_ECCO_JSON')).toBe(true);
    expect(e.message).toMatch(/wrong nesting.*2 × 2 matrix without ecco's outer list/);
    expect(e.hint).toMatch(/printJson/);
  });

  it('still reads once wrapped in the outer list', () => {
    const f = toFactorization({ ...eccoFlat, factors: [eccoFlat.factors] });
    expect(f.factors).toEqual(eccoFlat.factors);
    expect(f.tokens[1]).toMatchObject({ text: 'b', display: 'b', position: 1, kind: 'input' });
  });

  it('is rejected by validateFactorization too, pointing at fromEccoJson', () => {
    const e = caught(() => validateFactorization(eccoFlat as unknown as Factorization));
    expect(isEccoError(e, 'INVALID_FACTORIZATION')).toBe(true);
    expect(e.message).toMatch(/token 0 has ecco's "token" field but no "text"/);
  });
});

describe('validateFactorization checks every token', () => {
  it('accepts well-formed tokens', () => {
    expect(() => validateFactorization(good())).not.toThrow();
    expect(toFactorization(good()).tokens).toHaveLength(2);
  });

  const broken: Array<[string, (t: Record<string, unknown>) => unknown, RegExp]> = [
    ['a non-object token', () => 'Hello', /token 1 is not an object/],
    ['a null token', () => null, /token 1 is not an object/],
    ['missing text', ({ text: _, ...t }) => t, /token 1 has no string "text"/],
    ['non-string text', (t) => ({ ...t, text: 7 }), /token 1 has no string "text"/],
    ['missing display', ({ display: _, ...t }) => t, /token 1 has no string "display"/],
    ['non-integer id', (t) => ({ ...t, id: 1.5 }), /token 1 has id 1.5; expected an integer/],
    ['string id', (t) => ({ ...t, id: '2' }), /token 1 has id "2"/],
    ['wrong position', (t) => ({ ...t, position: 0 }), /token 1 has position 0; expected 1/],
    ['missing position', ({ position: _, ...t }) => t, /token 1 has position undefined/],
    ['unknown kind', (t) => ({ ...t, kind: 'prompt' }), /token 1 has kind "prompt"/],
    [
      'non-boolean continuesWord',
      (t) => ({ ...t, continuesWord: 'yes' }),
      /"continuesWord" that is not a boolean/,
    ],
  ];
  for (const [name, mutate, message] of broken) {
    it(`rejects ${name} with INVALID_FACTORIZATION and a hint`, () => {
      const f = good();
      (f.tokens as unknown[])[1] = mutate({ ...f.tokens[1]! });
      for (const call of [() => validateFactorization(f), () => toFactorization(f)]) {
        const e = caught(call);
        expect(e.code).toBe('INVALID_FACTORIZATION');
        expect(e.message).toMatch(message);
        expect(e.hint).toMatch(/makeTokens/);
        expect(e.details).toEqual({ token: 1 });
      }
    });
  }

  it('keeps EMPTY_FACTORIZATION for no tokens or no factors', () => {
    expect(caught(() => toFactorization({ tokens: [], factors: [] })).code).toBe(
      'EMPTY_FACTORIZATION',
    );
    expect(caught(() => toFactorization({ ...good(), factors: [] })).code).toBe(
      'EMPTY_FACTORIZATION',
    );
  });
});
