import { describe, expect, it } from 'vitest';
import { nmf } from '../src/index.js';
import { smallMatrix } from './fixtures.js';
import { maxRelativeDiff } from './reference-kernels.js';

describe('determinism', () => {
  const rows = 37;
  const cols = 210;
  const x = smallMatrix(rows, cols, 7);

  for (const engine of ['wasm', 'js'] as const) {
    for (const init of ['random', 'nndsvdar'] as const) {
      it(`same randomState gives bit-identical W and H (${engine}, ${init})`, async () => {
        const opts = { nComponents: 6, init, maxIter: 80, randomState: 12345, engine };
        const a = await nmf(x, [rows, cols], opts);
        const b = await nmf(x, [rows, cols], opts);
        expect(Buffer.from(a.W.buffer).equals(Buffer.from(b.W.buffer))).toBe(true);
        expect(Buffer.from(a.H.buffer).equals(Buffer.from(b.H.buffer))).toBe(true);
        expect(a.reconstructionError).toBe(b.reconstructionError);
        const c = await nmf(x, [rows, cols], { ...opts, randomState: 54321 });
        expect(Buffer.from(a.W.buffer).equals(Buffer.from(c.W.buffer))).toBe(false);
      });
    }
  }

  it('Float64Array and Float32Array inputs give the same result', async () => {
    const a = await nmf(x, [rows, cols], { nComponents: 4, maxIter: 50 });
    const b = await nmf(Float64Array.from(x), [rows, cols], { nComponents: 4, maxIter: 50 });
    expect(Buffer.from(a.W.buffer).equals(Buffer.from(b.W.buffer))).toBe(true);
  });

  it('the wasm and js engines agree to float32 rounding', async () => {
    const opts = { nComponents: 5, init: 'random' as const, maxIter: 60, tol: 0 };
    const a = await nmf(x, [rows, cols], { ...opts, engine: 'wasm' });
    const b = await nmf(x, [rows, cols], { ...opts, engine: 'js' });
    expect(a.engine).toMatch(/^wasm-/);
    expect(b.engine).toMatch(/^js-/);
    expect(a.nIter).toBe(60);
    expect(b.reconstructionError / a.reconstructionError).toBeCloseTo(1, 5);
    expect(maxRelativeDiff(b.W, a.W)).toBeLessThan(1e-3);
  });

  it('does not modify X', async () => {
    const copy = Float32Array.from(x);
    await nmf(x, [rows, cols], { nComponents: 3, maxIter: 20 });
    expect(Buffer.from(x.buffer).equals(Buffer.from(copy.buffer))).toBe(true);
  });
});
