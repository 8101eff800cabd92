import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../src/index.js';

describe('rejectionOf', () => {
  it('returns what a promise rejects with, or a function throws', async () => {
    const error = Object.assign(new Error('no model'), { code: 'MODEL_NOT_FOUND' });
    expect(await rejectionOf(Promise.reject(error))).toBe(error);
    expect(
      await rejectionOf(() => {
        throw error;
      }),
    ).toBe(error);
    expect(await rejectionOf(async () => Promise.reject(error))).toBe(error);
  });

  it('fails when the call succeeds', async () => {
    await expect(rejectionOf(Promise.resolve(1))).rejects.toThrow(/expected a rejection/);
    await expect(rejectionOf(() => 1)).rejects.toThrow(/expected a rejection/);
  });
});
