import { EccoError } from '@explainable-ecco/core';
import type { EngineSession, NmfEngine } from './engine.js';
import { jsKernelSession } from './js-engine.js';
import { matMulModel } from './onnx-model.js';
import { wasmAvailable } from './select-engine.js';
import { wasmKernelSession } from './wasm-engine.js';
import { WasmArena } from './wasm-runtime.js';

/** The parts of the onnxruntime-node / onnxruntime-web module this engine uses. */
export interface OrtLike {
  InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSessionLike>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensorLike;
}

export interface OrtSessionLike {
  run(
    feeds: Record<string, OrtTensorLike>,
    fetches?: Record<string, OrtTensorLike>,
  ): Promise<Record<string, OrtTensorLike>>;
  release?(): Promise<void>;
}

export interface OrtTensorLike {
  readonly data: unknown;
  dispose?(): void;
}

export interface OrtEngineOptions {
  /** Passed to InferenceSession.create (e.g. { intraOpNumThreads: 2 }). */
  sessionOptions?: Record<string, unknown>;
}

/**
 * Runs the two large products X·B and Xᵀ·A in onnxruntime (its MatMul uses every core and the
 * CPU's widest vector unit) with X kept resident, and the sweeps in WebAssembly (JavaScript
 * where WebAssembly is unavailable). Pass the module itself, so this package never imports it:
 * `createOrtEngine(await import('onnxruntime-node'))`, or onnxruntime-web in a browser.
 *
 * Keeps a transposed copy of X (rows·cols floats) besides X itself.
 */
export function createOrtEngine(ort: OrtLike, options: OrtEngineOptions = {}): NmfEngine {
  if (
    !ort ||
    typeof ort.InferenceSession?.create !== 'function' ||
    typeof ort.Tensor !== 'function'
  ) {
    throw new EccoError('INVALID_ARGUMENT', 'createOrtEngine() needs the onnxruntime module.', {
      hint: "Pass the module object, e.g. createOrtEngine(await import('onnxruntime-node')).",
    });
  }
  return {
    name: 'onnxruntime',
    async prepare(x, rows, cols, reserveFloats) {
      const xt = new Float32Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) xt[j * rows + i] = x[i * cols + j];
      }
      const create = (model: Uint8Array) =>
        ort.InferenceSession.create(model, { ...options.sessionOptions });
      const [timesSession, transposedSession] = await Promise.all([
        create(
          matMulModel(
            { name: 'X', dims: ['rows', 'cols'] },
            { name: 'B', dims: ['cols', 'width'] },
            { name: 'Y', dims: ['rows', 'width'] },
          ),
        ),
        create(
          matMulModel(
            { name: 'X', dims: ['cols', 'rows'] },
            { name: 'B', dims: ['rows', 'width'] },
            { name: 'Y', dims: ['cols', 'width'] },
          ),
        ),
      ]);
      const xTensor = new ort.Tensor('float32', x, [rows, cols]);
      const xtTensor = new ort.Tensor('float32', xt, [cols, rows]);
      const kernels = (await wasmAvailable())
        ? wasmKernelSession(await WasmArena.create(reserveFloats * 4), 'onnxruntime+wasm')
        : jsKernelSession('onnxruntime+js');
      const product = async (
        session: OrtSessionLike,
        xs: OrtTensorLike,
        inner: number,
        outer: number,
        b: Float32Array,
        out: Float32Array,
        width: number,
      ) => {
        // The output tensor wraps `out`, so onnxruntime writes straight into our buffer; the
        // NaN sentinel catches a runtime that ignores pre-allocated outputs (then we copy).
        out[0] = Number.NaN;
        const result = await session.run(
          { X: xs, B: new ort.Tensor('float32', b, [inner, width]) },
          { Y: new ort.Tensor('float32', out, [outer, width]) },
        );
        const data = result.Y?.data;
        if (Number.isNaN(out[0]) && data instanceof Float32Array) out.set(data);
      };
      const session: EngineSession = {
        ...kernels,
        xTimes: (b, out, width) => product(timesSession, xTensor, cols, rows, b, out, width),
        xtTimes: (a, out, width) => product(transposedSession, xtTensor, rows, cols, a, out, width),
        dispose() {
          kernels.dispose();
          void timesSession.release?.();
          void transposedSession.release?.();
        },
      };
      return session;
    },
  };
}
