import { EccoError } from '@explainable-ecco/core';
import * as ort from 'onnxruntime-web/webgpu';
import type {
  CreateSessionOptions,
  OrtRuntime,
  OrtSessionLike,
  OrtTensorLike,
} from './ort-runtime.js';

function hasWebGpu(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    'gpu' in navigator &&
    Boolean((navigator as { gpu?: unknown }).gpu)
  );
}

/** onnxruntime-web: WebAssembly, or WebGPU where the browser has it. */
export const webRuntime: OrtRuntime = {
  name: 'onnxruntime-web',
  defaultDevice: 'wasm',
  async createSession(model: Uint8Array, options: CreateSessionOptions): Promise<OrtSessionLike> {
    const device = options.device === 'cpu' ? 'wasm' : options.device;
    if (device !== 'wasm' && device !== 'webgpu') {
      throw new EccoError('UNSUPPORTED_DEVICE', `Unknown device "${String(device)}".`, {
        hint: 'Use "wasm" (default) or "webgpu" in browsers.',
      });
    }
    if (device === 'webgpu' && !hasWebGpu()) {
      throw new EccoError('UNSUPPORTED_DEVICE', 'This browser has no WebGPU (navigator.gpu).', {
        hint: 'Use device "wasm", or a browser with WebGPU enabled.',
        details: { device },
      });
    }
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: [device],
      graphOptimizationLevel: 'all',
      ...(options.externalData ? { externalData: options.externalData } : {}),
      ...(options.sessionOptions as ort.InferenceSession.SessionOptions | undefined),
    };
    try {
      return await ort.InferenceSession.create(model, sessionOptions);
    } catch (cause) {
      throw new EccoError(
        'MODEL_CORRUPT',
        `onnxruntime-web could not load the model: ${String((cause as Error)?.message ?? cause).slice(0, 500)}`,
        {
          hint: 'Check that the .onnx file is intact, and that ortEnv.wasm.wasmPaths points at the onnxruntime-web .wasm files your page serves.',
          cause,
        },
      );
    }
  },
  tensor(type, data, dims): OrtTensorLike {
    return new ort.Tensor(type, data as never, dims);
  },
};

/** onnxruntime-web's global settings: set `ortEnv.wasm.wasmPaths` to where you serve its .wasm files. */
export const ortEnv = ort.env;
