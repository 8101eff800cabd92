import { createRequire } from 'node:module';
import { isEccoError } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { matMulModel } from '../src/engine/onnx-model.js';
import { createOrtEngine, nmf, type OrtLike } from '../src/index.js';
import * as node from '../src/node.js';
import { smallMatrix } from './fixtures.js';
import { maxRelativeDiff } from './reference-kernels.js';

const ort = createRequire(import.meta.url)('onnxruntime-node') as OrtLike & {
  InferenceSession: {
    create(
      m: Uint8Array,
    ): Promise<{ run(f: object): Promise<Record<string, { data: Float32Array; dims: number[] }>> }>;
  };
};

describe('onnxruntime engine', () => {
  it('writes a MatMul model onnxruntime loads and runs', async () => {
    const model = matMulModel(
      { name: 'A', dims: ['m', 'n'] },
      { name: 'B', dims: [3, 'p'] },
      { name: 'C', dims: ['m', 'p'] },
    );
    const session = await ort.InferenceSession.create(model);
    const a = new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    const b = new ort.Tensor('float32', Float32Array.from([1, 0, 0, 1, 1, 1]), [3, 2]);
    const { C } = await session.run({ A: a, B: b });
    expect([...(C.data as Float32Array)]).toEqual([4, 5, 10, 11]);
    expect((C as unknown as { dims: number[] }).dims).toEqual([2, 2]);
  });

  it('gives the factorization the WebAssembly engine gives', async () => {
    const rows = 50;
    const cols = 700;
    const x = smallMatrix(rows, cols, 21, 0.1);
    const options = { nComponents: 6, init: 'random' as const, maxIter: 150, tol: 0 };
    const viaOrt = await nmf(x, [rows, cols], { ...options, engine: createOrtEngine(ort) });
    const viaWasm = await nmf(x, [rows, cols], { ...options, engine: 'wasm' });
    expect(viaOrt.engine).toBe('onnxruntime+wasm');
    expect(viaOrt.nIter).toBe(150);
    expect(viaOrt.reconstructionError / viaWasm.reconstructionError).toBeCloseTo(1, 5);
    expect(maxRelativeDiff(viaOrt.H, viaWasm.H)).toBeLessThan(1e-3);
  });

  it('refuses something that is not the onnxruntime module', () => {
    let error: unknown;
    try {
      createOrtEngine({} as OrtLike);
    } catch (e) {
      error = e;
    }
    expect(isEccoError(error, 'INVALID_ARGUMENT')).toBe(true);
  });

  it('is offered by the Node entry but not chosen automatically', async () => {
    const engines = await node.nodeEngines();
    expect(Object.keys(engines).sort()).toEqual(['onnxruntime', 'wasm-threads']);
    const dense = smallMatrix(20, 200, 3, 0);
    const viaNode = await node.nmf(dense, [20, 200], { nComponents: 3, maxIter: 10 });
    expect(viaNode.engine).toBe('wasm-dense');
    const viaOrt = await node.nmf(dense, [20, 200], {
      nComponents: 3,
      maxIter: 10,
      engine: engines.onnxruntime,
    });
    expect(viaOrt.engine).toBe('onnxruntime+wasm');
    expect(viaOrt.reconstructionError / viaNode.reconstructionError).toBeCloseTo(1, 5);
  });
});
