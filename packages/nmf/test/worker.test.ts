import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type EccoError, isEccoError, makeTokens } from '@explainable-ecco/core';
import { afterAll, describe, expect, it } from 'vitest';
import { nmf, nmfInWorker, runNmf, runNmfInWorker, type WorkerLike } from '../src/index.js';
import { smallMatrix } from './fixtures.js';

/** A Node Worker behind the Web Worker message API the client expects. */
function wrap(worker: Worker): WorkerLike {
  const handlers = new Map<unknown, (value: unknown) => void>();
  const add = (type: 'message' | 'error', listener: (event: never) => void) => {
    const fn = listener as (event: unknown) => void;
    const handler =
      type === 'message'
        ? (data: unknown) => fn({ data })
        : (error: unknown) => fn({ message: (error as Error).message });
    handlers.set(listener, handler);
    worker.on(type, handler);
  };
  const remove = (type: 'message' | 'error', listener: (event: never) => void) => {
    const handler = handlers.get(listener);
    if (handler) worker.off(type, handler);
  };
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer as never),
    addEventListener: add,
    removeEventListener: remove,
  };
}

const nodeWorker = new Worker(fileURLToPath(new URL('./node-worker.mjs', import.meta.url)));
const worker = wrap(nodeWorker);
afterAll(() => nodeWorker.terminate());

const rows = 40;
const cols = 300;
const x = smallMatrix(rows, cols, 5);

async function errorOf(p: Promise<unknown>): Promise<EccoError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
  expect(isEccoError(e)).toBe(true);
  return e as EccoError;
}

describe('worker entry and client', () => {
  it('nmfInWorker returns what nmf returns in-process', async () => {
    const options = { nComponents: 4, maxIter: 100, randomState: 3 };
    const [inWorker, local] = await Promise.all([
      nmfInWorker(worker, x, [rows, cols], options),
      nmf(x, [rows, cols], options),
    ]);
    expect(inWorker.W).toBeInstanceOf(Float32Array);
    expect([...inWorker.W]).toEqual([...local.W]);
    expect([...inWorker.H]).toEqual([...local.H]);
    expect(inWorker.reconstructionError).toBe(local.reconstructionError);
    expect(x[0]).toBe(smallMatrix(rows, cols, 5)[0]); // copied, not transferred
  });

  it('runNmfInWorker returns factorizations equal to runNmf, with progress', async () => {
    const pieces = Array.from({ length: 12 }, (_, i) => ({ text: `Ġw${i}` }));
    const data = smallMatrix(2 * 30, 12, 9, 0.4).map((v, i) => (i % 5 === 0 ? -v : v));
    const output = {
      tokens: makeTokens(pieces),
      activations: { layers: [0, 1], neurons: 30, positions: 12, data },
    };
    const progress: number[] = [];
    const remote = await runNmfInWorker(worker, output, {
      nComponents: 3,
      progressEveryMs: 0,
      onProgress: (p) => progress.push(p.iteration),
    });
    const local = await runNmf(output, { nComponents: 3 });
    expect(remote.factors).toEqual(local.factors);
    expect(remote.layerShare).toEqual(local.layerShare);
    expect([...remote.loadings!.values[2]]).toEqual([...local.loadings!.values[2]]);
    expect(remote.tokens).toEqual(local.tokens);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBe(local.source?.nIter);
  });

  it('carries typed errors across with code, message and details', async () => {
    const bad = Float32Array.from([1, 2, -3, 4]);
    const e = await errorOf(nmfInWorker(worker, bad, [2, 2], { nComponents: 1 }));
    expect(e.code).toBe('NMF_INVALID_INPUT');
    expect(e.message).toMatch(/negative value \(-3\) at row 1, column 0/);
    expect(e.details).toEqual({ row: 1, col: 0 });
    expect(e.hint).toMatch(/runNmf/);
    const layers = await errorOf(
      runNmfInWorker(
        worker,
        { layers: [0, 1], neurons: 2, positions: 3, data: new Float32Array(12) },
        { fromLayer: 0, toLayer: 5 },
      ),
    );
    expect(layers.code).toBe('LAYER_NOT_CAPTURED');
    expect(layers.details).toMatchObject({ available: [0, 1] });
  });

  it('cancels: rejects at once and frees the worker for the next job', async () => {
    const big = smallMatrix(300, 2000, 11);
    const controller = new AbortController();
    const started = performance.now();
    const run = nmfInWorker(worker, big, [300, 2000], {
      nComponents: 8,
      maxIter: 1_000_000,
      tol: 0,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const e = await errorOf(run);
    expect(e.code).toBe('ABORTED');
    expect(performance.now() - started).toBeLessThan(20_000);
    // The worker stopped the solve: a small job now finishes (it would queue behind a million
    // iterations otherwise).
    const next = await nmfInWorker(worker, x, [rows, cols], { nComponents: 2, maxIter: 5 });
    expect(next.nIter).toBe(5);
  });

  it('refuses engine objects, which cannot cross into a worker', async () => {
    const e = await errorOf(
      nmfInWorker(worker, x, [rows, cols], {
        nComponents: 2,
        engine: { name: 'custom' } as unknown as 'js',
      }),
    );
    expect(e.code).toBe('INVALID_ARGUMENT');
  });

  it('rejects with a typed error and detaches its listeners when postMessage throws', async () => {
    const listeners = new Set<unknown>();
    const controller = new AbortController();
    let posts = 0;
    const throwing: WorkerLike = {
      postMessage() {
        posts++;
        throw new DOMException('function could not be cloned', 'DataCloneError');
      },
      addEventListener: (_type: string, listener: unknown) => void listeners.add(listener),
      removeEventListener: (_type: string, listener: unknown) => void listeners.delete(listener),
    } as WorkerLike;
    const e = await errorOf(
      nmfInWorker(throwing, x, [rows, cols], { nComponents: 2, signal: controller.signal }),
    );
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toMatch(
      /could not be sent to the worker \(DataCloneError: .*structured-cloneable/,
    );
    expect((e.cause as DOMException).name).toBe('DataCloneError');
    expect(listeners.size).toBe(0);
    // The abort listener is gone too: aborting now posts no cancel message.
    controller.abort();
    expect(posts).toBe(1);
    const f = await errorOf(
      runNmfInWorker(throwing, {
        activations: { data: new Float32Array(4), layers: 1, neurons: 2, positions: 2 },
      } as never),
    );
    expect(f.code).toBe('INVALID_ARGUMENT');
    expect(listeners.size).toBe(0);
  });
});
