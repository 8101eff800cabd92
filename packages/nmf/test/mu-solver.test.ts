import { describe, expect, it } from 'vitest';
import type { NmfEngine } from '../src/index.js';
import { jsEngine, nmf, wasmEngine } from '../src/index.js';
import { smallMatrix } from './fixtures.js';

/** Wraps an engine, counting the passes over X its sessions make through xTimes and xtTimes. */
function counting(base: NmfEngine) {
  const passes = { xTimes: 0, xtTimes: 0 };
  const engine: NmfEngine = {
    name: `counting ${base.name}`,
    async prepare(x, rows, cols, reserve) {
      const session = await base.prepare(x, rows, cols, reserve);
      return {
        ...session,
        xTimes(b, out, width) {
          passes.xTimes++;
          return session.xTimes(b, out, width);
        },
        xtTimes(a, out, width) {
          passes.xtTimes++;
          return session.xtTimes(a, out, width);
        },
      };
    },
  };
  return { engine, passes };
}

describe('multiplicative updates (Frobenius)', () => {
  for (const base of [wasmEngine, jsEngine]) {
    it(`${base.name}: the error check reuses X·Hᵀ for the next update (one xTimes per iteration)`, async () => {
      const rows = 30;
      const cols = 200;
      const x = smallMatrix(rows, cols, 4, 0.5);
      const options = { nComponents: 4, init: 'random' as const, solver: 'mu' as const };
      const maxIter = 30;
      // tol > 0: the error is evaluated at the start and every 10 iterations.
      const checked = counting(base);
      const a = await nmf(x, [rows, cols], {
        ...options,
        maxIter,
        tol: 1e-300,
        engine: checked.engine,
      });
      expect(a.nIter).toBe(maxIter);
      // Each evaluation's X·Hᵀ serves the W update after it; only the last one has none.
      expect(checked.passes).toEqual({ xTimes: maxIter + 1, xtTimes: maxIter });
      // The evaluations leave the iterates as they were: same bits as a run without them.
      const unchecked = counting(base);
      const b = await nmf(x, [rows, cols], {
        ...options,
        maxIter,
        tol: 0,
        engine: unchecked.engine,
      });
      expect(unchecked.passes).toEqual({ xTimes: maxIter, xtTimes: maxIter });
      expect(Buffer.from(a.W.buffer).equals(Buffer.from(b.W.buffer))).toBe(true);
      expect(Buffer.from(a.H.buffer).equals(Buffer.from(b.H.buffer))).toBe(true);
      expect(a.reconstructionError).toBe(b.reconstructionError);
    });
  }
});
