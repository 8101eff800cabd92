/**
 * Node entry (`@explainable-ecco/nmf/node`): the main entry's API, with `nmf` and `runNmf`
 * defaulting to `nodeAutoEngine`, which hands the two large products to onnxruntime-node (an
 * optional peer dependency) when X is dense enough for its MatMul to beat the sparse
 * WebAssembly kernels, and uses those kernels otherwise or when onnxruntime-node is missing.
 */
import type { Factorization } from '@explainable-ecco/core';
import type { NmfEngine } from './engine/engine.js';
import { createOrtEngine, type OrtLike } from './engine/ort-engine.js';
import { countNonZeros } from './engine/sparse-blocks.js';
import { wasmEngine } from './engine/wasm-engine.js';
import { nmf as baseNmf } from './nmf.js';
import { runNmf as baseRunNmf, type RunNmfOptions } from './run-nmf.js';
import type { NmfSequenceInput } from './sequences.js';
import type { NmfOptions, NmfResult } from './types.js';

export * from './index.js';

/** Share of non-zeros from which onnxruntime's dense MatMul is used (measured; see README). */
export const ORT_DENSITY_THRESHOLD = 0.3;

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
  return ort
    ? { onnxruntime: createOrtEngine(ort), auto: nodeAutoEngine }
    : { auto: nodeAutoEngine };
}

/** Picks onnxruntime-node for dense X (≥ ORT_DENSITY_THRESHOLD non-zeros), else WebAssembly. */
export const nodeAutoEngine: NmfEngine = {
  name: 'node-auto',
  async prepare(x, rows, cols, reserveFloats) {
    const ort = await loadOnnxRuntimeNode();
    const dense = countNonZeros(x) / x.length >= ORT_DENSITY_THRESHOLD;
    const engine = ort && dense ? createOrtEngine(ort) : wasmEngine;
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
