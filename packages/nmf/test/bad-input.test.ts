import { type EccoErrorCode, isEccoError } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { jsEngine, type NmfEngine, nmf } from '../src/index.js';

async function rejectsWith(promise: Promise<unknown>, code: EccoErrorCode, text: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isEccoError(error, code), `expected EccoError ${code}, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(text);
  return error as Error & { details?: Record<string, unknown> };
}

const good = Float32Array.from([1, 2, 3, 4, 5, 6]);

describe('nmf() bad input', () => {
  it('refuses NaN and ±Infinity, saying where', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const x = Float64Array.from([1, 2, 3, 4, bad, 6]);
      const e = await rejectsWith(
        nmf(x, [2, 3], { nComponents: 1 }),
        'NMF_INVALID_INPUT',
        /non-finite value .* row 1, column 1/,
      );
      expect(e.details).toEqual({ row: 1, col: 1 });
    }
  });

  it('refuses float64 values above float32 range (they would become Infinity), saying where', async () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 1e39]);
    const e = await rejectsWith(
      nmf(x, [2, 3], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /value \(1e\+39\) above float32's largest .* at row 1, column 2/,
    );
    expect(e.details).toEqual({ row: 1, col: 2 });
    // float32's largest finite value itself is accepted.
    const edge = Float64Array.from([1, 2, 3, 4, 5, 3.4028234663852886e38]);
    const r = await nmf(edge, [2, 3], { nComponents: 1, init: 'random', maxIter: 2 });
    expect(r.W).toHaveLength(2);
  });

  it('maps an engine failing during the solve to INTERNAL with the original error as cause', async () => {
    const boom = new TypeError('engine exploded');
    const failing: NmfEngine = {
      name: 'failing',
      async prepare(...args) {
        const session = await jsEngine.prepare(...args);
        return {
          ...session,
          name: 'failing',
          fused: undefined,
          xTimes() {
            throw boom;
          },
        };
      },
    };
    const e = await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, init: 'random', engine: failing }),
      'INTERNAL',
      /failing NMF engine failed during the solve/,
    );
    expect(e.cause).toBe(boom);
  });

  it('refuses negative values and points to runNmf, which clips', async () => {
    await rejectsWith(
      nmf(Float32Array.from([1, -0.5, 3, 4]), [2, 2], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /negative value \(-0.5\) at row 0, column 1.*runNmf/,
    );
  });

  it('refuses nComponents < 1 or not an integer', async () => {
    for (const k of [0, -1, 1.5, Number.NaN, '2' as unknown as number, undefined]) {
      await rejectsWith(
        nmf(good, [2, 3], { nComponents: k as number }),
        'NMF_INVALID_COMPONENTS',
        /nComponents must be an integer ≥ 1/,
      );
    }
  });

  it('refuses nndsvd inits with more components than min(rows, cols), as scikit-learn', async () => {
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 3, init: 'nndsvd' }),
      'NMF_INVALID_COMPONENTS',
      /min\(rows, cols\) = 2/,
    );
    // 'random' allows it.
    const r = await nmf(good, [2, 3], { nComponents: 3, init: 'random', maxIter: 5 });
    expect(r.W).toHaveLength(6);
  });

  it('refuses empty and mis-shaped matrices', async () => {
    await rejectsWith(
      nmf(new Float32Array(0), [0, 3], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /empty/,
    );
    await rejectsWith(
      nmf(new Float32Array(0), [2, 0], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /empty/,
    );
    await rejectsWith(
      nmf(good, [4, 2], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /6 values but shape \[4, 2\] needs 8/,
    );
    await rejectsWith(
      nmf(good, [2.5, 3] as unknown as [number, number], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /shape must be/,
    );
    await rejectsWith(
      nmf(good, [6] as unknown as [number, number], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /shape must be/,
    );
    await rejectsWith(
      nmf([1, 2] as unknown as Float32Array, [1, 2], { nComponents: 1 }),
      'NMF_INVALID_INPUT',
      /Float32Array or Float64Array/,
    );
  });

  it('refuses an already-aborted signal and one aborted mid-run', async () => {
    const before = new AbortController();
    before.abort();
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, signal: before.signal }),
      'ABORTED',
      /cancelled/,
    );

    const x = new Float32Array(200 * 300).map((_, i) => (i * 7919) % 13);
    // Aborted from a timer: proves the solver lets the event loop run between iterations.
    const during = new AbortController();
    let iterations = 0;
    const run = nmf(x, [200, 300], {
      nComponents: 4,
      maxIter: 100_000,
      tol: 0,
      progressEveryMs: 0,
      signal: during.signal,
      onProgress: (p) => {
        if (iterations === 0) setTimeout(() => during.abort(new Error('user closed the page')), 20);
        iterations = p.iteration;
      },
    });
    const e = await rejectsWith(run, 'ABORTED', /NMF was cancelled/);
    expect(iterations).toBeGreaterThan(0);
    expect(iterations).toBeLessThan(100_000);
    expect((e.cause as Error).message).toBe('user closed the page');
  });

  it('refuses unknown options with the allowed values', async () => {
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, init: 'svd' as 'random' }),
      'INVALID_ARGUMENT',
      /init must be one of 'random', 'nndsvd', 'nndsvda', 'nndsvdar'/,
    );
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, solver: 'als' as 'cd' }),
      'INVALID_ARGUMENT',
      /solver must be one of/,
    );
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, betaLoss: 'kullback-leibler' }),
      'INVALID_ARGUMENT',
      /needs solver 'mu'/,
    );
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, maxIter: 0 }),
      'INVALID_ARGUMENT',
      /maxIter/,
    );
    await rejectsWith(nmf(good, [2, 3], { nComponents: 1, tol: -1 }), 'INVALID_ARGUMENT', /tol/);
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, randomState: -3 }),
      'INVALID_ARGUMENT',
      /randomState/,
    );
    await rejectsWith(
      nmf(good, [2, 3], { nComponents: 1, engine: 'gpu' as 'js' }),
      'INVALID_ARGUMENT',
      /engine must be/,
    );
    await rejectsWith(
      nmf(good, [2, 3], undefined as unknown as { nComponents: number }),
      'INVALID_ARGUMENT',
      /options object/,
    );
  });

  it('accepts an all-zero matrix and returns zero factors with zero error', async () => {
    const r = await nmf(new Float32Array(12), [3, 4], { nComponents: 2, init: 'random' });
    expect(r.reconstructionError).toBe(0);
    expect(r.converged).toBe(true);
    expect(r.nIter).toBe(1);
    expect([...r.W, ...r.H].every((v) => v === 0)).toBe(true);
    const s = await nmf(new Float32Array(12), [3, 4], { nComponents: 2, init: 'nndsvda' });
    expect([...s.W, ...s.H].every((v) => Number.isFinite(v))).toBe(true);
  });
});
