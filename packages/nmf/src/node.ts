/**
 * Node entry (`@explainable-ecco/nmf/node`): the main entry's API, with `nmf` and `runNmf`
 * defaulting to `nodeAutoEngine` (the sparse WebAssembly kernels on every core for large X),
 * plus the threaded and onnxruntime-node engines.
 */

import { availableParallelism } from 'node:os';
import type { Factorization } from '@explainable-ecco/core';
import type { NmfEngine } from './engine/engine.js';
import { SPARSE_DENSITY_THRESHOLD } from './engine/js-engine.js';
import { createOrtEngine, type OrtLike } from './engine/ort-engine.js';
import { countNonZeros } from './engine/stored-matrix.js';
import { wasmEngine } from './engine/wasm-engine.js';
import { nmf as baseNmf } from './nmf.js';
import { createNodeThreadedEngine } from './node-threads.js';
import { runNmf as baseRunNmf, type RunNmfOptions } from './run-nmf.js';
import type { NmfSequenceInput } from './sequences.js';
import type { NmfOptions, NmfResult } from './types.js';

export {
  createThreadedWasmEngine,
  type HelperThread,
  type SpawnHelper,
  type ThreadedEngineOptions,
} from './engine/threaded-wasm-engine.js';
export * from './index.js';
export { createNodeThreadedEngine } from './node-threads.js';

/** Non-zeros from which starting helper threads pays off (they take tens of ms to start). */
export const THREADS_MIN_NON_ZEROS = 250_000;

let ortModule: Promise<OrtLike | null> | undefined;

/** onnxruntime-node if it is installed (loaded once), else null. */
export function loadOnnxRuntimeNode(): Promise<OrtLike | null> {
  ortModule ??= import('onnxruntime-node').then(
    (mod) => ((mod as { default?: OrtLike }).default ?? (mod as unknown as OrtLike)) as OrtLike,
    () => null,
  );
  return ortModule;
}

/** Engines available in this Node process beyond 'wasm' and 'js', by name. */
export async function nodeEngines(): Promise<Record<string, NmfEngine>> {
  const ort = await loadOnnxRuntimeNode();
  const threaded = { 'wasm-threads': createNodeThreadedEngine() };
  return ort ? { ...threaded, onnxruntime: createOrtEngine(ort) } : threaded;
}

/**
 * The sparse WebAssembly kernels on every core (at most 4) when X has enough non-zeros and is
 * not nearly dense, else the single-threaded 'wasm' engine. onnxruntime-node is not chosen
 * automatically: on the shared 2-core machines measured (README) its dense MatMul lost to the
 * sparse kernels even at 50% non-zeros.
 */
export const nodeAutoEngine: NmfEngine = {
  name: 'node-auto',
  async prepare(x, rows, cols, reserveFloats) {
    const nnz = countNonZeros(x);
    const cores = Math.min(4, availableParallelism());
    const threaded =
      cores > 1 && nnz >= THREADS_MIN_NON_ZEROS && nnz / x.length < SPARSE_DENSITY_THRESHOLD;
    const engine = threaded ? createNodeThreadedEngine(cores) : wasmEngine;
    return engine.prepare(x, rows, cols, reserveFloats);
  },
};

/** `nmf` from the main entry, with `engine` defaulting to `nodeAutoEngine`. */
export function nmf(
  X: Float32Array | Float64Array,
  shape: readonly [number, number],
  options: NmfOptions,
): Promise<NmfResult> {
  return baseNmf(X, shape, { ...options, engine: options?.engine ?? nodeAutoEngine });
}

/** `runNmf` from the main entry, with `engine` defaulting to `nodeAutoEngine`. */
export function runNmf(input: NmfSequenceInput, options?: RunNmfOptions): Promise<Factorization>;
export function runNmf(
  input: readonly NmfSequenceInput[],
  options?: RunNmfOptions,
): Promise<Factorization[]>;
export function runNmf(
  input: NmfSequenceInput | readonly NmfSequenceInput[],
  options: RunNmfOptions = {},
): Promise<Factorization | Factorization[]> {
  return baseRunNmf(input as NmfSequenceInput[], {
    ...options,
    engine: options.engine ?? nodeAutoEngine,
  });
}
