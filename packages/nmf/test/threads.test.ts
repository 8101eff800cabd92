import { describe, expect, it } from 'vitest';
import { nmf } from '../src/index.js';
import * as node from '../src/node.js';
import { createNodeThreadedEngine } from '../src/node-threads.js';
import { smallMatrix } from './fixtures.js';

describe('threaded WebAssembly engine (worker_threads)', () => {
  // 4097 columns: more than one cache block; 301 rows: not a multiple of 4 or of the threads.
  const rows = 301;
  const cols = 4097;
  const x = smallMatrix(rows, cols, 17, 0.6);

  for (const threads of [2, 3]) {
    it(`${threads} threads give the single-threaded result`, async () => {
      const options = { nComponents: 7, init: 'random' as const, maxIter: 30, tol: 0 };
      const threaded = await nmf(x, [rows, cols], {
        ...options,
        engine: createNodeThreadedEngine(threads),
      });
      const single = await nmf(x, [rows, cols], { ...options, engine: 'wasm' });
      expect(threaded.engine).toBe(`wasm-sparse×${threads}`);
      expect(single.engine).toBe('wasm-sparse');
      expect(threaded.nIter).toBe(30);
      // Products are split by rows (identical sums); only the Gram matrix's partial sums are
      // added in another order.
      expect(threaded.reconstructionError / single.reconstructionError).toBeCloseTo(1, 6);
      const scale = Math.max(...single.H);
      let worst = 0;
      for (let i = 0; i < single.H.length; i++) {
        worst = Math.max(worst, Math.abs(threaded.H[i] - single.H[i]));
      }
      expect(worst / scale).toBeLessThan(1e-4);
    });
  }

  it('stops on tol like the single-threaded engine, and the Node entry uses it for large X', async () => {
    const r = await node.nmf(x, [rows, cols], { nComponents: 5, init: 'random' });
    expect(r.engine).toMatch(/^wasm-sparse×\d$/);
    const single = await nmf(x, [rows, cols], { nComponents: 5, init: 'random', engine: 'wasm' });
    expect(Math.abs(r.nIter - single.nIter)).toBeLessThanOrEqual(2);
    expect(r.converged).toBe(single.converged);
  });

  it('refuses a thread count below 1', () => {
    expect(() => createNodeThreadedEngine(0)).toThrow(/threads must be an integer ≥ 1/);
  });
});
