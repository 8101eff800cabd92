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
      // Threads take column ranges of X; only their partials of X·Hᵀ and of the Gram matrix
      // are added in another order.
      expect(threaded.reconstructionError / single.reconstructionError).toBeCloseTo(1, 6);
      const scale = Math.max(...single.H);
      let worst = 0;
      for (let i = 0; i < single.H.length; i++) {
        worst = Math.max(worst, Math.abs(threaded.H[i] - single.H[i]));
      }
      expect(worst / scale).toBeLessThan(1e-4);
    });
  }

  it('is deterministic for a given thread count, and handles tall X (split by rows)', async () => {
    const tall = smallMatrix(cols, rows, 5, 0.6);
    const options = { nComponents: 6, init: 'random' as const, maxIter: 25, tol: 0 };
    const engine = createNodeThreadedEngine(2);
    const a = await nmf(tall, [cols, rows], { ...options, engine });
    const b = await nmf(tall, [cols, rows], { ...options, engine });
    expect(Buffer.from(a.W.buffer).equals(Buffer.from(b.W.buffer))).toBe(true);
    expect(Buffer.from(a.H.buffer).equals(Buffer.from(b.H.buffer))).toBe(true);
    const single = await nmf(tall, [cols, rows], { ...options, engine: 'wasm' });
    expect(a.reconstructionError / single.reconstructionError).toBeCloseTo(1, 6);
    const scale = Math.max(...single.W);
    let worst = 0;
    for (let i = 0; i < single.W.length; i++)
      worst = Math.max(worst, Math.abs(a.W[i] - single.W[i]));
    expect(worst / scale).toBeLessThan(1e-4);
  });

  it('stops on tol like the single-threaded engine, and the Node entry uses it for large X', async () => {
    const r = await node.nmf(x, [rows, cols], { nComponents: 5, init: 'random' });
    expect(r.engine).toMatch(/^wasm-sparse×\d$/);
    const single = await nmf(x, [rows, cols], { nComponents: 5, init: 'random', engine: 'wasm' });
    expect(Math.abs(r.nIter - single.nIter)).toBeLessThanOrEqual(2);
    expect(r.converged).toBe(single.converged);
  });

  it('refuses a thread count below 1 or above 16', () => {
    expect(() => createNodeThreadedEngine(0)).toThrow(/threads must be an integer from 1 to 16/);
    expect(() => createNodeThreadedEngine(17)).toThrow(/threads must be an integer from 1 to 16/);
  });
});
