import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isEccoError } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { createThreadedWasmEngine } from '../src/engine/threaded-wasm-engine.js';
import { nmf } from '../src/index.js';
import * as node from '../src/node.js';
import { createNodeThreadedEngine } from '../src/node-threads.js';
import { smallMatrix } from './fixtures.js';
import { maxRelativeDiff } from './reference-kernels.js';

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
      expect(maxRelativeDiff(threaded.H, single.H)).toBeLessThan(1e-4);
    });
  }

  it('starts its helpers from source run through tsx, which wraps inner functions in __name()', () => {
    // The benchmarks run src/ with tsx; the helper's source text must not need tsx's helpers.
    const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', resolve(packageRoot, 'test/threads-under-tsx.ts')],
      { cwd: packageRoot, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('wasm-sparse×2 5');
  });

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
    expect(maxRelativeDiff(a.W, single.W)).toBeLessThan(1e-4);
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

describe('threaded engine: helpers that fail', () => {
  const rows = 64;
  const cols = 2048;
  const x = smallMatrix(rows, cols, 3, 0.6);
  const options = { nComponents: 4, init: 'random' as const, maxIter: 20, tol: 0 };
  /** Spawns the real helper with its source edited by `edit`. */
  const spawnEdited = (edit: (source: string) => string) => (source: string) => {
    const worker = new Worker(edit(source), { eval: true });
    worker.unref();
    return worker;
  };

  async function failure(engine: ReturnType<typeof createThreadedWasmEngine>) {
    const started = performance.now();
    const error = await nmf(x, [rows, cols], { ...options, engine }).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error: error as Error, ms: performance.now() - started };
  }

  it('a helper that exits at start gives INTERNAL instead of a hang', async () => {
    const engine = createThreadedWasmEngine(() => {
      const worker = new Worker('process.exit(3)', { eval: true });
      worker.unref();
      return worker;
    }, 3);
    const { error } = await failure(engine);
    expect(isEccoError(error, 'INTERNAL'), String(error)).toBe(true);
    expect(error.message).toMatch(/helper thread failed to start \(helper \d exited with code 3\)/);
    expect(error.message).toMatch(/engine 'wasm'/);
  });

  it('a helper that throws at start gives INTERNAL with its error', async () => {
    const engine = createThreadedWasmEngine(
      spawnEdited((s) => `throw new RangeError('no memory for the helper');\n${s}`),
      2,
    );
    const { error } = await failure(engine);
    expect(isEccoError(error, 'INTERNAL'), String(error)).toBe(true);
    expect(error.message).toMatch(/failed to start.*no memory for the helper/);
  });

  it('a helper that never says ready times out', async () => {
    const engine = createThreadedWasmEngine(
      spawnEdited(() => 'setInterval(() => {}, 1000)'),
      2,
      { helperTimeoutMs: 300 },
    );
    const { error } = await failure(engine);
    expect(isEccoError(error, 'INTERNAL'), String(error)).toBe(true);
    expect(error.message).toMatch(/no ready message within 300 ms/);
  });

  it('a helper that traps during a pass ends the solve with INTERNAL', async () => {
    const engine = createThreadedWasmEngine(
      spawnEdited((s) =>
        s.replace(
          /(const op = ctl\[1\];)/,
          "$1 if (op !== 9) throw new WebAssembly.RuntimeError('unreachable');",
        ),
      ),
      2,
    );
    const { error, ms } = await failure(engine);
    expect(isEccoError(error, 'INTERNAL'), String(error)).toBe(true);
    expect(error.message).toMatch(/helper thread failed \(helper 0 failed during a pass\)/);
    expect(ms).toBeLessThan(30_000);
  });

  it('a helper that dies during a pass ends the solve after helperTimeoutMs', async () => {
    const engine = createThreadedWasmEngine(
      spawnEdited((s) => s.replace(/(const op = ctl\[1\];)/, '$1 if (op !== 9) process.exit(1);')),
      2,
      { helperTimeoutMs: 400 },
    );
    const { error, ms } = await failure(engine);
    expect(isEccoError(error, 'INTERNAL'), String(error)).toBe(true);
    expect(error.message).toMatch(/stopped answering|exited with code 1/);
    expect(ms).toBeLessThan(30_000);
  });

  it('refuses a helper it cannot listen to, and a bad helperTimeoutMs', async () => {
    const engine = createThreadedWasmEngine(() => ({ postMessage() {}, terminate() {} }), 2);
    const { error } = await failure(engine);
    expect(isEccoError(error, 'INVALID_ARGUMENT'), String(error)).toBe(true);
    expect(() =>
      createThreadedWasmEngine(() => ({ postMessage() {}, terminate() {} }), 2, {
        helperTimeoutMs: 0,
      }),
    ).toThrow(/helperTimeoutMs/);
  });
});
