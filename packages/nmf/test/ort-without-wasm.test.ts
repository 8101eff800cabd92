import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { createOrtEngine, nmf, type OrtLike } from '../src/index.js';
import { smallMatrix } from './fixtures.js';
import { maxRelativeDiff } from './reference-kernels.js';

// A runtime whose Content-Security-Policy forbids WebAssembly: the onnxruntime engine runs its
// sweeps on the JavaScript kernels.
vi.mock(import('../src/engine/select-engine.js'), async (original) => ({
  ...(await original()),
  wasmAvailable: async () => false,
}));

const ort = createRequire(import.meta.url)('onnxruntime-node') as OrtLike;

describe('onnxruntime engine without WebAssembly', () => {
  it('sweeps in JavaScript and gives the js engine’s factorization', async () => {
    const rows = 40;
    const cols = 300;
    const x = smallMatrix(rows, cols, 9, 0.2);
    const options = { nComponents: 5, init: 'nndsvda' as const, maxIter: 80, tol: 0 };
    const viaOrt = await nmf(x, [rows, cols], { ...options, engine: createOrtEngine(ort) });
    const viaJs = await nmf(x, [rows, cols], { ...options, engine: 'js' });
    expect(viaOrt.engine).toBe('onnxruntime+js');
    expect(viaJs.engine).toBe('js-dense');
    expect(viaOrt.nIter).toBe(80);
    expect(viaOrt.reconstructionError / viaJs.reconstructionError).toBeCloseTo(1, 5);
    expect(maxRelativeDiff(viaOrt.W, viaJs.W)).toBeLessThan(1e-3);
  });
});
