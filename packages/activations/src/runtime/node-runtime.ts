import { EccoError } from '@explainable-ecco/core';
import * as ort from 'onnxruntime-node';
import type {
  CreateSessionOptions,
  OrtRuntime,
  OrtSessionLike,
  OrtTensorLike,
} from './ort-runtime.js';

/** onnxruntime-node (CPU). */
export const nodeRuntime: OrtRuntime = {
  name: 'onnxruntime-node',
  defaultDevice: 'cpu',
  async createSession(model: Uint8Array, options: CreateSessionOptions): Promise<OrtSessionLike> {
    if (options.device !== 'cpu') {
      throw new EccoError(
        'UNSUPPORTED_DEVICE',
        `Device "${options.device}" is not available in Node.`,
        {
          hint: 'Use device "cpu" in Node; "wasm" and "webgpu" are for browsers.',
          details: { device: options.device },
        },
      );
    }
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      ...(options.externalDataDir
        ? {
            extra: {
              session: { model_external_initializers_file_folder_path: options.externalDataDir },
            },
          }
        : {}),
      ...(options.sessionOptions as ort.InferenceSession.SessionOptions | undefined),
    };
    try {
      return await ort.InferenceSession.create(model, sessionOptions);
    } catch (cause) {
      throw new EccoError(
        'MODEL_CORRUPT',
        `onnxruntime could not load the model: ${String((cause as Error)?.message ?? cause).slice(0, 500)}`,
        {
          hint: 'The .onnx file (or its external data) may be damaged or use operators this onnxruntime lacks; re-export or re-download it.',
          cause,
        },
      );
    }
  },
  tensor(type, data, dims): OrtTensorLike {
    return new ort.Tensor(type, data as never, dims);
  },
};

/** onnxruntime-node's global settings (log level, …). */
export const ortEnv = ort.env;
