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
    const user = (options.sessionOptions ?? {}) as ort.InferenceSession.SessionOptions;
    const userExtra = (user.extra ?? {}) as { session?: Record<string, unknown> };
    // A user's `extra` is merged one level deep, so extra.session entries of theirs keep the
    // external-data folder this package sets (a plain spread would drop it).
    const session = {
      ...userExtra.session,
      ...(options.externalDataDir
        ? { model_external_initializers_file_folder_path: options.externalDataDir }
        : {}),
    };
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      ...user,
      ...(user.extra !== undefined || options.externalDataDir
        ? { extra: { ...userExtra, session } }
        : {}),
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
