import type { EccoErrorCode } from '@explainable-ecco/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeMask, explain, renderRecord, scoreExplanations } from '../src/node.js';
import { markerFactorization } from './helpers/factorizations.js';

afterEach(() => vi.unstubAllEnvs());

async function codeOf(promise: Promise<unknown>): Promise<EccoErrorCode | string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toMatchObject({ name: 'EccoError' });
    expect((error as Error).message.length).toBeGreaterThan(20); // says what to do, not just a code
    return (error as { code: EccoErrorCode }).code;
  }
}

const good = markerFactorization(2);

describe('bad input gives a typed error', () => {
  it('empty factorization', async () => {
    expect(await codeOf(explain({ tokens: [], factors: [] }))).toBe('EMPTY_FACTORIZATION');
    expect(await codeOf(explain({ ...good, factors: [] }))).toBe('EMPTY_FACTORIZATION');
  });

  it('NaN values', async () => {
    const factors = good.factors.map((r) => [...r]);
    factors[1]![2] = Number.NaN;
    expect(await codeOf(explain({ ...good, factors }))).toBe('INVALID_FACTORIZATION');
    const ecco = {
      tokens: [{ token: 'a', token_id: 1, type: 'input', position: 0 }],
      factors: [[[Number.NaN]]],
    };
    expect(await codeOf(explain(ecco as never))).toBe('INVALID_ECCO_JSON');
  });

  it('factors whose length differs from the tokens', async () => {
    expect(await codeOf(explain({ ...good, factors: [good.factors[0]!.slice(1)] }))).toBe(
      'INVALID_FACTORIZATION',
    );
  });

  it('not a factorization at all', async () => {
    expect(await codeOf(explain(null as never))).toBe('INVALID_FACTORIZATION');
    expect(await codeOf(explain('hello' as never))).toBe('INVALID_FACTORIZATION');
  });

  it('unknown provider', async () => {
    expect(await codeOf(explain(good, { provider: 'anthropic' as never }))).toBe(
      'UNKNOWN_PROVIDER',
    );
    expect(await codeOf(explain(good, { provider: { id: 'x' } as never }))).toBe(
      'UNKNOWN_PROVIDER',
    );
  });

  it('openai without a key or server URL', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    expect(await codeOf(explain(good, { provider: 'openai' }))).toBe('MISSING_API_KEY');
  });

  it('options that cannot work', async () => {
    expect(await codeOf(explain(good, { concurrency: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(explain(good, { timeoutMs: -1 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(explain(good, { format: 'xml' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(explain(good, { mask: { kind: 'top-k', k: 0 } }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(explain(good, { mask: { kind: 'median' } as never }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await codeOf(explain(good, { cache: {} as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(explain(good, { provider: 'openai', baseURL: 'not a url' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(() => activeMask([1, 2], { kind: 'quantile', q: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => renderRecord({ tokens: [] }, 'yaml' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('scoring explanations that do not belong to the factorization', async () => {
    expect(await codeOf(scoreExplanations(good, [{ factor: 5, text: 'x', provider: 'h' }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await codeOf(scoreExplanations(good, 'nope' as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(scoreExplanations(good, [], { simulator: 'magic' as never }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});
